"""The Gumbel distribution."""
import numpy

from chainlite.distributions import _families
from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F

EULER = 0.57721566490153286061


class Gumbel(_families.LocScale):
    """Gumbel (type-I extreme value) distributions with locations ``loc`` and scales
    ``scale``, elementwise.

    The density is ``exp(-(z + exp(-z))) / scale`` with ``z = (x - loc) / scale``.
    ``sample`` draws ``loc + scale * xp.random.gumbel(size)`` like Chainer.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Gumbel(numpy.array([0., 1.], numpy.float32), numpy.array([1., 2.], numpy.float32))
    >>> d.mean.array
    array([0.5772157, 2.1544313], dtype=float32)
    >>> d.log_prob(numpy.array([0.5, 3.], numpy.float32)).array
    array([-1.1065307, -2.0610266], dtype=float32)
    """

    @_util.cached_property
    def _log_scale(self):
        return F.log(self.scale)

    @_util.cached_property
    def mean(self):
        return self.loc + EULER * self.scale

    @_util.cached_property
    def variance(self):
        return (numpy.pi ** 2 / 6.) * F.square(self.scale)

    @_util.cached_property
    def entropy(self):
        return self._log_scale + (EULER + 1.)

    def log_prob(self, x):
        x = _util.as_input(x, self.loc.dtype, self.xp)
        z = (x - self.loc) / self.scale
        return -self._log_scale - z - F.exp(-z)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        eps = xp.random.gumbel(size=shape).astype(self.loc.dtype, copy=False)
        loc, scale = _util.broadcast_params(shape, self.loc, self.scale)
        return loc + scale * eps


@distribution.register_kl(Gumbel, Gumbel)
def _kl_gumbel_gumbel(dist1, dist2):
    ratio = dist1.scale / dist2.scale
    d = (dist1.loc - dist2.loc) / dist2.scale
    return (dist2._log_scale - dist1._log_scale + EULER * (ratio - 1.)
            + F.exp(-d + F.lgamma(ratio + 1.)) - 1. + d)
