"""``logsumexp``: ``log(sum(exp(x)))`` over axes, without overflow.

>>> import numpy, chainlite.functions as F
>>> F.logsumexp(numpy.array([1000.0, 1000.0])).array.round(4).tolist()
1000.6931
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import broadcast_reduced, check_float
from chainlite.functions.math.exponential import exp
from chainlite.functions.math.sum import _normalize_axis
from chainlite.utils import force_array


class LogSumExp(FunctionNode):
    label = 'LogSumExp'

    def __init__(self, axis=None):
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        self.axis = _normalize_axis(self.axis, x.ndim, self.label)
        xp = backend.get_array_module(x)
        m = x.max(axis=self.axis, keepdims=True)
        m = xp.where(xp.isfinite(m), m, 0)  # all -inf (or an inf): shift by nothing
        with numpy.errstate(divide='ignore'):  # log(0) = -inf is the answer for all -inf
            y = xp.log(xp.exp(x - m).sum(axis=self.axis, keepdims=True)) + m
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        return force_array(y.reshape(_squeezed(y.shape, self.axis)), x.dtype),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        y, = self.get_retained_outputs()
        y = broadcast_reduced(y, self.axis, False, x.shape)
        return broadcast_reduced(grad_outputs[0], self.axis, False, x.shape) * exp(x - y),


def _squeezed(shape, axis):
    if axis is None:
        return ()
    return tuple(s for i, s in enumerate(shape) if i not in axis)


def logsumexp(x, axis=None):
    """``log(sum(exp(x), axis))`` (``axis``: None, an int or a tuple of ints)."""
    return LogSumExp(axis).apply((x,))[0]
