"""``sign``: elementwise sign: -1, 0 or 1 (no gradient; integer input allowed).

>>> import numpy, chainlite.functions as F
>>> F.sign(numpy.array([1.5, -2.5])).array.tolist()
[1.0, -1.0]
"""
from chainlite.functions.math._elementwise import PiecewiseConstant


class Sign(PiecewiseConstant):
    label = 'sign'


def sign(x):
    """Elementwise sign: -1, 0 or 1."""
    return Sign().apply((x,))[0]
