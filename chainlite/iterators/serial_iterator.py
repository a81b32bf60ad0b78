"""SerialIterator: mini-batches in the calling thread, and the epoch bookkeeping of iterators."""
import collections
import operator

import numpy

from chainlite.dataset import iterator
from chainlite.serializer import Serializer
from chainlite.iterators.order_samplers import ShuffleOrderSampler

# ``order`` is None when examples are visited in dataset order;
# ``previous_epoch_detail`` is -1 before the first batch.
_State = collections.namedtuple(
    '_State', ('current_position', 'epoch', 'is_new_epoch', 'order', 'previous_epoch_detail'))


def _check_batch_size(batch_size, who):
    # A batch size below one would make every batch empty: training would spin without ever
    # finishing an epoch.
    try:
        size = operator.index(batch_size)
    except TypeError:
        raise TypeError('%s: batch_size must be an int, got %r' % (who, batch_size)) from None
    if size < 1:
        raise ValueError('%s: batch_size must be at least 1, got %d' % (who, size))
    return size


class SerialIterator(iterator.Iterator):
    """Iterates over a dataset in mini-batches (lists of examples), optionally shuffled.

    Args:
        dataset: anything with ``len`` and integer indexing.
        batch_size (int): examples per batch; a batch that crosses the end of
            an epoch continues into the next one when ``repeat`` is True.
        repeat (bool): loop forever; otherwise stop after one epoch (the last
            batch may be short) and raise ``StopIteration``.
        shuffle (bool): visit examples in a fresh random order each epoch
            (``None``: True unless ``order_sampler`` is given).
        order_sampler (callable): decides each epoch's order (see
            :class:`ShuffleOrderSampler`); only with ``shuffle=None``.

    >>> it = SerialIterator([1, 2, 3, 4, 5], 2, shuffle=False)
    >>> it.next(), it.next(), it.next(), it.epoch, it.is_new_epoch, it.epoch_detail
    ([1, 2], [3, 4], [5, 1], 1, True, 1.2)
    """

    _order_key = 'order'
    _saves_no_order = False  # whether an unshuffled order is saved, as None

    def __init__(self, dataset, batch_size, repeat=True, shuffle=None, order_sampler=None):
        self.dataset = dataset
        self.batch_size = _check_batch_size(batch_size, type(self).__name__)
        self._repeat = repeat
        if shuffle is not None and order_sampler is not None:
            raise ValueError('%s: `shuffle` is not `None` and a custom `order_sampler` is set. '
                             'Please set `shuffle` to `None` to use the custom order sampler.'
                             % type(self).__name__)
        if order_sampler is None and shuffle in (None, True):
            order_sampler = ShuffleOrderSampler()
        self.order_sampler = order_sampler
        self.reset()

    def __next__(self):
        indices, self._state = self._advance(self._state)
        if indices is None:
            raise StopIteration
        return [self.dataset[i] for i in indices]

    def _new_order(self, order, position):
        order = numpy.asarray(self.order_sampler(order, position))
        n = len(self.dataset)
        if order.shape != (n,):
            raise ValueError('%s: order_sampler returned an order of shape %s for a dataset of '
                             'length %d' % (type(self).__name__, order.shape, n))
        return order

    def _advance(self, state):
        """Returns the next batch's indices and the state after it; indices are None at the end."""
        n = len(self.dataset)
        if n == 0:
            raise ValueError('%s: the dataset is empty' % type(self).__name__)
        detail = state.epoch + state.current_position / n
        if not self._repeat and state.epoch > 0:
            return None, state._replace(previous_epoch_detail=detail)
        position, epoch, order = state.current_position, state.epoch, state.order
        indices = []
        is_new_epoch = False
        remaining = self.batch_size
        while remaining > 0:
            end = min(position + remaining, n)
            indices.extend(order[position:end] if order is not None else range(position, end))
            remaining -= end - position
            if end < n:
                position = end
                break
            epoch += 1
            is_new_epoch = True
            if order is not None:
                order = self._new_order(order, position)
            position = 0
            if not self._repeat:
                break
        return indices, _State(position, epoch, is_new_epoch, order, detail)

    @property
    def current_position(self):
        return self._state.current_position

    @property
    def epoch(self):
        return self._state.epoch

    @property
    def is_new_epoch(self):
        return self._state.is_new_epoch

    @property
    def epoch_detail(self):
        """Epochs done as a float: ``epoch + current_position / len(dataset)``."""
        return self._state.epoch + self._state.current_position / len(self.dataset)

    @property
    def previous_epoch_detail(self):
        """``epoch_detail`` before the last batch; ``None`` before the first one."""
        previous = self._state.previous_epoch_detail
        return None if previous < 0 else previous

    @property
    def repeat(self):
        return self._repeat

    def reset(self):
        """Goes back to the start of epoch 0 (drawing a new order when shuffling)."""
        order = None
        if self.order_sampler is not None:
            order = self._new_order(numpy.arange(len(self.dataset)), 0)
        self._state = _State(0, 0, False, order, -1.)

    def serialize(self, serializer):
        """Saves or loads ``current_position``, ``epoch``, ``is_new_epoch``, the order and
        ``previous_epoch_detail`` (Chainer's keys), and the order sampler's own state if it
        has one (under ``order_sampler/``)."""
        state = self._state
        position = int(serializer('current_position', state.current_position))
        epoch = int(serializer('epoch', state.epoch))
        is_new_epoch = bool(serializer('is_new_epoch', state.is_new_epoch))
        order = state.order
        if order is not None:
            order = numpy.asarray(serializer(self._order_key, order.copy()))
        elif self._saves_no_order and isinstance(serializer, Serializer):
            serializer(self._order_key, None)  # (Chainer's loader needs the key)
        previous = float(serializer('previous_epoch_detail', state.previous_epoch_detail))
        if hasattr(self.order_sampler, 'serialize'):
            self.order_sampler.serialize(serializer['order_sampler'])
        n = len(self.dataset)
        if not 0 <= position <= n or (order is not None and order.shape != (n,)):
            raise ValueError('%s.serialize: the saved state (position %d, order of shape %s) does '
                             'not fit a dataset of length %d'
                             % (type(self).__name__, position, getattr(order, 'shape', None), n))
        self._state = _State(position, epoch, is_new_epoch, order, previous)
