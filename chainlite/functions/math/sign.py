"""``sign``: elementwise sign: -1, 0 or 1 (no gradient; integer input allowed).

>>> import numpy, chainlite.functions as F
>>> F.sign(numpy.array([1.5, -2.5])).array.tolist()
[1.0, -1.0]
"""
from chainlite.functions.math._elementwise import piecewise_constant


def sign(x):
    """Elementwise sign: -1, 0 or 1 (a Variable outside the graph, as in Chainer)."""
    return piecewise_constant('sign', x)
