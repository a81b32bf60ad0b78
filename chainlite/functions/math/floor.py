"""``floor``: elementwise floor (no gradient; integer input allowed).

>>> import numpy, chainlite.functions as F
>>> F.floor(numpy.array([1.5, -2.5])).array.tolist()
[1.0, -3.0]
"""
from chainlite.functions.math._elementwise import piecewise_constant


def floor(x):
    """Elementwise floor (a Variable outside the graph, as in Chainer)."""
    return piecewise_constant('floor', x)
