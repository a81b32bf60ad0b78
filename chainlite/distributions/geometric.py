"""The geometric distribution."""
from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Geometric(distribution.Distribution):
    """Geometric distributions over ``{1, 2, ...}`` (trials up to the first success)
    with success probabilities ``p``, elementwise.

    ``log_prob(x) = log(p) + (x - 1) log(1 - p)``, evaluated at any ``x`` (Chainer masks
    nothing). ``sample`` draws ``xp.random.geometric(p)`` in the dtype of ``p``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Geometric(numpy.array([0.3, 0.6], numpy.float32))
    >>> d.mean.array
    array([3.3333333, 1.6666666], dtype=float32)
    >>> d.log_prob(numpy.array([1., 3.], numpy.float32)).array
    array([-1.2039728, -2.3434072], dtype=float32)
    """

    def __init__(self, p):
        self.__p = _util.as_param(p)

    @property
    def p(self):
        """The success probabilities."""
        return self.__p

    @property
    def batch_shape(self):
        return self.p.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'p': self.p}

    @property
    def support(self):
        return 'positive integer'

    @_util.cached_property
    def _log1m_p(self):
        return F.log1p(-self.p)

    @_util.cached_property
    def mean(self):
        return 1. / self.p

    @_util.cached_property
    def variance(self):
        return (1. - self.p) / F.square(self.p)

    def log_prob(self, x):
        x = _util.as_input(x, self.p.dtype, self.xp)
        return F.log(self.p) + (x - 1.) * self._log1m_p

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        p = xp.broadcast_to(self.p.array, shape)
        return _util.as_param(xp.random.geometric(p, size=shape).astype(self.p.dtype))


@distribution.register_kl(Geometric, Geometric)
def _kl_geometric_geometric(dist1, dist2):
    return (F.log(dist1.p) - F.log(dist2.p)
            + (1. / dist1.p - 1.) * (dist1._log1m_p - dist2._log1m_p))
