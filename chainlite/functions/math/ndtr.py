"""``ndtr``: the standard normal CDF.

It evaluates with ``scipy.special.ndtr`` (``cupyx.scipy.special`` on GPU), or
without SciPy with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.ndtr(numpy.array([0.0])).array.tolist()
[0.5]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp


class Ndtr(UnaryFunction):
    label = 'ndtr'

    def compute(self, xp, x):
        return _special.call('ndtr', x)

    def grad(self, x, gy):
        return gy * exp(x * x * -0.5) * (1.0 / math.sqrt(2.0 * math.pi))


def ndtr(x):
    """Elementwise standard normal CDF."""
    return Ndtr().apply((x,))[0]
