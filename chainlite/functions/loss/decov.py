"""DeCov: penalises the off-diagonal covariance of hidden activations (Cogswell et al.)."""
import chainlite.functions as F
from chainlite import backend
from chainlite.functions.loss import _util
from chainlite.functions.loss.cross_covariance import centered
from chainlite.utils import type_check
from chainlite.variable import as_variable


def _check(h):
    type_check.expect(h.dtype.kind == 'f', h.ndim == 2)


def decov(h, reduce='half_squared_sum'):
    """DeCov loss of activations ``h (N, M)``: ``C = cov(h)`` with its diagonal zeroed.

    ``reduce='half_squared_sum'`` returns ``sum(C ** 2) / 2``; ``'no'`` returns ``C``.

    >>> import numpy, chainlite.functions as F
    >>> h = numpy.array([[1.0, 1.0], [-1.0, -1.0]])
    >>> F.decov(h).array
    array(1.)
    """
    _util.check_reduce('decov', reduce, ('half_squared_sum', 'no'))
    _util.check_types('DeCov', ('h',), (h,), _check)
    h = as_variable(h)
    hc = centered(h)
    xp = backend.get_array_module(h)
    off_diagonal = 1 - xp.eye(h.shape[1], dtype=h.dtype)
    cov = F.matmul(hc, hc, transa=True) * (off_diagonal / h.shape[0])
    if reduce == 'no':
        return cov
    return F.sum(cov * cov) * 0.5
