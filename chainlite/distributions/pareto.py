"""The Pareto distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Pareto(distribution.Distribution):
    """Pareto distributions with scales (minimums) ``scale`` and shapes ``alpha``.

    The density is ``alpha scale^alpha / x^(alpha + 1)`` for ``x >= scale``; ``log_prob``
    is ``-inf`` below ``scale``. ``mean`` is ``inf`` where ``alpha <= 1`` and
    ``variance`` where ``alpha <= 2``, as in Chainer. ``sample`` draws
    ``scale * (xp.random.pareto(alpha) + 1)``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Pareto(numpy.array([1., 2.], numpy.float32), numpy.array([0.5, 3.], numpy.float32))
    >>> d.mean.array
    array([inf,  3.], dtype=float32)
    >>> d.log_prob(numpy.array([1.5, 1.], numpy.float32)).array
    array([-1.3013449,       -inf], dtype=float32)
    """

    def __init__(self, scale, alpha):
        self.__scale = _util.as_param(scale)
        self.__alpha = _util.as_param(alpha)

    @property
    def scale(self):
        """The scales (the smallest values)."""
        return self.__scale

    @property
    def alpha(self):
        """The shapes."""
        return self.__alpha

    @_util.cached_property
    def _log_scale(self):
        return F.log(self.scale)

    @_util.cached_property
    def _log_alpha(self):
        return F.log(self.alpha)

    @property
    def batch_shape(self):
        return self.scale.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'scale': self.scale, 'alpha': self.alpha}

    @property
    def support(self):
        return '[scale, inf]'

    @_util.cached_property
    def mean(self):
        a = self.alpha
        y = self.scale * a / (a - 1.)
        return _util.fill_where(a.array <= 1, numpy.inf, y)

    @_util.cached_property
    def variance(self):
        a = self.alpha
        y = F.square(self.scale) * a / (F.square(a - 1.) * (a - 2.))
        return _util.fill_where(a.array <= 2, numpy.inf, y)

    @_util.cached_property
    def entropy(self):
        return self._log_scale - self._log_alpha + 1. / self.alpha + 1.

    def log_prob(self, x):
        x = _util.as_input(x, self.scale.dtype, self.xp)
        y = self._log_alpha + self.alpha * self._log_scale - (self.alpha + 1.) * F.log(x)
        return _util.fill_where(getattr(x, 'array', x) < self.scale.array, -numpy.inf, y)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        alpha = xp.broadcast_to(self.alpha.array, shape)
        eps = (xp.random.pareto(alpha, size=shape) + 1.).astype(self.scale.dtype)
        return F.broadcast_to(self.scale, shape) * eps


@distribution.register_kl(Pareto, Pareto)
def _kl_pareto_pareto(dist1, dist2):
    y = (dist1._log_alpha - dist2._log_alpha + dist2.alpha * (dist1._log_scale
                                                              - dist2._log_scale)
         + (dist2.alpha - dist1.alpha) / dist1.alpha)
    return _util.fill_where(dist1.scale.array < dist2.scale.array, numpy.inf, y)
