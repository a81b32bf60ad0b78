"""chainlite.functions: noise operations."""
from chainlite.functions.noise.dropout import dropout
from chainlite.functions.noise.gaussian import gaussian
from chainlite.functions.noise.gumbel_softmax import gumbel_softmax
from chainlite.functions.noise.simplified_dropconnect import simplified_dropconnect
from chainlite.functions.noise.zoneout import zoneout

__all__ = ['dropout', 'gaussian', 'gumbel_softmax', 'simplified_dropconnect', 'zoneout']
