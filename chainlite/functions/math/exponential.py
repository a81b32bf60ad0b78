"""Exponential and logarithms: ``exp``, ``log``, ``log2``, ``log10``.

>>> import numpy, chainlite.functions as F
>>> F.exp(numpy.array([0.0, 1.0])).array.round(4).tolist()
[1.0, 2.7183]
>>> F.log10(numpy.array([10.0, 1000.0])).array.tolist()
[1.0, 3.0]
"""
import math

from chainlite.functions.math._elementwise import UnaryFunction


class Exp(UnaryFunction):
    label = 'exp'
    retain = 'y'

    def compute(self, xp, x):
        return xp.exp(x)

    def grad(self, y, gy):
        return gy * y


class Log(UnaryFunction):
    label = 'log'

    def compute(self, xp, x):
        return xp.log(x)

    def grad(self, x, gy):
        return gy / x


class Log2(UnaryFunction):
    label = 'log2'

    def compute(self, xp, x):
        return xp.log2(x)

    def grad(self, x, gy):
        return gy / x * (1.0 / math.log(2.0))


class Log10(UnaryFunction):
    label = 'log10'

    def compute(self, xp, x):
        return xp.log10(x)

    def grad(self, x, gy):
        return gy / x * (1.0 / math.log(10.0))


def exp(x):
    """Elementwise exponential, ``e ** x``."""
    return Exp().apply((x,))[0]


def log(x):
    """Elementwise natural logarithm."""
    return Log().apply((x,))[0]


def log2(x):
    """Elementwise base-2 logarithm."""
    return Log2().apply((x,))[0]


def log10(x):
    """Elementwise base-10 logarithm."""
    return Log10().apply((x,))[0]
