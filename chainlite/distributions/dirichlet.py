"""The Dirichlet distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Dirichlet(distribution.Distribution):
    """Dirichlet distributions over the simplex of the last axis of ``alpha``.

    Args:
        alpha: the concentrations (positive), shape ``batch_shape + (k,)``.

    ``sample`` draws ``xp.random.dirichlet(row, n)`` for each row of the batch in turn
    and, like Chainer, returns float32 whatever the dtype of ``alpha``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Dirichlet(numpy.array([0.5, 3., 1.], numpy.float32))
    >>> d.batch_shape, d.event_shape
    ((), (3,))
    >>> d.log_prob(numpy.array([0.2, 0.3, 0.5], numpy.float32)).array
    array(-0.41500223, dtype=float32)
    """

    def __init__(self, alpha):
        self.__alpha = _util.as_param(alpha)

    @property
    def alpha(self):
        """The concentrations."""
        return self.__alpha

    @_util.cached_property
    def alpha0(self):
        """The sums of the concentrations over the last axis."""
        return F.sum(self.alpha, axis=-1)

    @property
    def batch_shape(self):
        return self.alpha.shape[:-1]

    @property
    def event_shape(self):
        return self.alpha.shape[-1:]

    @property
    def params(self):
        return {'alpha': self.alpha}

    @property
    def support(self):
        return '[0, 1]'

    def _alpha0(self):
        return F.expand_dims(self.alpha0, -1)

    @_util.cached_property
    def mean(self):
        return self.alpha / F.broadcast_to(self._alpha0(), self.alpha.shape)

    @_util.cached_property
    def variance(self):
        a0 = F.broadcast_to(self._alpha0(), self.alpha.shape)
        return self.alpha * (a0 - self.alpha) / (F.square(a0) * (a0 + 1.))

    @_util.cached_property
    def entropy(self):
        a, a0 = self.alpha, self.alpha0
        k = a.shape[-1]
        return (F.sum(F.lgamma(a), axis=-1) - F.lgamma(a0) + (a0 - k) * F.digamma(a0)
                - F.sum((a - 1.) * F.digamma(a), axis=-1))

    def log_prob(self, x):
        x = _util.as_input(x, self.alpha.dtype, self.xp)
        shape = _util.broadcast_shape(x.shape, self.alpha.shape)
        x_log, a = _util.broadcast_params(shape, F.log(x), self.alpha)
        norm = F.lgamma(self.alpha0) - F.sum(F.lgamma(self.alpha), axis=-1)
        return F.sum((a - 1.) * x_log, axis=-1) + F.broadcast_to(norm, shape[:-1])

    def sample_n(self, n):
        xp = self.xp
        a = self.alpha.array
        k = a.shape[-1]
        rows = a.reshape(-1, k)
        draws = xp.stack([xp.random.dirichlet(row, n) for row in rows], axis=1)
        return _util.as_param(draws.reshape((n,) + a.shape).astype(numpy.float32))


@distribution.register_kl(Dirichlet, Dirichlet)
def _kl_dirichlet_dirichlet(dist1, dist2):
    a1, a2 = dist1.alpha, dist2.alpha
    d = F.digamma(a1) - F.broadcast_to(F.expand_dims(F.digamma(dist1.alpha0), -1), a1.shape)
    return (F.lgamma(dist1.alpha0) - F.lgamma(dist2.alpha0)
            - F.sum(F.lgamma(a1), axis=-1) + F.sum(F.lgamma(a2), axis=-1)
            + F.sum((a1 - a2) * d, axis=-1))
