"""``log_ndtr``: the log of the standard normal CDF.

It evaluates with ``scipy.special.log_ndtr`` (``cupyx.scipy.special`` on GPU); on CPU
without SciPy it raises ImportError asking for ``pip install scipy``.

>>> import numpy, chainlite.functions as F
>>> F.log_ndtr(numpy.array([0.0])).array.round(6).tolist()
[-0.693147]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.erfcx import erfcx


class LogNdtr(UnaryFunction):
    label = 'log_ndtr'

    def compute(self, xp, x):
        return _special.call('log_ndtr', x)

    def grad(self, x, gy):
        # d/dx log(ndtr(x)) = phi(x) / ndtr(x) = sqrt(2 / pi) / erfcx(-x / sqrt(2))
        return gy * (math.sqrt(2.0 / math.pi) / erfcx(x * (-1.0 / math.sqrt(2.0))))  # as Chainer


def log_ndtr(x):
    """Elementwise log of the standard normal CDF."""
    return LogNdtr().apply((x,))[0]
