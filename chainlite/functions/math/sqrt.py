"""Square roots: ``sqrt`` and ``rsqrt`` (``1 / sqrt(x)``).

>>> import numpy, chainlite.functions as F
>>> F.sqrt(numpy.array([4.0, 9.0])).array.tolist()
[2.0, 3.0]
>>> F.rsqrt(numpy.array([4.0])).array.tolist()
[0.5]
"""
from chainlite.functions.math._elementwise import UnaryFunction


class Sqrt(UnaryFunction):
    label = 'sqrt'
    retain = 'y'

    def compute(self, xp, x):
        return xp.sqrt(x)

    def grad(self, y, gy):
        return gy / (y * 2.0)


class Rsqrt(UnaryFunction):
    label = 'rsqrt'
    retain = 'x'

    def compute(self, xp, x):
        return 1 / xp.sqrt(x)

    def grad(self, x, gy):
        # Chainer's order, the chain rule of 1 / sqrt(x): (-gy / s^2) / (2 s), s = sqrt(x)
        s = sqrt(x)
        return (-gy / (s * s)) / (s * 2.0)


def sqrt(x):
    """Elementwise square root."""
    return Sqrt().apply((x,))[0]


def rsqrt(x):
    """Elementwise reciprocal square root, ``1 / sqrt(x)``."""
    return Rsqrt().apply((x,))[0]
