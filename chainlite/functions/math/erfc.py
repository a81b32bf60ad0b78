"""``erfc``: the complementary error function ``1 - erf(x)``.

It evaluates with ``scipy.special.erfc`` (``cupyx.scipy.special`` on GPU), or
without SciPy with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.erfc(numpy.array([0.0])).array.tolist()
[1.0]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp


class Erfc(UnaryFunction):
    label = 'erfc'

    def compute(self, xp, x):
        return _special.call('erfc', x)

    def grad(self, x, gy):
        return gy * exp(-x * x) * (-2.0 / math.sqrt(math.pi))


def erfc(x):
    """Elementwise complementary error function."""
    return Erfc().apply((x,))[0]
