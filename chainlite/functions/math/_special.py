"""Special functions (erf, erfinv, lgamma, digamma, polygamma, ...) on any array module.

``call(name, x, ...)`` uses ``scipy.special`` on CPU and ``cupyx.scipy.special``
on GPU. When SciPy is not installed (it is an optional dependency), CPU arrays
fall back to the pure-array implementations below, accurate to about 1e-13
relative in float64: erf and erfc (power series and continued fraction),
erfinv and erfcinv (Newton steps on those), gammaln and digamma (recurrence
plus asymptotic series) and polygamma (Hurwitz zeta by Euler-Maclaurin; for
x > 0 only, nan otherwise), and ndtr. Names without a fallback (erfcx, log_ndtr,
ndtri, zeta) raise ImportError.

>>> import numpy
>>> from chainlite.functions.math import _special
>>> round(float(_special.call('erf', numpy.array(0.5))), 6)
0.5205
"""
import math

import numpy

from chainlite import backend

_scipy_special = None


def _special_module(xp):
    global _scipy_special
    if xp is not numpy:
        import cupyx.scipy.special
        return cupyx.scipy.special
    if _scipy_special is None:
        try:
            import scipy.special
            _scipy_special = scipy.special
        except ImportError:
            _scipy_special = False
    return _scipy_special or None


def call(name, *args, use_scipy=True):
    """Evaluates ``scipy.special.<name>(*args)`` for the arrays ``args``.

    ``use_scipy=False`` forces the fallback (for tests).
    """
    xp = backend.get_array_module(*args)
    module = _special_module(xp) if use_scipy else None
    if module is not None:
        return getattr(module, name)(*args)
    fallback = _FALLBACKS.get(name)
    if fallback is None:
        raise ImportError('chainlite.functions: %s needs SciPy on CPU; run `pip install scipy`'
                          % name)
    return fallback(xp, *[a.astype(numpy.float64) if a.dtype.kind == 'f' else a
                          for a in args])


_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_ERF_SERIES_MAX = 2.0


def _erf_series(xp, x):
    # erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (2n+1)!!: all terms positive.
    x2 = 2.0 * x * x
    term = x.copy()
    total = x.copy()
    for n in range(1, 45):
        term = term * x2 / (2 * n + 1)
        total = total + term
    return _TWO_OVER_SQRT_PI * xp.exp(-x * x) * total


def _erfc_fraction(xp, x):
    # erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), x >= 2.
    t = x.copy()
    for k in range(120, 0, -1):
        t = x + (0.5 * k) / t
    return xp.exp(-x * x) / (math.sqrt(math.pi) * t)


def _erf(xp, x):
    a = xp.abs(x)
    small = a < _ERF_SERIES_MAX
    inner = _erf_series(xp, xp.where(small, a, 0.0))
    outer = 1.0 - _erfc_fraction(xp, xp.where(small, _ERF_SERIES_MAX, a))
    return xp.sign(x) * xp.where(small, inner, outer)


def _erfc(xp, x):
    a = xp.abs(x)
    small = a < _ERF_SERIES_MAX
    inner = 1.0 - _erf_series(xp, xp.where(small, a, 0.0))
    outer = _erfc_fraction(xp, xp.where(small, _ERF_SERIES_MAX, a))
    pos = xp.where(small, inner, outer)
    return xp.where(x < 0, 2.0 - pos, pos)


def _log_erfc(xp, x):
    """log(erfc(x)) for x >= 0, without underflow at large x."""
    small = x < _ERF_SERIES_MAX
    inner = xp.log(1.0 - _erf_series(xp, xp.where(small, x, 0.0)))
    a = xp.where(small, _ERF_SERIES_MAX, x)
    t = a.copy()
    for k in range(120, 0, -1):
        t = a + (0.5 * k) / t
    outer = -a * a - xp.log(math.sqrt(math.pi) * t)
    return xp.where(small, inner, outer)


def _erfinv_guess(xp, y):
    # Winitzki's closed form (relative error ~2e-3), refined by Newton steps.
    a = 0.147
    ln = xp.log1p(-y * y)
    b = 2.0 / (math.pi * a) + 0.5 * ln
    return xp.sign(y) * xp.sqrt(xp.sqrt(b * b - ln / a) - b)


def _erfcinv_small(xp, z):
    """erfcinv(z) for 0 < z <= 1: Newton on log(erfc(x)) - log(z)."""
    x = _erfinv_guess(xp, 1.0 - z)
    x = xp.where(z < 1e-6, xp.sqrt(-xp.log(z)), x)  # the guess loses 1 - z there
    log_z = xp.log(z)
    for _ in range(6):
        f = _log_erfc(xp, x) - log_z
        # d/dx log(erfc(x)) = -2/sqrt(pi) exp(-x^2 - log(erfc(x)))
        x = x + f / (_TWO_OVER_SQRT_PI * xp.exp(-x * x - _log_erfc(xp, x)))
    return x


def _erfcinv(xp, z):
    with numpy.errstate(divide='ignore', invalid='ignore'):
        lower = xp.where((z > 0) & (z <= 1), z, 1.0)
        upper = xp.where((z > 1) & (z < 2), 2.0 - z, 1.0)
        x = xp.where(z <= 1, _erfcinv_small(xp, lower), -_erfcinv_small(xp, upper))
        x = xp.where(z == 0, numpy.inf, x)
        x = xp.where(z == 2, -numpy.inf, x)
        return xp.where((z < 0) | (z > 2) | xp.isnan(z), numpy.nan, x)


def _erfinv(xp, y):
    a = xp.abs(y)
    mid = a < 0.5
    y_mid = xp.where(mid, y, 0.0)
    x = _erfinv_guess(xp, y_mid)
    for _ in range(4):
        x = x - (_erf(xp, x) - y_mid) / (_TWO_OVER_SQRT_PI * xp.exp(-x * x))
    tail = xp.sign(y) * _erfcinv(xp, 1.0 - a)
    return xp.where(mid, x, tail)


_SHIFT_TO = 10.0


def _shift_up(xp, x):
    """Returns (z, s, p): z = x + k >= _SHIFT_TO, s = sum 1/(x+i), p = prod (x+i), i < k."""
    z = x.copy()
    s = xp.zeros_like(x)
    p = xp.ones_like(x)
    for _ in range(int(_SHIFT_TO)):
        low = z < _SHIFT_TO
        s = s + xp.where(low, 1.0 / xp.where(low, z, 1.0), 0.0)
        p = p * xp.where(low, z, 1.0)
        z = xp.where(low, z + 1.0, z)
    return z, s, p


def _gammaln_positive(xp, x):
    z, _, p = _shift_up(xp, x)
    r = 1.0 / (z * z)
    series = (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (
        1.0 / 1680 - r * (1.0 / 1188 - r * (691.0 / 360360 - r / 156)))))) / z
    return (z - 0.5) * xp.log(z) - z + 0.5 * math.log(2 * math.pi) + series - xp.log(p)


def _gammaln(xp, x):
    with numpy.errstate(divide='ignore', invalid='ignore'):
        pos = x > 0
        right = _gammaln_positive(xp, xp.where(pos, x, 1.0))
        # Reflection: lgamma(x) = log(pi / |sin(pi x)|) - lgamma(1 - x).
        left = (math.log(math.pi) - xp.log(xp.abs(xp.sin(math.pi * x)))
                - _gammaln_positive(xp, xp.where(pos, 1.0, 1.0 - x)))
        y = xp.where(pos, right, left)
        return xp.where((x <= 0) & (x == xp.floor(x)), numpy.inf, y)


def _digamma_positive(xp, x):
    z, s, _ = _shift_up(xp, x)
    r = 1.0 / (z * z)
    series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (
        1.0 / 240 - r * (1.0 / 132 - r * (691.0 / 32760 - r / 12))))))
    return xp.log(z) - 0.5 / z - series - s


def _digamma(xp, x):
    with numpy.errstate(divide='ignore', invalid='ignore'):
        pos = x > 0
        right = _digamma_positive(xp, xp.where(pos, x, 1.0))
        # Reflection: psi(x) = psi(1 - x) - pi / tan(pi x).
        left = _digamma_positive(xp, xp.where(pos, 1.0, 1.0 - x)) - math.pi / xp.tan(math.pi * x)
        y = xp.where(pos, right, left)
        y = xp.where((x < 0) & (x == xp.floor(x)), numpy.nan, y)
        return xp.where(x == 0, -numpy.inf, y)


# B_2j / (2j)! for the Euler-Maclaurin tail of the Hurwitz zeta function.
_BERNOULLI_OVER_FACTORIAL = [
    b / math.factorial(2 * j) for j, b in enumerate(
        [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510], start=1)]


def _hurwitz_zeta(xp, s, x):
    """zeta(s, x) = sum_k (x + k)^-s for s > 1 and x > 0."""
    n = 12
    total = xp.zeros_like(s + x)
    for k in range(n):
        total = total + (x + k) ** -s
    a = x + n
    total = total + a ** (1.0 - s) / (s - 1.0) + 0.5 * a ** -s
    rising = s.copy()  # s (s+1) ... (s+2j-2)
    power = a ** (-s - 1.0)
    for j, coef in enumerate(_BERNOULLI_OVER_FACTORIAL, start=1):
        total = total + coef * rising * power
        rising = rising * (s + 2 * j - 1) * (s + 2 * j)
        power = power / (a * a)
    return total


def _polygamma(xp, n, x):
    n = n.astype(numpy.float64)
    with numpy.errstate(divide='ignore', invalid='ignore', over='ignore'):
        xs = xp.where(x > 0, x, 1.0)
        ns = xp.where(n > 0, n, 1.0)
        sign = xp.where(ns % 2 == 1, 1.0, -1.0)
        higher = sign * xp.exp(_gammaln_positive(xp, ns + 1.0)) * _hurwitz_zeta(xp, ns + 1.0, xs)
        y = xp.where(n == 0, _digamma(xp, xp.broadcast_to(x, higher.shape)), higher)
        return xp.where(x > 0, y, numpy.nan)


def _ndtr(xp, x):
    return 0.5 * _erfc(xp, -x / math.sqrt(2.0))


_FALLBACKS = {
    'erf': _erf, 'erfc': _erfc, 'erfinv': _erfinv, 'erfcinv': _erfcinv,
    'gammaln': _gammaln, 'psi': _digamma, 'polygamma': _polygamma, 'ndtr': _ndtr,
}
