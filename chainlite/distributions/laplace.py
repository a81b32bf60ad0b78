"""The Laplace distribution."""
import math

import numpy

from chainlite.distributions import _families
from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F

_LOG_2 = math.log(2.)


class Laplace(_families.LocScale):
    """Laplace distributions with density ``exp(-|x - loc| / scale) / (2 scale)``.

    Args:
        loc: the locations (means, medians and modes).
        scale: the scales (positive).

    ``sample`` is ``loc + scale * e`` with ``e`` from ``xp.random.laplace``, like Chainer,
    so it is reparameterized. The draws are rounded to float32 first, as in Chainer.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Laplace(numpy.zeros(2, numpy.float32), numpy.array([1., 2.], numpy.float32))
    >>> d.log_prob(numpy.array([1., 0.], numpy.float32)).array
    array([-1.6931472, -1.3862944], dtype=float32)
    >>> d.cdf(numpy.array([0., 0.], numpy.float32)).array
    array([0.5, 0.5], dtype=float32)
    """

    @_util.cached_property
    def mean(self):
        return self.loc

    @_util.cached_property
    def mode(self):
        return self.loc

    @_util.cached_property
    def variance(self):
        return 2. * F.square(self.scale)

    @_util.cached_property
    def stddev(self):
        return math.sqrt(2.) * self.scale

    @_util.cached_property
    def entropy(self):
        return F.log(self.scale) + (1. + _LOG_2)

    def _diff(self, x):
        return _util.as_input(x, self.loc.dtype, self.xp) - self.loc

    def log_prob(self, x):
        return -F.absolute(self._diff(x)) / self.scale - F.log(self.scale) - _LOG_2

    def prob(self, x):
        return F.exp(self.log_prob(x))

    def cdf(self, x):
        d = self._diff(x)
        sign = self.xp.sign(d.array)
        return 0.5 - 0.5 * sign * F.expm1(-F.absolute(d) / self.scale)

    def icdf(self, x):
        x = _util.as_input_variable(x, self.loc.dtype, self.xp)
        h = x - 0.5
        sign = self.xp.sign(h.array)
        return self.loc - self.scale * sign * F.log1p(-2. * F.absolute(h))

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        # Chainer rounds the draws to float32 whatever the parameters' dtype
        eps = xp.random.laplace(size=shape).astype(numpy.float32)
        eps = eps.astype(self.loc.dtype, copy=False)
        loc, scale = _util.broadcast_params(shape, self.loc, self.scale)
        return loc + scale * eps


@distribution.register_kl(Laplace, Laplace)
def _kl_laplace_laplace(dist1, dist2):
    d = F.absolute(dist1.loc - dist2.loc)
    return (F.log(dist2.scale) - F.log(dist1.scale) + d / dist2.scale
            + dist1.scale / dist2.scale * F.exp(-d / dist1.scale) - 1.)
