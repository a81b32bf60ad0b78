"""``ndtri``: the inverse of the standard normal CDF.

It evaluates with ``scipy.special.ndtri`` (``cupyx.scipy.special`` on GPU); on CPU
without SciPy it raises ImportError asking for ``pip install scipy``.

>>> import numpy, chainlite.functions as F
>>> F.ndtri(numpy.array([0.5])).array.tolist()
[0.0]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp


class Ndtri(UnaryFunction):
    label = 'ndtri'
    retain = 'y'

    def compute(self, xp, x):
        return _special.call('ndtri', x)

    def grad(self, y, gy):
        return gy * exp(y * y * 0.5) * math.sqrt(2.0 * math.pi)


def ndtri(x):
    """Elementwise inverse of the standard normal CDF."""
    return Ndtri().apply((x,))[0]
