"""``batch_l2_norm_squared``: the squared L2 norm of each sample of a batch.

>>> import numpy, chainlite.functions as F
>>> F.batch_l2_norm_squared(numpy.array([[1.0, 2.0], [3.0, 4.0]])).array.tolist()
[5.0, 25.0]
"""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math._util import check_float, invalid
from chainlite.functions.math.square import square
from chainlite.functions.math.sum import sum


def batch_l2_norm_squared(x):
    """Squared L2 norm of each sample: ``x`` of shape ``(N, ...)`` gives shape ``(N,)``."""
    check_float('BatchL2NormSquared', x=x)
    if x.ndim < 2:
        raise invalid('BatchL2NormSquared', 'x.ndim >= 2', '%d < 2 (x.shape = %s)'
                      % (x.ndim, x.shape))
    return sum(square(reshape(x, (x.shape[0], -1))), axis=1)
