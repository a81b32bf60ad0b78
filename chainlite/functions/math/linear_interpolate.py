"""``linear_interpolate``: ``p * x + (1 - p) * y`` elementwise.

>>> import numpy, chainlite.functions as F
>>> F.linear_interpolate(numpy.array([0.2]), numpy.array([1.0]), numpy.array([2.0])).array.tolist()
[1.8]
"""
from chainlite.functions.math._util import check_float, check_same_dtype, invalid
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
