"""The initializer protocol: a callable that fills an array in place.

>>> import numpy
>>> from chainlite.initializers import Constant
>>> a = numpy.empty((2, 2), numpy.float32)
>>> Constant(3.0)(a)
>>> a.tolist()
[[3.0, 3.0], [3.0, 3.0]]
"""
import numpy

from chainlite import backend
from chainlite.configuration import get_dtype


def get_default_dtype():
    """The dtype initializers produce when neither they nor the caller name one.

    It is ``chainlite.config.dtype`` when set, else float32 (Chainer's default).
    """
    return get_dtype()


def get_fans(shape):
    """Returns ``(fan_in, fan_out)`` of a weight of this shape, as Chainer counts them.

    ``shape[1]`` is the input size and ``shape[0]`` the output size; any further
    axes (a convolution's kernel) multiply both.

    >>> get_fans((8, 3, 5, 5))
    (75, 200)
    """
    if not isinstance(shape, tuple):
        raise ValueError('get_fans: shape must be a tuple, got %s' % type(shape))
    if len(shape) < 2:
        raise ValueError('get_fans: shape must have at least 2 axes, got %s' % (shape,))
    receptive = int(numpy.prod(shape[2:], dtype=numpy.int64))
    return shape[1] * receptive, shape[0] * receptive


class Initializer:
    """Base of all initializers: ``initializer(array)`` fills ``array`` in place.

    Args:
        dtype: the dtype the initializer is meant for; ``None`` accepts any.
    """

    def __init__(self, dtype=None):
        self.dtype = dtype

    def __call__(self, array):
        raise NotImplementedError

    def _check_dtype(self, array):
        if self.dtype is not None and array.dtype != numpy.dtype(self.dtype):
            raise ValueError('%s: the array has dtype %s but the initializer is for %s'
                             % (type(self).__name__, array.dtype, numpy.dtype(self.dtype)))


class RandomInitializer(Initializer):
    """An initializer drawing from ``rng`` (``numpy.random`` when ``None``).

    With ``rng=None`` a NumPy array is filled from the global ``numpy.random``
    state in float64 and then cast, which is exactly what Chainer 7 does, so
    ``numpy.random.seed(s)`` reproduces Chainer's values. A CuPy array draws
    from ``cupy.random`` instead; an explicit ``rng`` always draws on the host.
    """

    def __init__(self, dtype=None, rng=None):
        super().__init__(dtype)
        self.rng = rng

    def _check_dtype(self, array):
        super()._check_dtype(array)
        if array.dtype.kind != 'f':
            raise TypeError('%s: random values need a floating-point array, got %s'
                            % (type(self).__name__, array.dtype))

    def _fill(self, array, method, **kwargs):
        """Fills ``array`` with ``<rng>.<method>(size=array.shape, **kwargs)``."""
        self._check_dtype(array)
        rng = self.rng
        if rng is None:
            rng = backend.get_array_module(array).random
        values = getattr(rng, method)(size=array.shape, **kwargs)
        array[...] = backend.get_device_from_array(array).send(values)


class FanScaled(RandomInitializer):
    """``_dist(s)`` with ``s = scale * _factor(fan_in, fan_out)``.

    The base of LeCun/Glorot/He initializers: a subclass names the distribution
    class (``Normal`` or ``Uniform``) and the factor computed from the fans.
    """

    _dist = None

    def __init__(self, scale=1.0, dtype=None, *, rng=None):
        super().__init__(dtype, rng)
        self.scale = scale

    def _factor(self, fan_in, fan_out):
        raise NotImplementedError

    def __call__(self, array):
        s = self.scale * self._factor(*get_fans(array.shape))
        self._dist(s, self.dtype, rng=self.rng)(array)
