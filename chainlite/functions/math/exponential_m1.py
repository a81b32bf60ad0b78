"""``expm1``: ``exp(x) - 1``, accurate for small ``x``.

>>> import numpy, chainlite.functions as F
>>> F.expm1(numpy.array([0.0])).array.tolist()
[0.0]
"""
from chainlite.functions.math._elementwise import UnaryFunction


class Expm1(UnaryFunction):
    label = 'expm1'
    retain = 'y'

    def compute(self, xp, x):
        return xp.expm1(x)

    def grad(self, y, gy):
        return gy * (y + 1.0)


def expm1(x):
    """Elementwise ``exp(x) - 1``, accurate for small ``x``."""
    return Expm1().apply((x,))[0]
