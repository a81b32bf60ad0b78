"""Softplus, a smooth approximation of ReLU."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.activation.sigmoid import sigmoid
from chainlite.utils import force_array


class Softplus(FunctionNode):
    """``log(1 + exp(beta * x)) / beta``."""

    def __init__(self, beta=1.0):
        self.beta = float(beta)

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        bx = x * x.dtype.type(self.beta)
        # max(bx, 0) + log1p(exp(-|bx|)) neither overflows nor loses the tiny tail.
        y = (xp.maximum(bx, 0) + xp.log1p(xp.exp(-xp.abs(bx)))) * x.dtype.type(1 / self.beta)
        return force_array(y),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return grad_outputs[0] * sigmoid(x * self.beta),


def softplus(x, beta=1.0):
    """Softplus: ``y = log(1 + exp(beta * x)) / beta``.

    >>> import numpy, chainlite.functions as F
    >>> F.softplus(numpy.array([0.0])).array
    array([0.69314718])
    """
    return Softplus(beta).apply((x,))[0]
