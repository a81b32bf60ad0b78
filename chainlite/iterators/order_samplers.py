"""Order samplers: decide the order in which an iterator visits a dataset each epoch."""
import numpy


class OrderSampler:
    """Base class: ``sampler(current_order, current_position)`` returns the next epoch's order.

    ``current_order`` is the order of the epoch that just ended (``arange(n)``
    at the start) and ``current_position`` the position the batch that ended
    it started at. The result must be a permutation of ``range(n)``.
    """

    def __call__(self, current_order, current_position):
        raise NotImplementedError


class ShuffleOrderSampler(OrderSampler):
    """Draws a fresh random permutation each epoch.

    ``random_state`` is a ``numpy.random.RandomState``; by default NumPy's
    global one, so ``numpy.random.seed`` makes the order reproducible. A
    sampler with its own RandomState saves and restores it with its
    iterator's state (chainlite only; Chainer saves no sampler state), so a
    resumed SerialIterator draws the same orders as an uninterrupted one.

    >>> sampler = ShuffleOrderSampler(numpy.random.RandomState(0))
    >>> sampler(numpy.arange(5), 0).tolist()
    [2, 0, 1, 3, 4]
    """

    def __init__(self, random_state=None):
        self._random = random_state

    def __call__(self, current_order, current_position):
        random = numpy.random if self._random is None else self._random
        return random.permutation(len(current_order))

    def serialize(self, serializer):
        """Saves or loads the sampler's own RandomState (nothing for NumPy's global one)."""
        if not isinstance(self._random, numpy.random.RandomState):
            return
        name, keys, pos, has_gauss, cached_gaussian = self._random.get_state()
        try:
            keys = serializer('keys', keys)
            pos = serializer('pos', int(pos))
            has_gauss = serializer('has_gauss', int(has_gauss))
            cached_gaussian = serializer('cached_gaussian', float(cached_gaussian))
        except KeyError:  # a state saved by Chainer, which has no sampler state
            return
        self._random.set_state((name, keys, pos, has_gauss, cached_gaussian))
