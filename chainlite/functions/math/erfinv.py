"""``erfinv``: the inverse of ``erf`` (inf at 1, -inf at -1, nan outside [-1, 1]).

It evaluates with ``scipy.special.erfinv`` (``cupyx.scipy.special`` on GPU), or
without SciPy with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.erfinv(F.erf(numpy.array([0.3]))).array.round(6).tolist()
[0.3]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp


class ErfInv(UnaryFunction):
    label = 'erfinv'
    retain = 'y'

    def compute(self, xp, x):
        return _special.call('erfinv', x)

    def grad(self, y, gy):
        return gy * exp(y * y) * (math.sqrt(math.pi) / 2.0)


def erfinv(x):
    """Elementwise inverse error function."""
    return ErfInv().apply((x,))[0]
