"""``digamma``: the derivative of ``lgamma``.

It evaluates with ``scipy.special.psi`` (``cupyx`` on GPU), or without SciPy
with chainlite's own array implementation (see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.digamma(numpy.array([1.0])).array.round(6).tolist()  # -Euler's gamma
[-0.577216]
"""
from chainlite import backend
from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.polygamma import polygamma


class DiGamma(UnaryFunction):
    label = 'digamma'

    def compute(self, xp, x):
        return _special.call('psi', x)

    def grad(self, x, gy):
        xp = backend.get_array_module(x.array)
        return gy * polygamma(xp.ones(x.shape, 'i'), x)


def digamma(x):
    """Elementwise digamma function."""
    return DiGamma().apply((x,))[0]
