"""Logarithm of the softmax along an axis."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.activation.softmax import softmax
from chainlite.functions.math.sum import sum as _sum


def log_softmax_array(x, axis):
    """``x - logsumexp(x, axis)`` of an array, computed without overflow."""
    xp = backend.get_array_module(x)
    y = x - x.max(axis=axis, keepdims=True)
    y -= xp.log(xp.exp(y).sum(axis=axis, keepdims=True))
    return y


class LogSoftmax(FunctionNode):
    """``log(softmax(x, axis))``."""

    def __init__(self, axis=1):
        self.axis = axis

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        self.axis = _util.normalize_axis('log_softmax', self.axis, x.ndim)
        self.retain_inputs((0,))
        return log_softmax_array(x, self.axis),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy, = grad_outputs
        return gy - softmax(x, self.axis) * _sum(gy, axis=self.axis, keepdims=True),


def log_softmax(x, axis=1):
    """Log-softmax along ``axis``: ``y = x - log(sum(exp(x), axis, keepdims=True))``.

    More accurate than ``log(softmax(x))`` for very negative values.

    >>> import numpy, chainlite.functions as F
    >>> F.log_softmax(numpy.array([[0.0, 0.0]])).array
    array([[-0.69314718, -0.69314718]])
    """
    return LogSoftmax(axis).apply((x,))[0]
