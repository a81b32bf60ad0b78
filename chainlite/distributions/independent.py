"""Reinterpreting batch dimensions of a distribution as event dimensions."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class Independent(distribution.Distribution):
    """Treats the last batch dimensions of a distribution as one multivariate event.

    Log-probabilities, entropies, KL divergences and log-CDFs of the base distribution are
    summed (probabilities and CDFs multiplied) over the reinterpreted dimensions.

    Args:
        distribution: the base distribution.
        reinterpreted_batch_ndims: how many trailing batch dimensions become event
            dimensions. The default keeps only the first batch dimension as batch
            (``max(len(distribution.batch_shape) - 1, 0)``).

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> h = numpy.zeros((2, 3), numpy.float32)
    >>> d = D.Independent(D.Bernoulli(logit=h), reinterpreted_batch_ndims=1)
    >>> d.batch_shape, d.event_shape
    ((2,), (3,))
    >>> d.log_prob(numpy.ones((2, 3), numpy.float32)).array
    array([-2.0794415, -2.0794415], dtype=float32)
    """

    def __init__(self, distribution, reinterpreted_batch_ndims=None):
        self.__distribution = distribution
        if reinterpreted_batch_ndims is None:
            reinterpreted_batch_ndims = max(len(distribution.batch_shape) - 1, 0)
        elif reinterpreted_batch_ndims > len(distribution.batch_shape):
            raise ValueError(
                'reinterpreted_batch_ndims must be less than or equal to the number of '
                'dimensions of `distribution.batch_shape`.')
        self.__reinterpreted_batch_ndims = reinterpreted_batch_ndims
        shape = tuple(distribution.batch_shape)
        split = len(shape) - reinterpreted_batch_ndims
        self.__batch_shape = shape[:split]
        self.__event_shape = shape[split:] + tuple(distribution.event_shape)

    @property
    def distribution(self):
        """The base distribution."""
        return self.__distribution

    @property
    def reinterpreted_batch_ndims(self):
        """How many batch dimensions of the base distribution are event dimensions."""
        return self.__reinterpreted_batch_ndims

    @property
    def batch_shape(self):
        return self.__batch_shape

    @property
    def event_shape(self):
        return self.__event_shape

    @property
    def params(self):
        return self.distribution.params

    @property
    def xp(self):
        return self.distribution.xp

    @property
    def support(self):
        return self.distribution.support

    @property
    def mean(self):
        return self.distribution.mean

    @property
    def mode(self):
        return self.distribution.mode

    @property
    def variance(self):
        return self.distribution.variance

    @property
    def stddev(self):
        return self.distribution.stddev

    @property
    def covariance(self):
        """The base covariance matrices of the reinterpreted dimensions as one
        block-diagonal matrix per distribution (Chainer's layout, blocks in C order)."""
        cov = self.distribution.covariance
        k = self.reinterpreted_batch_ndims
        batch = tuple(cov.shape[:cov.ndim - 2 - k])
        m = int(numpy.prod(cov.shape[len(batch):-2], dtype=numpy.int64))
        n = cov.shape[-1]
        cov = F.reshape(cov, batch + (m, n, 1, n))
        eye = self.xp.eye(m, dtype=cov.dtype).reshape(m, 1, m, 1)
        return F.reshape(cov * eye, batch + (m * n, m * n))

    def _sum(self, value):
        return _util.sum_last(value, self.reinterpreted_batch_ndims)

    def _prod(self, value):
        return _util.prod_last(value, self.reinterpreted_batch_ndims)

    @property
    def entropy(self):
        return self._sum(self.distribution.entropy)

    def log_prob(self, x):
        return self._sum(self.distribution.log_prob(x))

    def prob(self, x):
        return self._prod(self.distribution.prob(x))

    def cdf(self, x):
        return self._prod(self.distribution.cdf(x))

    def log_cdf(self, x):
        return self._sum(self.distribution.log_cdf(x))

    def survival_function(self, x):
        return self._prod(self.distribution.survival_function(x))

    def log_survival_function(self, x):
        return self._sum(self.distribution.log_survival_function(x))

    def perplexity(self, x):
        return self._prod(self.distribution.perplexity(x))

    def icdf(self, x):
        raise RuntimeError(
            'Cumulative distribution function for multivariate variable is not invertible.')

    def sample_n(self, n):
        return self.distribution.sample_n(n)


@distribution.register_kl(Independent, Independent)
def _kl_independent_independent(dist1, dist2):
    if dist1.event_shape != dist2.event_shape:
        raise ValueError('Event shapes do not match.')
    if dist1.reinterpreted_batch_ndims != dist2.reinterpreted_batch_ndims:
        raise NotImplementedError(
            'KL between Independents with different event shapes not supported.')
    kl = distribution.kl_divergence(dist1.distribution, dist2.distribution)
    return _util.sum_last(kl, dist1.reinterpreted_batch_ndims)
