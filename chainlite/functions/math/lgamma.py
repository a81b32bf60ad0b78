"""``lgamma``: the log of the absolute value of the gamma function.

It evaluates with ``scipy.special.gammaln`` (``cupyx`` on GPU), or without
SciPy with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.lgamma(numpy.array([5.0])).array.round(6).tolist()  # log(4!)
[3.178054]
"""
from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.digamma import digamma


class LGamma(UnaryFunction):
    label = 'lgamma'

    def compute(self, xp, x):
        return _special.call('gammaln', x)

    def grad(self, x, gy):
        return gy * digamma(x)


def lgamma(x):
    """Elementwise log of the absolute value of the gamma function."""
    return LGamma().apply((x,))[0]
