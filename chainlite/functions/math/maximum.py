"""Elementwise ``maximum``, ``minimum``, ``fmod`` and ``squared_difference`` of two inputs.

``maximum``/``minimum``/``fmod`` broadcast as NumPy; on ties the gradient goes to ``x1``.

>>> import numpy, chainlite.functions as F
>>> F.maximum(numpy.array([1.0, 5.0]), numpy.array([3.0, 2.0])).array.tolist()
[3.0, 5.0]
>>> F.fmod(numpy.array([5.0, -5.0]), numpy.array([3.0, 3.0])).array.tolist()
[2.0, -2.0]
"""
from chainlite import backend
from chainlite.functions.math._elementwise import BinaryFunction
from chainlite.functions.math._util import constant


def _mask(cond, dtype):
    return constant(cond.astype(dtype))


class Maximum(BinaryFunction):
    label = 'Maximum'

    def compute(self, xp, x1, x2):
        return xp.maximum(x1, x2)

    def grad(self, x1, x2, gy):
        m = _mask(x1.array >= x2.array, gy.dtype)
        return gy * m, gy * (1.0 - m)


class Minimum(BinaryFunction):
    label = 'Minimum'

    def compute(self, xp, x1, x2):
        return xp.minimum(x1, x2)

    def grad(self, x1, x2, gy):
        m = _mask(x1.array <= x2.array, gy.dtype)
        return gy * m, gy * (1.0 - m)


class Fmod(BinaryFunction):
    label = 'fmod'

    def compute(self, xp, x, divisor):
        return xp.fmod(x, divisor)

    def grad(self, x, divisor, gy):
        xp = backend.get_array_module(x.array)
        quotient = constant(xp.fix(x.array / divisor.array).astype(gy.dtype))
        return gy, gy * -quotient


class SquaredDifference(BinaryFunction):
    label = 'squared_difference'
    same_shape = True

    def compute(self, xp, x1, x2):
        d = x1 - x2
        return d * d

    def grad(self, x1, x2, gy):
        g = gy * (x1 - x2) * 2.0
        return g, -g


def maximum(x1, x2):
    """Elementwise maximum of two float inputs of one dtype."""
    return Maximum().apply((x1, x2))[0]


def minimum(x1, x2):
    """Elementwise minimum of two float inputs of one dtype."""
    return Minimum().apply((x1, x2))[0]


def fmod(x, divisor):
    """Elementwise remainder of ``x / divisor`` with the sign of ``x`` (C's fmod)."""
    return Fmod().apply((x, divisor))[0]


def squared_difference(x1, x2):
    """Elementwise ``(x1 - x2) ** 2`` for inputs of the same shape."""
    return SquaredDifference().apply((x1, x2))[0]
