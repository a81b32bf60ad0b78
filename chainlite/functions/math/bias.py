"""``bias``: adds ``y`` broadcast along ``x``'s axes from ``axis``.

``y``'s shape must equal ``x.shape[axis:axis + y.ndim]``.

>>> import numpy, chainlite.functions as F
>>> x = numpy.zeros((2, 3, 4))
>>> F.bias(x, numpy.arange(3.0)).array[0, :, 0].tolist()
[0.0, 1.0, 2.0]
"""
from chainlite.functions.array.broadcast import broadcast_to
from chainlite.functions.array.reshape import reshape
from chainlite.variable import as_variable


def expand(label, x, y, axis):
    """Reshapes and broadcasts ``y`` to ``x.shape``, aligned at ``axis``."""
    if not isinstance(axis, int) or not 0 <= axis <= x.ndim - y.ndim \
            or x.shape[axis:axis + y.ndim] != y.shape:
        raise ValueError('%s: y.shape must equal x.shape[axis:axis + y.ndim] (x.shape = %s, '
                         'y.shape = %s, axis = %r)' % (label, x.shape, y.shape, axis))
    shape = (1,) * axis + y.shape + (1,) * (x.ndim - axis - y.ndim)
    return broadcast_to(reshape(y, shape), x.shape)


def bias(x, y, axis=1):
    """Elementwise ``x + y`` with ``y`` broadcast along ``x``'s axes from ``axis``."""
    return as_variable(x) + expand('bias', x, y, axis)
