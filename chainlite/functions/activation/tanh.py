"""Hyperbolic tangent."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


class Tanh(FunctionNode):
    """Elementwise ``tanh``."""

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        self.retain_outputs((0,))
        return force_array(backend.get_array_module(x).tanh(x)),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return grad_outputs[0] * (1 - y * y),


def tanh(x):
    """Hyperbolic tangent, elementwise.

    >>> import numpy, chainlite.functions as F
    >>> F.tanh(numpy.array([0.0])).array
    array([0.])
    """
    return Tanh().apply((x,))[0]
