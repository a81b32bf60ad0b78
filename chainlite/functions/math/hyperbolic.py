"""Hyperbolic functions: ``sinh``, ``cosh`` and ``arctanh``.

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


class Arctanh(UnaryFunction):
    label = 'arctanh'

    def compute(self, xp, x):
        return xp.arctanh(x)

    def grad(self, x, gy):
        return gy / (1.0 - x * x)


def sinh(x):
    """Elementwise hyperbolic sine."""
    return Sinh().apply((x,))[0]


def cosh(x):
    """Elementwise hyperbolic cosine."""
    return Cosh().apply((x,))[0]


def arctanh(x):
    """Elementwise inverse hyperbolic tangent."""
    return Arctanh().apply((x,))[0]
