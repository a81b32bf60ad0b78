"""L2 normalization: ``y = x / (||x|| + eps)`` with the norm over ``axis``.

>>> import numpy, chainlite.functions as F
>>> F.normalize(numpy.array([[3.0, 4.0]], numpy.float32), eps=0.0).array.tolist()
[[0.6000000238418579, 0.800000011920929]]
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math.sum import _normalize_axis
from chainlite.variable import as_variable


class L2Norm(FunctionNode):
    """``sqrt(sum(x ** 2, axis, keepdims=True))``; its gradient is 0 where the norm is 0."""

    def __init__(self, axis):
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        return xp.sqrt((x * x).sum(axis=self.axis, keepdims=True)),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        norm, = self.get_retained_outputs()
        zero = (norm.array == 0).astype(norm.dtype)  # x is 0 there: any divisor gives 0
        return x * (grad_outputs[0] / (norm + zero)),


def normalize(x, eps=1e-5, axis=1):
    """Divides ``x`` by its L2 norm over ``axis`` (an int or a tuple) plus ``eps``."""
    x = as_variable(x)
    if x.dtype.kind != 'f':
        raise TypeError('normalize: x must be a float array, got %s' % x.dtype)
    axis = _normalize_axis(axis, x.ndim, 'normalize')
    norm, = L2Norm(axis).apply((x,))
    return x / (norm + eps)
