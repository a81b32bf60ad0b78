"""``erf``: the error function ``2/sqrt(pi) * integral_0^x exp(-t^2) dt``.

It evaluates with ``scipy.special.erf`` (``cupyx.scipy.special`` on GPU), or
without SciPy with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.erf(numpy.array([0.0, 0.5])).array.round(4).tolist()
[0.0, 0.5205]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp


class Erf(UnaryFunction):
    label = 'erf'

    def compute(self, xp, x):
        return _special.call('erf', x)

    def grad(self, x, gy):
        return gy * (exp(-x * x) * (2.0 / math.sqrt(math.pi)))  # (grouped as Chainer)


def erf(x):
    """Elementwise error function."""
    return Erf().apply((x,))[0]
