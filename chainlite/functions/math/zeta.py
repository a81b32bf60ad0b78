"""``zeta``: the Hurwitz zeta function ``sum_k (k + q) ** -x`` (needs SciPy on CPU).

>>> import numpy, chainlite.functions as F
>>> F.zeta(2.0, numpy.array([1.0])).array.round(6).tolist()  # pi^2 / 6
[1.644934]
"""
from chainlite.function_node import FunctionNode
from chainlite.functions.math import _special
from chainlite.functions.math._util import check_float
from chainlite.utils import force_array


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


def zeta(x, q):
    """Hurwitz zeta function of ``x`` (a float or an array) and ``q``; only ``q`` takes a
    gradient, as in Chainer."""
    return Zeta(x).apply((q,))[0]
