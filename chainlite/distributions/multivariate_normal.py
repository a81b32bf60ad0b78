"""The multivariate normal distribution, parameterized by a Cholesky factor."""
import math

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F
from chainlite.utils import argument

_LOG_2PI = math.log(2 * math.pi)


def _tril(scale_tril):
    """The lower triangle of a batch of matrices (the strict upper part zeroed)."""
    xp = scale_tril.xp
    n = scale_tril.shape[-1]
    return scale_tril * xp.tril(xp.ones((n, n), scale_tril.dtype))


def _inv_tril(scale_tril):
    """The inverses of the lower triangles of a batch of matrices (shape ``(..., n, n)``)."""
    tril = _tril(scale_tril)
    shape = tril.shape
    if len(shape) == 2:
        return F.inv(tril)
    inv = F.batch_inv(F.reshape(tril, (-1,) + shape[-2:]))
    return F.reshape(inv, shape)


def _sum_squares(x):
    return F.sum(F.square(x), axis=(-2, -1))


class MultivariateNormal(distribution.Distribution):
    """Multivariate normal distributions ``N(loc, scale_tril scale_tril^T)``.

    Args:
        loc: the means, of shape ``batch_shape + (d,)`` (array or Variable).
        scale_tril: (keyword only, required) lower-triangular Cholesky factors of the
            covariance matrices, of shape ``batch_shape + (d, d)``.

    As in Chainer, ``batch_shape`` is ``loc.shape[:-1]`` and ``event_shape`` is
    ``loc.shape[-1:]``; ``log_prob``, ``entropy`` and the KL divergence read only the lower
    triangle of ``scale_tril`` (it is solved against as a triangular matrix), while
    ``covariance`` and ``sample`` multiply by the whole matrix. ``sample`` is
    reparameterized (``loc + scale_tril @ eps``) and draws ``eps`` with
    ``xp.random.standard_normal`` like Chainer, so a seeded NumPy gives Chainer's samples.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.MultivariateNormal(numpy.zeros(2, numpy.float32),
    ...                          scale_tril=numpy.eye(2, dtype=numpy.float32))
    >>> d.batch_shape, d.event_shape
    ((), (2,))
    >>> d.log_prob(numpy.array([0., 1.], numpy.float32)).array
    array(-2.337877, dtype=float32)
    >>> d.sample(3).shape
    (3, 2)
    """

    def __init__(self, loc, **kwargs):
        scale_tril, = argument.parse_kwargs(kwargs, ('scale_tril', None))
        if scale_tril is None:
            raise ValueError('`scale_tril` must have a value.')
        self.__loc = _util.as_param(loc)
        self.__scale_tril = _util.as_param(scale_tril)

    @property
    def loc(self):
        """The means."""
        return self.__loc

    @property
    def scale_tril(self):
        """The Cholesky factors of the covariance matrices."""
        return self.__scale_tril

    @property
    def d(self):
        """The dimension of the events (``loc.shape[-1]``)."""
        return self.loc.shape[-1]

    @property
    def batch_shape(self):
        return tuple(self.loc.shape[:-1])

    @property
    def event_shape(self):
        return tuple(self.loc.shape[-1:])

    @property
    def params(self):
        return {'loc': self.loc, 'scale_tril': self.scale_tril}

    @property
    def support(self):
        return 'real'

    @_util.cached_property
    def _logdet_scale(self):
        """``log |det scale_tril|`` of the lower triangles (half the covariance's)."""
        diag = F.diagonal(self.scale_tril, 0, -2, -1)
        return F.sum(F.log(F.absolute(diag)), axis=-1)

    @_util.cached_property
    def _inv_scale_tril(self):
        return _inv_tril(self.scale_tril)

    @_util.cached_property
    def mean(self):
        return self.loc

    @_util.cached_property
    def covariance(self):
        return F.matmul(self.scale_tril, self.scale_tril, transb=True)

    @_util.cached_property
    def entropy(self):
        return self._logdet_scale + 0.5 * self.d * (_LOG_2PI + 1)

    def log_prob(self, x):
        x = _util.as_input(x, self.loc.dtype, self.xp)
        diff = x - self.loc
        z = F.matmul(self._inv_scale_tril, F.expand_dims(diff, -1))
        return -0.5 * _sum_squares(z) - self._logdet_scale - 0.5 * self.d * _LOG_2PI

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + self.batch_shape + self.event_shape
        eps = xp.random.standard_normal(shape).astype(self.loc.dtype, copy=False)
        noise = F.matmul(self.scale_tril, xp.expand_dims(eps, -1))
        return self.loc + F.squeeze(noise, -1)


@distribution.register_kl(MultivariateNormal, MultivariateNormal)
def _kl_multivariate_normal_multivariate_normal(dist1, dist2):
    inv2 = dist2._inv_scale_tril
    ratio = F.matmul(inv2, dist1.scale_tril)
    diff = F.matmul(inv2, F.expand_dims(dist2.loc - dist1.loc, -1))
    return (dist2._logdet_scale - dist1._logdet_scale
            + 0.5 * (_sum_squares(ratio) + _sum_squares(diff) - dist1.d))
