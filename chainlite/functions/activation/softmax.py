"""Softmax along an axis."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.math.sum import sum as _sum


def softmax_array(x, axis):
    """Softmax of an array (shifted by the maximum, so large inputs do not overflow)."""
    xp = backend.get_array_module(x)
    y = x - x.max(axis=axis, keepdims=True)
    xp.exp(y, out=y)
    y /= y.sum(axis=axis, keepdims=True)
    return y


class Softmax(FunctionNode):
    """``exp(x) / sum(exp(x), axis)``."""

    def __init__(self, axis=1):
        self.axis = axis

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        self.axis = normalize_axis('softmax', self.axis, x.ndim)
        self.retain_outputs((0,))
        return softmax_array(x, self.axis),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        gx = y * grad_outputs[0]
        return gx - y * _sum(gx, axis=self.axis, keepdims=True),


def softmax(x, axis=1):
    """Softmax along ``axis``: ``y = exp(x) / sum(exp(x), axis, keepdims=True)``.

    >>> import numpy, chainlite.functions as F
    >>> F.softmax(numpy.array([[0.0, 0.0]])).array
    array([[0.5, 0.5]])
    """
    return Softmax(axis).apply((x,))[0]
