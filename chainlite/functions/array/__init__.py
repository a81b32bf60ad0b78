"""chainlite.functions: array operations."""
from chainlite.functions.array.broadcast import broadcast, broadcast_to
from chainlite.functions.array.get_item import get_item
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose

__all__ = ['broadcast', 'broadcast_to', 'get_item', 'reshape', 'transpose']
