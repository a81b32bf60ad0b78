"""``polygamma``: the ``n``-th derivative of the digamma function.

It evaluates with ``scipy.special.polygamma`` (``cupyx`` on GPU), or without
SciPy with chainlite's own array implementation (for x > 0 only when
n >= 1: nan elsewhere; see ``_special``).

>>> import numpy, chainlite.functions as F
>>> F.polygamma(numpy.array([1]), numpy.array([1.0])).array.round(6).tolist()  # pi^2 / 6
[1.644934]
"""
from chainlite.function_node import FunctionNode
from chainlite.functions.math import _special
from chainlite.functions.math._util import check_broadcastable, check_float, invalid, sum_to_shape
from chainlite.utils import force_array


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
        gx = grad_outputs[0] * polygamma(force_array(n.array + 1), x)  # 0-dim n stays an array
        return None, sum_to_shape(gx, x.shape)


def polygamma(n, x):
    """Elementwise ``n``-th derivative of the digamma function (``n``: an int array)."""
    return PolyGamma().apply((n, x))[0]
