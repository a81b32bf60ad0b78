"""Leaky rectified linear unit."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


class LeakyReLU(FunctionNode):
    """``x`` where ``x >= 0``, else ``slope * x``."""

    def __init__(self, slope):
        self.slope = slope

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        return force_array(xp.where(x >= 0, x, x * x.dtype.type(self.slope))),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        xp = backend.get_array_module(x)
        scale = xp.where(x > 0, x.dtype.type(1), x.dtype.type(self.slope))
        return grad_outputs[0] * scale,


def leaky_relu(x, slope=0.2):
    """Leaky ReLU: ``y = x`` for ``x >= 0`` and ``slope * x`` otherwise.

    >>> import numpy, chainlite.functions as F
    >>> F.leaky_relu(numpy.array([-1.0, 2.0])).array
    array([-0.2,  2. ])
    """
    return LeakyReLU(slope).apply((x,))[0]
