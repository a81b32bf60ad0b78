"""Concatenated ReLU."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sum import sum as _sum


class CReLU(FunctionNode):
    """``concat(relu(x), relu(-x), axis)``."""

    def __init__(self, axis):
        self.axis = axis

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.axis = normalize_axis('crelu', self.axis, x.ndim)
        self.retain_inputs((0,))
        return xp.concatenate((xp.maximum(x, 0), xp.maximum(-x, 0)), axis=self.axis),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        xp = backend.get_array_module(x)
        signed = xp.concatenate(((x > 0).astype(x.dtype), -(x < 0).astype(x.dtype)),
                                axis=self.axis)
        # View the doubled axis as (2, n) and sum out the pair.
        a = self.axis
        split = x.shape[:a] + (2,) + x.shape[a:]
        return _sum(reshape(grad_outputs[0] * signed, split), axis=a),


def crelu(x, axis=1):
    """Concatenated ReLU: ``concat((relu(x), relu(-x)), axis)``; doubles ``x.shape[axis]``.

    >>> import numpy, chainlite.functions as F
    >>> F.crelu(numpy.array([[-1.0, 2.0]])).array
    array([[0., 2., 1., 0.]])
    """
    return CReLU(axis).apply((x,))[0]
