"""``floor``: elementwise floor (no gradient; integer input allowed).

>>> import numpy, chainlite.functions as F
>>> F.floor(numpy.array([1.5, -2.5])).array.tolist()
[1.0, -3.0]
"""
from chainlite.functions.math._elementwise import PiecewiseConstant


class Floor(PiecewiseConstant):
    label = 'floor'


def floor(x):
    """Elementwise floor."""
    return Floor().apply((x,))[0]
