"""The one-hot categorical distribution."""
from chainlite.distributions import _util
from chainlite.distributions import categorical
from chainlite.distributions import distribution
import chainlite.functions as F


class OneHotCategorical(distribution.Distribution):
    """Categorical distributions whose draws are one-hot vectors over the last axis.

    Args:
        p: the class probabilities, shape ``batch_shape + (k,)``; the event shape is
            ``(k,)``.

    ``sample`` draws the labels as :class:`Categorical` does (``numpy.random.choice``
    row by row, as Chainer) and returns them one-hot, in the dtype of ``p``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.OneHotCategorical(numpy.array([[0.5, 0.25, 0.25]], numpy.float32))
    >>> d.batch_shape, d.event_shape
    ((1,), (3,))
    >>> d.log_prob(numpy.array([[0., 1., 0.]], numpy.float32)).array
    array([-1.3862944], dtype=float32)
    """

    def __init__(self, p):
        self.__p = _util.as_param(p)

    @property
    def p(self):
        """The class probabilities."""
        return self.__p

    @_util.cached_property
    def log_p(self):
        """The log-probabilities of the classes."""
        return F.log(self.p)

    @property
    def batch_shape(self):
        return self.p.shape[:-1]

    @property
    def event_shape(self):
        return self.p.shape[-1:]

    @property
    def params(self):
        return {'p': self.p}

    @property
    def mean(self):
        return self.p

    @_util.cached_property
    def variance(self):
        return self.p * (1. - self.p)

    def log_prob(self, x):
        x = _util.as_input(x, self.p.dtype, self.xp)
        shape = _util.broadcast_shape(x.shape, self.p.shape)
        x, log_p = _util.broadcast_params(shape, x, self.log_p)
        return F.sum(x * log_p, axis=-1)

    def sample_n(self, n):
        xp = self.xp
        k = self.p.shape[-1]
        idx = categorical.Categorical(self.p.array).sample_n(n).array
        return _util.as_param(xp.eye(k, dtype=self.p.dtype)[idx])


@distribution.register_kl(OneHotCategorical, OneHotCategorical)
def _kl_one_hot_categorical(dist1, dist2):
    return F.sum(dist1.p * (dist1.log_p - dist2.log_p), axis=-1)
