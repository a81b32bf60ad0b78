"""The normal (Gaussian) distribution."""
import math

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F
from chainlite.utils import argument

_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)
_HALF_LOG_2PIE = 0.5 * math.log(2 * math.pi * math.e)


class Normal(distribution.Distribution):
    """Normal distributions ``N(loc, scale^2)``, elementwise over the batch.

    Args:
        loc: the means (array or Variable).
        scale: the standard deviations (array or Variable).
        log_scale: (keyword only) the logarithm of the standard deviations, instead of
            ``scale``. Exactly one of ``scale`` and ``log_scale`` must be given.

    ``sample`` is reparameterized (``loc + scale * eps``), so gradients flow from the
    samples to ``loc`` and ``scale``. It draws ``eps`` with
    ``xp.random.standard_normal`` like Chainer, so a seeded NumPy gives Chainer's samples.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Normal(numpy.zeros(2, numpy.float32), log_scale=numpy.zeros(2, numpy.float32))
    >>> d.log_prob(numpy.array([0., 1.], numpy.float32)).array
    array([-0.9189385, -1.4189385], dtype=float32)
    >>> d.sample(3).shape
    (3, 2)
    """

    def __init__(self, loc, scale=None, **kwargs):
        log_scale, = argument.parse_kwargs(kwargs, ('log_scale', None))
        if (scale is None) == (log_scale is None):
            raise ValueError('Either `scale` or `log_scale` (not both) must have a value.')
        self.__loc = _util.as_param(loc)
        self.__scale = None if scale is None else _util.as_param(scale)
        self.__log_scale = None if log_scale is None else _util.as_param(log_scale)

    @property
    def loc(self):
        """The means."""
        return self.__loc

    @_util.cached_property
    def scale(self):
        """The standard deviations (``exp(log_scale)`` when built from ``log_scale``)."""
        if self.__scale is not None:
            return self.__scale
        return F.exp(self.__log_scale)

    @_util.cached_property
    def log_scale(self):
        """The logarithm of the standard deviations."""
        if self.__log_scale is not None:
            return self.__log_scale
        return F.log(self.__scale)

    def _scale_shape(self):
        s = self.__scale if self.__scale is not None else self.__log_scale
        return s.shape

    @property
    def batch_shape(self):
        return _util.broadcast_shape(self.loc.shape, self._scale_shape())

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'loc': self.loc, 'scale': self.scale}

    @property
    def support(self):
        return 'real'

    @_util.cached_property
    def mean(self):
        return self.loc

    @_util.cached_property
    def stddev(self):
        return self.scale

    @_util.cached_property
    def variance(self):
        return F.square(self.scale)

    @_util.cached_property
    def entropy(self):
        return self.log_scale + _HALF_LOG_2PIE

    def _standardize(self, x):
        x = _util.as_input(x, self.loc.dtype, self.xp)
        return (x - self.loc) / self.scale

    def log_prob(self, x):
        z = self._standardize(x)
        return -0.5 * F.square(z) - self.log_scale - _HALF_LOG_2PI

    def prob(self, x):
        return F.exp(self.log_prob(x))

    def cdf(self, x):
        return F.ndtr(self._standardize(x))

    def log_cdf(self, x):
        return F.log_ndtr(self._standardize(x))

    def survival_function(self, x):
        return F.ndtr(-self._standardize(x))

    def log_survival_function(self, x):
        return F.log_ndtr(-self._standardize(x))

    def icdf(self, x):
        x = _util.as_input(x, self.loc.dtype, self.xp)
        return self.loc + self.scale * F.ndtri(x)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        eps = xp.random.standard_normal(shape).astype(self.loc.dtype, copy=False)
        loc = F.broadcast_to(self.loc, shape)
        scale = F.broadcast_to(self.scale, shape)
        return loc + scale * eps


@distribution.register_kl(Normal, Normal)
def _kl_normal_normal(dist1, dist2):
    diff = (dist1.loc - dist2.loc) / dist2.scale
    ratio = dist1.scale / dist2.scale
    return dist2.log_scale - dist1.log_scale + 0.5 * (F.square(ratio) + F.square(diff)) - 0.5
