"""Gaussian error linear unit (absent from Chainer 7; exact and tanh forms)."""
import math

from chainlite.functions.activation.tanh import tanh
from chainlite.functions.math.ndtr import ndtr
from chainlite.variable import as_variable


def gelu(x, approximate='none'):
    """Gaussian error linear unit (Hendrycks & Gimpel, 2016): ``y = x * Phi(x)``.

    ``Phi`` is the standard normal CDF, ``(1 + erf(x / sqrt(2))) / 2``
    (``F.ndtr``). With ``approximate='tanh'``, ``Phi(x)`` is replaced by
    ``(1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))) / 2``. Both forms are
    differentiable to any order.

    >>> import numpy, chainlite.functions as F
    >>> F.gelu(numpy.array([0.0, 1.0])).array
    array([0.        , 0.84134475])
    """
    if approximate not in ('none', 'tanh'):
        raise ValueError("gelu: approximate must be 'none' or 'tanh', got %r" % (approximate,))
    x = as_variable(x)
    if x.dtype.kind != 'f':
        raise TypeError('gelu: x must be floating point, got %s' % x.dtype)
    if approximate == 'none':
        return x * ndtr(x)
    inner = (x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)
    return x * (tanh(inner) + 1) * 0.5
