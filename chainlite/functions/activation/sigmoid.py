"""Logistic sigmoid."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


def sigmoid_array(x):
    """Sigmoid of an array as ``tanh(x / 2) / 2 + 1 / 2``, which cannot overflow."""
    half = x.dtype.type(0.5)
    return force_array(backend.get_array_module(x).tanh(x * half) * half + half)


class Sigmoid(FunctionNode):
    """``1 / (1 + exp(-x))``."""

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        self.retain_outputs((0,))
        return sigmoid_array(inputs[0]),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return grad_outputs[0] * y * (1 - y),


def sigmoid(x):
    """Logistic sigmoid: ``y = 1 / (1 + exp(-x))``.

    >>> import numpy, chainlite.functions as F
    >>> F.sigmoid(numpy.array([0.0])).array
    array([0.5])
    """
    return Sigmoid().apply((x,))[0]
