"""The chi-square distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Chisquare(distribution.Distribution):
    """Chi-square distributions with ``k`` degrees of freedom, elementwise.

    This is the gamma distribution of shape ``k / 2`` and scale 2. As in Chainer,
    ``log_prob`` masks nothing (``nan`` for ``x < 0``) and no KL divergence is
    registered. ``sample`` draws ``xp.random.chisquare(k)``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Chisquare(numpy.array([0.5, 3.], numpy.float32))
    >>> d.variance.array
    array([1., 6.], dtype=float32)
    >>> d.log_prob(numpy.array([1.5, 2.], numpy.float32)).array
    array([-2.515408 , -1.5723649], dtype=float32)
    """

    def __init__(self, k):
        self.__k = _util.as_param(k)

    @property
    def k(self):
        """The degrees of freedom."""
        return self.__k

    @_util.cached_property
    def _half_k(self):
        return 0.5 * self.k

    @property
    def batch_shape(self):
        return self.k.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'k': self.k}

    @property
    def support(self):
        return 'positive'

    @property
    def mean(self):
        return self.k

    @_util.cached_property
    def variance(self):
        return 2. * self.k

    @_util.cached_property
    def entropy(self):
        h = self._half_k
        return h + numpy.log(2.) + F.lgamma(h) + (1. - h) * F.digamma(h)

    def log_prob(self, x):
        x = _util.as_input(x, self.k.dtype, self.xp)
        h = self._half_k
        return (h - 1.) * F.log(x) - 0.5 * x - F.lgamma(h) - numpy.log(2.) * h

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        k = xp.broadcast_to(self.k.array, shape)
        return _util.as_param(xp.random.chisquare(k, size=shape).astype(self.k.dtype))
