"""The beta distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


def _lbeta(a, b):
    return F.lgamma(a) + F.lgamma(b) - F.lgamma(a + b)


class Beta(distribution.Distribution):
    """Beta distributions on ``[0, 1]``: density ``x^(a-1) (1-x)^(b-1) / B(a, b)``.

    Args:
        a: the first shape parameters (positive).
        b: the second shape parameters (positive).

    ``log_prob`` is ``-inf`` outside ``[0, 1]``. ``sample`` draws with
    ``xp.random.beta(a, b)`` like Chainer (no gradient flows to the parameters).

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Beta(numpy.array([2., 1.], numpy.float32), numpy.array([2., 3.], numpy.float32))
    >>> d.mean.array
    array([0.5 , 0.25], dtype=float32)
    >>> d.log_prob(numpy.array([0.5, 0.5], numpy.float32)).array
    array([ 0.40546513, -0.28768206], dtype=float32)
    """

    def __init__(self, a, b):
        self.__a = _util.as_param(a)
        self.__b = _util.as_param(b)

    @property
    def a(self):
        """The first shape parameters."""
        return self.__a

    @property
    def b(self):
        """The second shape parameters."""
        return self.__b

    @_util.cached_property
    def _a_plus_b(self):
        return self.a + self.b

    @_util.cached_property
    def _lbeta(self):
        return _lbeta(self.a, self.b)

    @property
    def batch_shape(self):
        return self.a.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'a': self.a, 'b': self.b}

    @property
    def support(self):
        return '[0, 1]'

    @_util.cached_property
    def mean(self):
        return self.a / self._a_plus_b

    @_util.cached_property
    def variance(self):
        apb = self._a_plus_b
        return self.a * self.b / (F.square(apb) * (apb + 1.))

    @_util.cached_property
    def entropy(self):
        a, b = self.a, self.b
        return (self._lbeta - (a - 1.) * F.digamma(a) - (b - 1.) * F.digamma(b)
                + (self._a_plus_b - 2.) * F.digamma(self._a_plus_b))

    def log_prob(self, x):
        x = _util.as_input_variable(x, self.a.dtype, self.xp)
        y = (self.a - 1.) * F.log(x) + (self.b - 1.) * F.log1p(-x) - self._lbeta
        x_data = getattr(x, 'array', x)
        return _util.fill_where((x_data < 0) | (x_data > 1), -numpy.inf, y)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        a = xp.broadcast_to(self.a.array, shape)
        b = xp.broadcast_to(self.b.array, shape)
        return _util.as_param(xp.random.beta(a, b, size=shape).astype(self.a.dtype))


@distribution.register_kl(Beta, Beta)
def _kl_beta_beta(dist1, dist2):
    a1, b1, a2, b2 = dist1.a, dist1.b, dist2.a, dist2.b
    return (dist2._lbeta - dist1._lbeta + (a1 - a2) * F.digamma(a1)
            + (b1 - b2) * F.digamma(b1)
            + (a2 - a1 + b2 - b1) * F.digamma(dist1._a_plus_b))
