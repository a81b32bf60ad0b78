"""``ceil``: elementwise ceiling (no gradient; integer input allowed).

>>> import numpy, chainlite.functions as F
>>> F.ceil(numpy.array([1.5, -2.5])).array.tolist()
[2.0, -2.0]
"""
from chainlite.functions.math._elementwise import piecewise_constant


def ceil(x):
    """Elementwise ceiling (a Variable outside the graph, as in Chainer)."""
    return piecewise_constant('ceil', x)
