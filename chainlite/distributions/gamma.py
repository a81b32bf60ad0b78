"""The gamma distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Gamma(distribution.Distribution):
    """Gamma distributions with shapes ``k`` and scales ``theta``, elementwise.

    The density is ``x^(k-1) exp(-x / theta) / (Gamma(k) theta^k)`` for ``x >= 0``.

    Args:
        k: the shape parameters (positive).
        theta: the scale parameters (positive).

    ``log_prob`` is ``-inf`` for ``x < 0``. ``sample`` draws with
    ``xp.random.gamma(k) * theta`` like Chainer.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Gamma(numpy.array([1., 2.], numpy.float32), numpy.array([1., 3.], numpy.float32))
    >>> d.mean.array
    array([1., 6.], dtype=float32)
    >>> d.log_prob(numpy.array([1., 0.5], numpy.float32)).array
    array([-1.       , -3.0570385], dtype=float32)
    """

    def __init__(self, k, theta):
        self.__k = _util.as_param(k)
        self.__theta = _util.as_param(theta)

    @property
    def k(self):
        """The shape parameters."""
        return self.__k

    @property
    def theta(self):
        """The scale parameters."""
        return self.__theta

    @_util.cached_property
    def _log_theta(self):
        return F.log(self.theta)

    @property
    def batch_shape(self):
        return self.k.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'k': self.k, 'theta': self.theta}

    @property
    def support(self):
        return 'positive'

    @_util.cached_property
    def mean(self):
        return self.k * self.theta

    @_util.cached_property
    def variance(self):
        return self.k * F.square(self.theta)

    @_util.cached_property
    def entropy(self):
        k = self.k
        return k + self._log_theta + F.lgamma(k) + (1. - k) * F.digamma(k)

    def log_prob(self, x):
        x = _util.as_input(x, self.k.dtype, self.xp)
        y = ((self.k - 1.) * F.log(x) - x / self.theta - F.lgamma(self.k)
             - self.k * self._log_theta)
        return _util.fill_where(getattr(x, 'array', x) < 0, -numpy.inf, y)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        k = xp.broadcast_to(self.k.array, shape)
        eps = xp.random.gamma(k, size=shape).astype(self.k.dtype, copy=False)
        return F.broadcast_to(self.theta, shape) * eps


@distribution.register_kl(Gamma, Gamma)
def _kl_gamma_gamma(dist1, dist2):
    k1, k2 = dist1.k, dist2.k
    return ((k1 - k2) * F.digamma(k1) - F.lgamma(k1) + F.lgamma(k2)
            + k2 * (dist2._log_theta - dist1._log_theta) + k1 * (dist1.theta / dist2.theta - 1.))
