"""The log-normal distribution."""
import math

from chainlite.distributions import _util
from chainlite.distributions import distribution
from chainlite.distributions import normal
import chainlite.functions as F

_HALF_LOG_2PIE = 0.5 * math.log(2 * math.pi * math.e)


class LogNormal(distribution.Distribution):
    """Log-normal distributions: ``log x`` is ``N(mu, sigma^2)``, elementwise.

    Args:
        mu: the means of ``log x``.
        sigma: the standard deviations of ``log x`` (positive).

    ``log_prob`` is not masked outside the support (it is NaN for ``x < 0``, as in
    Chainer). ``sample`` is ``exp(mu + sigma * eps)`` with ``eps`` from
    ``xp.random.standard_normal``, like Chainer, so it is reparameterized.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.LogNormal(numpy.zeros(2, numpy.float32), numpy.ones(2, numpy.float32))
    >>> d.log_prob(numpy.array([1., 2.], numpy.float32)).array
    array([-0.9189385, -1.8523122], dtype=float32)
    >>> d.mean.array
    array([1.6487212, 1.6487212], dtype=float32)
    """

    def __init__(self, mu, sigma):
        self.__mu = _util.as_param(mu)
        self.__sigma = _util.as_param(sigma)

    @property
    def mu(self):
        """The means of ``log x``."""
        return self.__mu

    @property
    def sigma(self):
        """The standard deviations of ``log x``."""
        return self.__sigma

    @_util.cached_property
    def _normal(self):
        return normal.Normal(self.mu, self.sigma)

    @property
    def batch_shape(self):
        return self.mu.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'mu': self.mu, 'sigma': self.sigma}

    @property
    def support(self):
        return 'positive'

    @_util.cached_property
    def mean(self):
        return F.exp(self.mu + 0.5 * F.square(self.sigma))

    @_util.cached_property
    def variance(self):
        s2 = F.square(self.sigma)
        return F.expm1(s2) * F.exp(2. * self.mu + s2)

    @_util.cached_property
    def entropy(self):
        return self.mu + self._normal.log_scale + _HALF_LOG_2PIE

    def log_prob(self, x):
        log_x = F.log(_util.as_input(x, self.mu.dtype, self.xp))
        return self._normal.log_prob(log_x) - log_x

    def sample_n(self, n):
        return F.exp(self._normal.sample_n(n))


@distribution.register_kl(LogNormal, LogNormal)
def _kl_log_normal_log_normal(dist1, dist2):
    return distribution.kl_divergence(dist1._normal, dist2._normal)
