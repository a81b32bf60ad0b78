"""``fix``: elementwise rounding toward zero (no gradient; integer input allowed).

>>> import numpy, chainlite.functions as F
>>> F.fix(numpy.array([1.5, -2.5])).array.tolist()
[1.0, -2.0]
"""
from chainlite.functions.math._elementwise import piecewise_constant


def fix(x):
    """Elementwise rounding toward zero (a Variable outside the graph, as in Chainer)."""
    return piecewise_constant('fix', x)
