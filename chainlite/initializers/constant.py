"""Initializers that fill a fixed value: Constant, Zero, One, NaN, Identity."""
import numpy

from chainlite import backend
from chainlite.initializers._base import Initializer


class Constant(Initializer):
    """Fills a scalar, or an array broadcast to the target's shape.

    >>> import numpy
    >>> a = numpy.empty((2, 3), numpy.float32)
    >>> Constant(numpy.array([1., 2., 3.]))(a)
    >>> a[1].tolist()
    [1.0, 2.0, 3.0]
    """

    def __init__(self, fill_value, dtype=None):
        super().__init__(dtype)
        self.fill_value = fill_value

    def __call__(self, array):
        self._check_dtype(array)
        value = self.fill_value
        if isinstance(value, numpy.ndarray) or backend.is_gpu_array(value):
            if not _broadcastable(value.shape, array.shape):
                raise ValueError('%s: cannot fill an array of shape %s with a value of shape %s'
                                 % (type(self).__name__, array.shape, value.shape))
            value = backend.get_device_from_array(array).send(value)
        array[...] = value


def _broadcastable(src, dst):
    try:
        return numpy.broadcast_shapes(src, dst) == dst
    except ValueError:
        return False


class Zero(Constant):
    """Fills zeros."""

    fill_value = 0.0

    def __init__(self, dtype=None):
        super().__init__(self.fill_value, dtype)


class One(Constant):
    """Fills ones."""

    fill_value = 1.0

    def __init__(self, dtype=None):
        super().__init__(self.fill_value, dtype)


class NaN(Constant):
    """Fills NaN (floating-point arrays only); marks values still to be computed."""

    fill_value = numpy.nan

    def __init__(self, dtype=None):
        super().__init__(self.fill_value, dtype)

    def __call__(self, array):
        if array.dtype.kind not in 'fc':
            raise TypeError('NaN: cannot fill NaN into an array of dtype %s' % array.dtype)
        super().__call__(array)


class Identity(Initializer):
    """Fills ``scale`` times the identity; only for square 2-D arrays.

    >>> import numpy
    >>> a = numpy.empty((2, 2), numpy.float32)
    >>> Identity(2.0)(a)
    >>> a.tolist()
    [[2.0, 0.0], [0.0, 2.0]]
    """

    def __init__(self, scale=1.0, dtype=None):
        super().__init__(dtype)
        self.scale = scale

    def __call__(self, array):
        self._check_dtype(array)
        if array.ndim != 2 or array.shape[0] != array.shape[1]:
            raise ValueError('Identity: only square 2-D arrays can be filled, got shape %s'
                             % (array.shape,))
        xp = backend.get_array_module(array)
        array[...] = xp.identity(array.shape[0]) * self.scale
