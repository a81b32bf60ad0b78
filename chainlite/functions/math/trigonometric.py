"""Trigonometric functions: ``sin``, ``cos``, ``tan``, ``arcsin``, ``arccos``, ``arctan``,
``arctan2``.

>>> import numpy, chainlite.functions as F
>>> F.cos(numpy.array([0.0])).array.tolist()
[1.0]
>>> F.arctan2(numpy.array([1.0]), numpy.array([1.0])).array.round(4).tolist()
[0.7854]
"""
from chainlite.functions.math._elementwise import BinaryFunction, UnaryFunction
from chainlite.functions.math.sqrt import rsqrt


class Sin(UnaryFunction):
    label = 'sin'

    def compute(self, xp, x):
        return xp.sin(x)

    def grad(self, x, gy):
        return gy * cos(x)


class Cos(UnaryFunction):
    label = 'cos'

    def compute(self, xp, x):
        return xp.cos(x)

    def grad(self, x, gy):
        return gy * -sin(x)


class Tan(UnaryFunction):
    label = 'tan'

    def compute(self, xp, x):
        return xp.tan(x)

    def grad(self, x, gy):
        c = cos(x)
        return gy / (c * c)


class Arcsin(UnaryFunction):
    label = 'arcsin'

    def compute(self, xp, x):
        return xp.arcsin(x)

    def grad(self, x, gy):
        return gy * rsqrt(1.0 - x * x)


class Arccos(UnaryFunction):
    label = 'arccos'

    def compute(self, xp, x):
        return xp.arccos(x)

    def grad(self, x, gy):
        return gy * -rsqrt(1.0 - x * x)


class Arctan(UnaryFunction):
    label = 'arctan'

    def compute(self, xp, x):
        return xp.arctan(x)

    def grad(self, x, gy):
        return gy / (x * x + 1.0)


class Arctan2(BinaryFunction):
    label = 'arctan2'

    def compute(self, xp, x1, x2):
        return xp.arctan2(x1, x2)

    def grad(self, x1, x2, gy):
        g = gy / (x1 * x1 + x2 * x2)
        return g * x2, g * -x1


def sin(x):
    """Elementwise sine."""
    return Sin().apply((x,))[0]


def cos(x):
    """Elementwise cosine."""
    return Cos().apply((x,))[0]


def tan(x):
    """Elementwise tangent."""
    return Tan().apply((x,))[0]


def arcsin(x):
    """Elementwise inverse sine."""
    return Arcsin().apply((x,))[0]


def arccos(x):
    """Elementwise inverse cosine."""
    return Arccos().apply((x,))[0]


def arctan(x):
    """Elementwise inverse tangent."""
    return Arctan().apply((x,))[0]


def arctan2(x1, x2):
    """Elementwise ``arctan(x1 / x2)`` in the quadrant of ``(x2, x1)``; broadcasts."""
    return Arctan2().apply((x1, x2))[0]
