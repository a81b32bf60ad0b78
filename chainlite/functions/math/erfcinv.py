"""``erfcinv``: the inverse of ``erfc`` (defined on [0, 2]).

It evaluates with ``scipy.special.erfcinv`` (``cupyx.scipy.special`` on GPU), or
without SciPy with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.erfcinv(numpy.array([0.5])).array.round(6).tolist()
[0.476936]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp


class ErfcInv(UnaryFunction):
    label = 'erfcinv'
    retain = 'y'

    def compute(self, xp, x):
        return _special.call('erfcinv', x)

    def grad(self, y, gy):
        return gy * exp(y * y) * (-math.sqrt(math.pi) / 2.0)


def erfcinv(x):
    """Elementwise inverse complementary error function."""
    return ErfcInv().apply((x,))[0]
