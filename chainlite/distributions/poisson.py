"""The Poisson distribution."""
import numpy

from chainlite.distributions import _families
from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Poisson(_families.Rate):
    """Poisson distributions with rates ``lam``, elementwise.

    ``log_prob(x) = x log(lam) - lam - lgamma(x + 1)``, also at non-integer ``x`` (as in
    Chainer; ``-inf`` at negative integers). ``sample`` draws ``xp.random.poisson(lam)``
    and, like Chainer, returns it as float32 whatever the dtype of ``lam``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Poisson(numpy.array([0.5, 3.], numpy.float32))
    >>> d.log_prob(numpy.array([0., 2.], numpy.float32)).array
    array([-0.5      , -1.4959226], dtype=float32)
    """

    @property
    def support(self):
        return 'non negative integer'

    @property
    def mean(self):
        return self.lam

    @property
    def variance(self):
        return self.lam

    def log_prob(self, x):
        x = _util.as_input_variable(x, self.lam.dtype, self.xp)
        return x * self._log_lam - self.lam - F.lgamma(x + 1.)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        lam = xp.broadcast_to(self.lam.array, shape)
        return _util.as_param(xp.random.poisson(lam, size=shape).astype(numpy.float32))


@distribution.register_kl(Poisson, Poisson)
def _kl_poisson_poisson(dist1, dist2):
    return dist1.lam * (dist1._log_lam - dist2._log_lam) - dist1.lam + dist2.lam
