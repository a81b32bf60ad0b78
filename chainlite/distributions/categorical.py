"""The categorical distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F
from chainlite.utils import argument


class Categorical(distribution.Distribution):
    """Categorical distributions over ``{0, ..., k - 1}``; the last axis holds the classes.

    Args:
        p: the class probabilities, shape ``batch_shape + (k,)``.
        logit: (keyword only) unnormalized log-probabilities, instead of ``p``
            (normalized with ``log_softmax``). Exactly one of ``p`` and ``logit`` must be
            given.

    ``sample`` draws like ``numpy.random.choice(k, n, p=row)`` for each row of the batch
    in turn (so it rejects rows that do not sum to 1), as Chainer does, and returns
    integer labels.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Categorical(numpy.array([[0.5, 0.25, 0.25]], numpy.float32))
    >>> d.batch_shape, d.event_shape
    ((1,), ())
    >>> d.log_prob(numpy.array([1], numpy.int32)).array
    array([-1.3862944], dtype=float32)
    >>> d.entropy.array
    array([1.0397208], dtype=float32)
    """

    def __init__(self, p=None, **kwargs):
        logit, = argument.parse_kwargs(kwargs, ('logit', None))
        if (p is None) == (logit is None):
            raise ValueError('Either `p` or `logit` (not both) must have a value.')
        self.__p = None if p is None else _util.as_param(p)
        self.__logit = None if logit is None else _util.as_param(logit)

    @_util.cached_property
    def p(self):
        """The class probabilities (``exp(log_softmax(logit))`` when built from ``logit``)."""
        if self.__p is not None:
            return self.__p
        return F.exp(self.log_p)

    @_util.cached_property
    def log_p(self):
        """The log-probabilities of the classes."""
        if self.__p is not None:
            return F.log(self.__p)
        return F.log_softmax(self.__logit, axis=-1)

    def _given(self):
        return self.__p if self.__p is not None else self.__logit

    @property
    def batch_shape(self):
        return self._given().shape[:-1]

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'p': self.p}

    @_util.cached_property
    def entropy(self):
        return -F.sum(_util.xlogy(self.p, self.log_p), axis=-1)

    def log_prob(self, x):
        xp = self.xp
        x = _util.as_index_input(x, xp)
        log_p = self.log_p
        k = log_p.shape[-1]
        shape = _util.broadcast_shape(x.shape, tuple(self.batch_shape))
        x = xp.broadcast_to(x, shape).reshape(-1)
        log_p = F.reshape(F.broadcast_to(log_p, shape + (k,)), (-1, k))
        return F.reshape(F.select_item(log_p, x), shape)

    def sample_n(self, n):
        xp = self.xp
        p = self.p.array
        k = p.shape[-1]
        rows = p.reshape(-1, k)
        _check_rows(rows, xp)
        # numpy.random.choice: float64 cdf normalized by its last value, searchsorted right
        cdf = xp.cumsum(rows.astype(numpy.float64), axis=-1)
        cdf /= cdf[:, -1:]
        u = xp.random.uniform(size=(rows.shape[0], n))
        idx = (cdf[:, None, :] <= u[:, :, None]).sum(axis=-1)
        idx = xp.minimum(idx, k - 1).astype(numpy.int64)
        idx = xp.ascontiguousarray(idx.T).reshape((n,) + tuple(self.batch_shape))
        return _util.as_param(idx)


def _check_rows(rows, xp):
    # The checks numpy.random.choice makes on each row of probabilities.
    atol = numpy.sqrt(numpy.finfo(numpy.float64).eps)
    if rows.dtype.kind == 'f':
        atol = max(atol, float(numpy.sqrt(numpy.finfo(rows.dtype).eps)))
    if bool(xp.any(rows < 0)):
        raise ValueError('probabilities are not non-negative')
    sums = rows.astype(numpy.float64).sum(axis=-1)
    if bool(xp.any(xp.abs(sums - 1.0) > atol)):
        raise ValueError('probabilities do not sum to 1')


@distribution.register_kl(Categorical, Categorical)
def _kl_categorical_categorical(dist1, dist2):
    return F.sum(dist1.p * (dist1.log_p - dist2.log_p), axis=-1)
