"""Dataset iterators: serial, multi-threaded and multi-process, with the same observable behaviour.

>>> from chainlite import iterators
>>> it = iterators.SerialIterator(list(range(10)), 4, repeat=False, shuffle=False)
>>> [len(batch) for batch in it]
[4, 4, 2]
"""
from chainlite.iterators.multiprocess_iterator import MultiprocessIterator  # NOQA
from chainlite.iterators.multithread_iterator import MultithreadIterator  # NOQA
from chainlite.iterators.order_samplers import OrderSampler, ShuffleOrderSampler  # NOQA
from chainlite.iterators.serial_iterator import SerialIterator  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.iterators')
