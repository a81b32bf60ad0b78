"""Gaussian error linear unit (absent from Chainer 7; exact and tanh forms)."""
import math

import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.activation.tanh import tanh
from chainlite.utils import force_array
from chainlite.variable import as_variable

# erfc(z) = t * exp(-z**2 + P(t)), t = 2 / (2 + z), for z >= 0, with P a Chebyshev series
# in 2t - 1 (made by tools/erfc_chebyshev.py; relative error about 1e-15 for z < 6).
_ERFC_CHEBYSHEV = (
    -0.6513268598908547, 0.6419697923564902, 0.019476473204185836, -0.009561514786808632,
    -0.0009465953444820369, 0.00036683949785276145, 4.252332480690777e-05,
    -2.0278578112534242e-05, -1.6242900046470256e-06, 1.3036558355805232e-06,
    1.5626441722066145e-08, -8.523809591492654e-08, 6.529054439098846e-09,
    5.059343495551496e-09, -9.913641564930717e-10, -2.2736512229331962e-10,
    9.646791102103368e-11, 2.39403808140057e-12, -6.886027529887187e-12,
    8.944879552323859e-13, 3.1309208023821556e-13, -1.1270829738208145e-13,
    3.819351332871741e-16, 7.103769509351284e-15, -1.5230782315126988e-15,
    -6.640831483544057e-17,
)


def _erfc_nonnegative(z):
    """erfc of an array of ``z >= 0`` (Clenshaw's recurrence on the series above)."""
    xp = backend.get_array_module(z)
    t = 2 / (2 + z)
    s2 = 2 * (2 * t - 1)
    b1 = xp.zeros_like(z)
    b2 = xp.zeros_like(z)
    for c in _ERFC_CHEBYSHEV[:0:-1]:
        b1, b2 = s2 * b1 - b2 + c, b1
    p = s2 / 2 * b1 - b2 + _ERFC_CHEBYSHEV[0]
    return t * xp.exp(p - z * z)


def _normal_cdf(x):
    """The standard normal CDF ``Phi(x) = erfc(-x / sqrt(2)) / 2`` of an array."""
    xp = backend.get_array_module(x)
    # float16 has too little range and precision for the series; work in float32 or wider.
    work = x.astype(numpy.promote_types(x.dtype, numpy.float32), copy=False)
    tail = _erfc_nonnegative(xp.abs(work) * (1 / math.sqrt(2))) / 2
    return xp.where(work < 0, tail, 1 - tail).astype(x.dtype, copy=False)


def _normal_pdf(x):
    xp = backend.get_array_module(x)
    return xp.exp(x * x * x.dtype.type(-0.5)) * x.dtype.type(1 / math.sqrt(2 * math.pi))


class GELUDerivative(FunctionNode):
    """The ``order``-th derivative of ``x * Phi(x)`` (order 0 is GELU itself).

    For order ``k >= 2`` it is ``phi(x) * P_k(x)`` with ``P_2 = 2 - x**2`` and
    ``P_{k+1} = P_k' - x * P_k``; backward is the next order, so any order works.
    """

    def __init__(self, order=0):
        self.order = order

    @property
    def label(self):
        return 'GELU' if self.order == 0 else 'GELUDerivative(%d)' % self.order

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        self.retain_inputs((0,))
        if self.order == 0:
            return force_array(x * _normal_cdf(x)),
        if self.order == 1:
            return force_array(_normal_cdf(x) + x * _normal_pdf(x)),
        poly = numpy.polynomial.Polynomial([2.0, 0.0, -1.0])
        for _ in range(self.order - 2):
            poly = poly.deriv() - numpy.polynomial.Polynomial([0.0, 1.0]) * poly
        value = x.dtype.type(0)
        for c in poly.coef[::-1]:
            value = value * x + x.dtype.type(c)
        return force_array(_normal_pdf(x) * value),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] * GELUDerivative(self.order + 1).apply((x,))[0],


def gelu(x, approximate='none'):
    """Gaussian error linear unit (Hendrycks & Gimpel, 2016): ``y = x * Phi(x)``.

    ``Phi`` is the standard normal CDF, ``(1 + erf(x / sqrt(2))) / 2``. With
    ``approximate='tanh'``, ``Phi(x)`` is replaced by
    ``(1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))) / 2``.

    >>> import numpy, chainlite.functions as F
    >>> F.gelu(numpy.array([0.0, 1.0])).array
    array([0.        , 0.84134475])
    """
    if approximate == 'none':
        return GELUDerivative(0).apply((x,))[0]
    if approximate == 'tanh':
        x = as_variable(x)
        if x.dtype.kind != 'f':
            raise TypeError('gelu: x must be floating point, got %s' % x.dtype)
        inner = (x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)
        return x * (tanh(inner) + 1) * 0.5
    raise ValueError("gelu: approximate must be 'none' or 'tanh', got %r" % (approximate,))
