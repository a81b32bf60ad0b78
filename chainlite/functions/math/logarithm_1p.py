"""``log1p``: ``log(1 + x)``, accurate for small ``x``.

>>> import numpy, chainlite.functions as F
>>> F.log1p(numpy.array([0.0])).array.tolist()
[0.0]
"""
from chainlite.functions.math._elementwise import UnaryFunction


class Log1p(UnaryFunction):
    label = 'log1p'

    def compute(self, xp, x):
        return xp.log1p(x)

    def grad(self, x, gy):
        return gy / (x + 1.0)


def log1p(x):
    """Elementwise ``log(1 + x)``, accurate for small ``x``."""
    return Log1p().apply((x,))[0]
