"""Hyperbolic functions: ``sinh`` and ``cosh``.

>>> import numpy, chainlite.functions as F
>>> F.cosh(numpy.array([0.0])).array.tolist()
[1.0]
"""
from chainlite.functions.math._elementwise import UnaryFunction


class Sinh(UnaryFunction):
    label = 'sinh'

    def compute(self, xp, x):
        return xp.sinh(x)

    def grad(self, x, gy):
        return gy * cosh(x)


class Cosh(UnaryFunction):
    label = 'cosh'

    def compute(self, xp, x):
        return xp.cosh(x)

    def grad(self, x, gy):
        return gy * sinh(x)


def sinh(x):
    """Elementwise hyperbolic sine."""
    return Sinh().apply((x,))[0]


def cosh(x):
    """Elementwise hyperbolic cosine."""
    return Cosh().apply((x,))[0]
