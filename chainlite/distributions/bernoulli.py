"""The Bernoulli distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Bernoulli(distribution.Distribution):
    """Bernoulli distributions over ``{0, 1}``, elementwise over the batch.

    Args:
        p: the probabilities of 1.
        logit: the log-odds ``log(p / (1 - p))``, instead of ``p``. Exactly one of ``p``
            and ``logit`` must be given.
        binary_check: when True, ``log_prob`` is ``-inf`` (``prob`` 0) at points that are
            neither 0 nor 1; otherwise such points are not checked.

    ``sample`` draws with ``xp.random.binomial(1, p)`` like Chainer and returns integers.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Bernoulli(logit=numpy.array([0., 2.], numpy.float32))
    >>> d.mean.array
    array([0.5      , 0.8807971], dtype=float32)
    >>> d.log_prob(numpy.array([1, 0], numpy.float32)).array
    array([-0.6931472, -2.126928 ], dtype=float32)
    """

    def __init__(self, p=None, logit=None, binary_check=False):
        if (p is None) == (logit is None):
            raise ValueError('Either `p` or `logit` (not both) must have a value.')
        self.__p = None if p is None else _util.as_param(p)
        self.__logit = None if logit is None else _util.as_param(logit)
        self.binary_check = binary_check

    @_util.cached_property
    def p(self):
        """The probabilities of 1 (``sigmoid(logit)`` when built from ``logit``)."""
        if self.__p is not None:
            return self.__p
        return F.sigmoid(self.__logit)

    @_util.cached_property
    def logit(self):
        """The log-odds (``log(p) - log(1 - p)`` when built from ``p``)."""
        if self.__logit is not None:
            return self.__logit
        return F.log(self.__p) - F.log1p(-self.__p)

    def _given(self):
        return self.__p if self.__p is not None else self.__logit

    @property
    def batch_shape(self):
        return self._given().shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'logit': self.logit}

    @property
    def support(self):
        return '{0, 1}'

    @_util.cached_property
    def mean(self):
        return self.p

    @_util.cached_property
    def variance(self):
        return self.p * (1 - self.p)

    @_util.cached_property
    def stddev(self):
        return F.sqrt(self.variance)

    def _log_p_and_log_q(self):
        """``log p`` and ``log(1 - p)``, computed stably from what was given."""
        if self.__p is not None:
            return F.log(self.__p), F.log1p(-self.__p)
        return -F.softplus(-self.__logit), -F.softplus(self.__logit)

    @property
    def entropy(self):
        log_p, log_q = self._log_p_and_log_q()
        p = self.p
        return -(_util.xlogy(p, log_p) + _util.xlogy(1 - p, log_q))

    def log_prob(self, x):
        xp = self.xp
        x = _util.as_input(x, self._given().dtype, xp)
        log_p, log_q = self._log_p_and_log_q()
        y = _util.xlogy(x, log_p) + _util.xlogy(1 - x, log_q)
        if self.binary_check:
            x_data = getattr(x, 'array', x)
            bad = xp.broadcast_to((x_data != 0) & (x_data != 1), y.shape)
            y = F.where(bad, xp.full(y.shape, -numpy.inf, y.dtype), y)
        return y

    def prob(self, x):
        return F.exp(self.log_prob(x))

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        p = xp.broadcast_to(self.p.array, shape)
        return _util.as_param(xp.random.binomial(1, p, size=shape))


@distribution.register_kl(Bernoulli, Bernoulli)
def _kl_bernoulli_bernoulli(dist1, dist2):
    log_p1, log_q1 = dist1._log_p_and_log_q()
    log_p2, log_q2 = dist2._log_p_and_log_q()
    p1 = dist1.p
    return (_util.xlogy(p1, log_p1) - p1 * log_p2
            + _util.xlogy(1 - p1, log_q1) - (1 - p1) * log_q2)
