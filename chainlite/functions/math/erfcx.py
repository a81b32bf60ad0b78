"""``erfcx``: the scaled complementary error function ``exp(x^2) * erfc(x)``.

It evaluates with ``scipy.special.erfcx`` (``cupyx.scipy.special`` on GPU); on CPU
without SciPy it raises ImportError asking for ``pip install scipy``.

>>> import numpy, chainlite.functions as F
>>> F.erfcx(numpy.array([0.0])).array.tolist()
[1.0]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction


class Erfcx(UnaryFunction):
    label = 'erfcx'

    def compute(self, xp, x):
        return _special.call('erfcx', x)

    def grad(self, x, gy):
        return gy * (x * erfcx(x) * 2.0 - 2.0 / math.sqrt(math.pi))


def erfcx(x):
    """Elementwise scaled complementary error function."""
    return Erfcx().apply((x,))[0]
