"""The exponential distribution."""
import numpy

from chainlite.distributions import _families
from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Exponential(_families.Rate):
    """Exponential distributions with rates ``lam``: density ``lam exp(-lam x)``, ``x >= 0``.

    Args:
        lam: the rates (positive).

    ``log_prob`` is ``-inf`` for ``x < 0``; ``cdf`` is ``1 - exp(-lam x)`` everywhere
    (not clipped, as in Chainer). ``sample`` divides ``xp.random.exponential`` draws by
    ``lam``, like Chainer, so it is reparameterized.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Exponential(numpy.array([0.5, 2.], numpy.float32))
    >>> d.mean.array
    array([2. , 0.5], dtype=float32)
    >>> d.log_prob(numpy.array([-1., 1.], numpy.float32)).array
    array([      -inf, -1.3068528], dtype=float32)
    """

    @property
    def support(self):
        return 'positive'

    @_util.cached_property
    def mean(self):
        return 1. / self.lam

    @_util.cached_property
    def variance(self):
        return 1. / F.square(self.lam)

    @_util.cached_property
    def entropy(self):
        return 1. - self._log_lam

    def log_prob(self, x):
        x = _util.as_input(x, self.lam.dtype, self.xp)
        y = self._log_lam - self.lam * x
        return _util.fill_where(getattr(x, 'array', x) < 0, -numpy.inf, y)

    def cdf(self, x):
        x = _util.as_input(x, self.lam.dtype, self.xp)
        return -F.expm1(-self.lam * x)

    def icdf(self, x):
        x = _util.as_input_variable(x, self.lam.dtype, self.xp)
        return -F.log1p(-x) / self.lam

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        eps = xp.random.exponential(size=shape).astype(self.lam.dtype, copy=False)
        return eps / F.broadcast_to(self.lam, shape)


@distribution.register_kl(Exponential, Exponential)
def _kl_exponential_exponential(dist1, dist2):
    return dist1._log_lam - dist2._log_lam + dist2.lam / dist1.lam - 1.
