"""Gamma-function family: ``lgamma``, ``digamma``, ``polygamma`` (and ``zeta``, SciPy only).

They evaluate with ``scipy.special`` on CPU (``cupyx.scipy.special`` on GPU);
without SciPy, chainlite's own array implementations are used (polygamma of
order >= 1 then only for x > 0: nan elsewhere).

>>> import numpy, chainlite.functions as F
>>> F.lgamma(numpy.array([5.0])).array.round(6).tolist()  # log(4!)
[3.178054]
>>> F.polygamma(numpy.array([1]), numpy.array([1.0])).array.round(6).tolist()  # pi^2 / 6
[1.644934]
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math import _special
from chainlite.functions.math._elementwise import UnaryFunction
from chainlite.functions.math._util import check_broadcastable, check_float, invalid, sum_to_shape
from chainlite.utils import force_array


class LGamma(UnaryFunction):
    label = 'lgamma'

    def compute(self, xp, x):
        return _special.call('gammaln', x)

    def grad(self, x, gy):
        return gy * digamma(x)


class DiGamma(UnaryFunction):
    label = 'digamma'

    def compute(self, xp, x):
        return _special.call('psi', x)

    def grad(self, x, gy):
        xp = backend.get_array_module(x.array)
        return gy * polygamma(xp.ones(x.shape, 'i'), x)


class PolyGamma(FunctionNode):
    label = 'polygamma'

    def forward(self, inputs):
        n, x = inputs
        if n.dtype.kind not in 'iu':
            raise invalid(self.label, 'n.dtype.kind == i',
                          '%s != i (n.dtype = %s, n.shape = %s)' % (n.dtype.kind, n.dtype, n.shape))
        check_float(self.label, x=x)
        check_broadcastable(self.label, n, x)
        self.retain_inputs((0, 1))
        return force_array(_special.call('polygamma', n, x), x.dtype),

    def backward(self, indexes, grad_outputs):
        n, x = self.get_retained_inputs()
        gx = grad_outputs[0] * polygamma(n.array + 1, x)
        return None, sum_to_shape(gx, x.shape)


class Zeta(FunctionNode):
    label = 'zeta'

    def __init__(self, x):
        self.x = x

    def forward(self, inputs):
        q, = inputs
        check_float(self.label, q=q)
        self.retain_inputs((0,))
        return force_array(_special.call('zeta', self.x, q), q.dtype),

    def backward(self, indexes, grad_outputs):
        q, = self.get_retained_inputs()
        return grad_outputs[0] * zeta(self.x + 1, q) * -self.x,


def lgamma(x):
    """Elementwise log of the absolute value of the gamma function."""
    return LGamma().apply((x,))[0]


def digamma(x):
    """Elementwise digamma function, the derivative of ``lgamma``."""
    return DiGamma().apply((x,))[0]


def polygamma(n, x):
    """Elementwise ``n``-th derivative of the digamma function (``n``: an int array)."""
    return PolyGamma().apply((n, x))[0]


def zeta(x, q):
    """Hurwitz zeta function ``sum_k (k + q) ** -x``; ``x`` is a float or an array (needs SciPy).

    Only ``q`` takes a gradient, as in Chainer.
    """
    return Zeta(x).apply((q,))[0]
