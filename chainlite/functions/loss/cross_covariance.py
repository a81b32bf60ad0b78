"""Cross-covariance penalty between two sets of activations."""
import chainlite.functions as F
from chainlite.functions.loss import _util
from chainlite.utils import type_check
from chainlite.variable import as_variable


def _check(y, z):
    type_check.expect(y.dtype.kind == 'f', y.dtype == z.dtype, y.ndim == 2, z.ndim == 2,
                      y.shape[0] == z.shape[0])


def centered(x):
    """``x`` minus its mean over the batch (axis 0)."""
    mean = F.sum(x, axis=0, keepdims=True) * (1.0 / x.shape[0])
    return x - F.broadcast_to(mean, x.shape)


def cross_covariance(y, z, reduce='half_squared_sum'):
    """Cross-covariance ``C = (y - mean y)^T (z - mean z) / N`` of ``y (N, M)`` and ``z (N, K)``.

    ``reduce='half_squared_sum'`` returns ``sum(C ** 2) / 2``; ``'no'`` returns ``C``.

    >>> import numpy, chainlite.functions as F
    >>> y = numpy.array([[1.0], [-1.0]]); z = numpy.array([[2.0], [0.0]])
    >>> F.cross_covariance(y, z, reduce='no').array
    array([[1.]])
    """
    _util.check_reduce('cross_covariance', reduce, ('half_squared_sum', 'no'))
    _util.check_types('CrossCovariance', ('y', 'z'), (y, z), _check)
    y, z = as_variable(y), as_variable(z)
    cov = F.matmul(centered(y), centered(z), transa=True) * (1.0 / y.shape[0])
    if reduce == 'no':
        return cov
    return F.sum(cov * cov) * 0.5
