"""``squared_difference``: elementwise ``(x1 - x2) ** 2`` of inputs of one shape.

>>> import numpy, chainlite.functions as F
>>> F.squared_difference(numpy.array([1.0, 5.0]), numpy.array([3.0, 2.0])).array.tolist()
[4.0, 9.0]
"""
from chainlite.functions.math._elementwise import BinaryFunction


class SquaredDifference(BinaryFunction):
    label = 'squared_difference'
    same_shape = True

    def compute(self, xp, x1, x2):
        d = x1 - x2
        return d * d

    def grad(self, x1, x2, gy):
        g = gy * (x1 - x2) * 2.0
        return g, -g


def squared_difference(x1, x2):
    """Elementwise squared difference of two inputs of the same shape and dtype."""
    return SquaredDifference().apply((x1, x2))[0]
