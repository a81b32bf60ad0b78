"""``linear_interpolate`` and ``batch_l2_norm_squared``.

>>> import numpy, chainlite.functions as F
>>> F.linear_interpolate(numpy.array([0.2]), numpy.array([1.0]), numpy.array([2.0])).array.tolist()
[1.8]
>>> F.batch_l2_norm_squared(numpy.array([[1.0, 2.0], [3.0, 4.0]])).array.tolist()
[5.0, 25.0]
"""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math._util import check_float, check_same_dtype, invalid
from chainlite.functions.math.sqrt import square
from chainlite.functions.math.sum import sum
from chainlite.variable import as_variable


def linear_interpolate(p, x, y):
    """Elementwise ``p * x + (1 - p) * y`` for float inputs of one shape and dtype."""
    label = 'LinearInterpolate'
    check_float(label, p=p, x=x, y=y)
    check_same_dtype(label, p=p, x=x, y=y)
    for name, v in (('x', x), ('y', y)):
        if v.shape != p.shape:
            raise invalid(label, 'p.shape == %s.shape' % name, '%s != %s' % (p.shape, v.shape))
    p = as_variable(p)
    return p * x + (1.0 - p) * y


def batch_l2_norm_squared(x):
    """Squared L2 norm of each sample: ``x`` of shape ``(N, ...)`` gives shape ``(N,)``."""
    check_float('BatchL2NormSquared', x=x)
    if x.ndim < 2:
        raise invalid('BatchL2NormSquared', 'x.ndim >= 2', '%d < 2 (x.shape = %s)'
                      % (x.ndim, x.shape))
    return sum(square(reshape(x, (x.shape[0], -1))), axis=1)
