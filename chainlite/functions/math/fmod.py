"""``fmod``: elementwise remainder with the sign of the dividend (C's fmod; broadcasts).

>>> import numpy, chainlite.functions as F
>>> F.fmod(numpy.array([5.0, -5.0]), numpy.array([3.0, 3.0])).array.tolist()
[2.0, -2.0]
"""
from chainlite import backend
from chainlite.functions.math._elementwise import BinaryFunction
from chainlite.functions.math._util import constant


class Fmod(BinaryFunction):
    label = 'fmod'

    def compute(self, xp, x, divisor):
        return xp.fmod(x, divisor)

    def grad(self, x, divisor, gy):
        xp = backend.get_array_module(x.array)
        quotient = constant(xp.fix(x.array / divisor.array).astype(gy.dtype))
        return gy, gy * -quotient


def fmod(x, divisor):
    """Elementwise remainder of ``x / divisor`` with the sign of ``x``."""
    return Fmod().apply((x, divisor))[0]
