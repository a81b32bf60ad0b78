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
    global one, so ``numpy.random.seed`` makes the order reproducible.

    >>> sampler = ShuffleOrderSampler(numpy.random.RandomState(0))
    >>> sampler(numpy.arange(5), 0).tolist()
    [2, 0, 1, 3, 4]
    """

    def __init__(self, random_state=None):
        self._random = random_state

    def __call__(self, current_order, current_position):
        random = numpy.random if self._random is None else self._random
        return random.permutation(len(current_order))
