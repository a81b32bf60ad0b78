"""``scale``: multiplies by ``y`` broadcast along ``x``'s axes from ``axis``.

``y``'s shape must equal ``x.shape[axis:axis + y.ndim]``.

>>> import numpy, chainlite.functions as F
>>> F.scale(numpy.ones((2, 3, 4)), numpy.arange(4.0), axis=2).array[0, 0].tolist()
[0.0, 1.0, 2.0, 3.0]
"""
from chainlite.functions.math.bias import expand
from chainlite.variable import as_variable


def scale(x, y, axis=1):
    """Elementwise ``x * y`` with ``y`` broadcast along ``x``'s axes from ``axis``."""
    return as_variable(x) * expand('scale', x, y, axis)
