"""Error functions and the normal distribution's: ``erf``, ``erfc``, ``erfinv``, ``erfcinv``,
``erfcx``, ``ndtr``, ``log_ndtr``, ``ndtri``.

They evaluate with ``scipy.special`` on CPU (``cupyx.scipy.special`` on GPU).
Without SciPy, erf, erfc, erfinv, erfcinv and ndtr use chainlite's own
array implementations; erfcx, log_ndtr and ndtri then raise ImportError
asking for ``pip install scipy``.

>>> import numpy, chainlite.functions as F
>>> F.erf(numpy.array([0.0, 0.5])).array.round(4).tolist()
[0.0, 0.5205]
>>> F.erfinv(F.erf(numpy.array([0.3]))).array.round(6).tolist()
[0.3]
"""
import math

from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math.exponential import exp

_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_SQRT_PI_OVER_TWO = math.sqrt(math.pi) / 2.0
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


class Erf(UnaryFunction):
    label = 'erf'

    def compute(self, xp, x):
        return _special.call('erf', x)

    def grad(self, x, gy):
        return gy * exp(-x * x) * _TWO_OVER_SQRT_PI


class Erfc(UnaryFunction):
    label = 'erfc'

    def compute(self, xp, x):
        return _special.call('erfc', x)

    def grad(self, x, gy):
        return gy * exp(-x * x) * -_TWO_OVER_SQRT_PI


class ErfInv(UnaryFunction):
    label = 'erfinv'
    retain = 'y'

    def compute(self, xp, x):
        return _special.call('erfinv', x)

    def grad(self, y, gy):
        return gy * exp(y * y) * _SQRT_PI_OVER_TWO


class ErfcInv(UnaryFunction):
    label = 'erfcinv'
    retain = 'y'

    def compute(self, xp, x):
        return _special.call('erfcinv', x)

    def grad(self, y, gy):
        return gy * exp(y * y) * -_SQRT_PI_OVER_TWO


class Erfcx(UnaryFunction):
    label = 'erfcx'

    def compute(self, xp, x):
        return _special.call('erfcx', x)

    def grad(self, x, gy):
        return gy * (x * erfcx(x) * 2.0 - _TWO_OVER_SQRT_PI)


class Ndtr(UnaryFunction):
    label = 'ndtr'

    def compute(self, xp, x):
        return _special.call('ndtr', x)

    def grad(self, x, gy):
        return gy * exp(x * x * -0.5) * _INV_SQRT_2PI


class LogNdtr(UnaryFunction):
    label = 'log_ndtr'

    def compute(self, xp, x):
        return _special.call('log_ndtr', x)

    def grad(self, x, gy):
        # d/dx log(ndtr(x)) = phi(x) / ndtr(x) = (2 / sqrt(2 pi)) / erfcx(-x / sqrt(2))
        return gy / erfcx(x * (-1.0 / math.sqrt(2.0))) * (2.0 * _INV_SQRT_2PI)


class Ndtri(UnaryFunction):
    label = 'ndtri'
    retain = 'y'

    def compute(self, xp, x):
        return _special.call('ndtri', x)

    def grad(self, y, gy):
        return gy * exp(y * y * 0.5) * math.sqrt(2.0 * math.pi)


def erf(x):
    """Elementwise error function, ``2/sqrt(pi) * integral_0^x exp(-t^2) dt``."""
    return Erf().apply((x,))[0]


def erfc(x):
    """Elementwise complementary error function, ``1 - erf(x)``."""
    return Erfc().apply((x,))[0]


def erfinv(x):
    """Elementwise inverse of ``erf`` (inf at 1, -inf at -1, nan outside [-1, 1])."""
    return ErfInv().apply((x,))[0]


def erfcinv(x):
    """Elementwise inverse of ``erfc`` (defined on [0, 2])."""
    return ErfcInv().apply((x,))[0]


def erfcx(x):
    """Elementwise scaled complementary error function, ``exp(x^2) * erfc(x)`` (needs SciPy)."""
    return Erfcx().apply((x,))[0]


def ndtr(x):
    """Elementwise standard normal CDF."""
    return Ndtr().apply((x,))[0]


def log_ndtr(x):
    """Elementwise log of the standard normal CDF (needs SciPy)."""
    return LogNdtr().apply((x,))[0]


def ndtri(x):
    """Elementwise inverse of the standard normal CDF (needs SciPy)."""
    return Ndtri().apply((x,))[0]
