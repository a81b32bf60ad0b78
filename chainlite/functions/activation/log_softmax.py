"""Logarithm of the softmax along an axis."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.math import exponential
from chainlite.functions.math.sum import sum as _sum


def logsumexp_array(x, axis):
    """``log(sum(exp(x), axis))`` of an array, with the axis kept, computed without overflow
    as ``m + log(sum(exp(x - m)))`` for the maximum ``m``."""
    xp = backend.get_array_module(x)
    m = x.max(axis=axis, keepdims=True)
    m += xp.log(xp.exp(x - m).sum(axis=axis, keepdims=True))
    return m


def log_softmax_array(x, axis):
    """``x - logsumexp(x, axis)`` of an array, rounded in that order as in Chainer.

    >>> import numpy
    >>> log_softmax_array(numpy.log(numpy.array([[1.0, 3.0]])), 1).round(4).tolist()
    [[-1.3863, -0.2877]]
    """
    return x - logsumexp_array(x, axis)


class LogSoftmax(FunctionNode):
    """``log(softmax(x, axis))``."""

    def __init__(self, axis=1):
        self.axis = axis

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        self.axis = normalize_axis('log_softmax', self.axis, x.ndim)
        self.retain_outputs((0,))
        return log_softmax_array(x, self.axis),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        gy, = grad_outputs
        return gy - exponential.exp(y) * _sum(gy, axis=self.axis, keepdims=True),


def log_softmax(x, axis=1):
    """Log-softmax along ``axis``: ``y = x - log(sum(exp(x), axis, keepdims=True))``.

    More accurate than ``log(softmax(x))`` for very negative values.

    >>> import numpy, chainlite.functions as F
    >>> F.log_softmax(numpy.array([[0.0, 0.0]])).array
    array([[-0.69314718, -0.69314718]])
    """
    return LogSoftmax(axis).apply((x,))[0]
