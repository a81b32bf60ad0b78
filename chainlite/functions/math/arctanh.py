"""``arctanh``: elementwise inverse hyperbolic tangent.

>>> import numpy, chainlite.functions as F
>>> F.arctanh(numpy.array([0.0])).array.tolist()
[0.0]
"""
from chainlite.functions.math._elementwise import UnaryFunction


class Arctanh(UnaryFunction):
    label = 'arctanh'

    def compute(self, xp, x):
        return xp.arctanh(x)

    def grad(self, x, gy):
        return gy / (1.0 - x * x)


def arctanh(x):
    """Elementwise inverse hyperbolic tangent."""
    return Arctanh().apply((x,))[0]
