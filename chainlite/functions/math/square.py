"""``square``: elementwise ``x * x``.

>>> import numpy, chainlite.functions as F
>>> F.square(numpy.array([-3.0])).array.tolist()
[9.0]
"""
from chainlite.functions.math._elementwise import UnaryFunction


class Square(UnaryFunction):
    label = 'square'

    def compute(self, xp, x):
        return x * x

    def grad(self, x, gy):
        return gy * x * 2.0


def square(x):
    """Elementwise square, ``x * x``."""
    return Square().apply((x,))[0]
