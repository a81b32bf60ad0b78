"""Softplus, a smooth approximation of ReLU."""
import numpy

from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.activation.sigmoid import sigmoid
from chainlite.utils import force_array
from chainlite.variable import Variable


# below this beta x, Chainer's 1 - 1 / (1 + exp(beta x)) has lost more than 1e-5 of its
# relative precision to cancellation
_TAIL = -5.0


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
        gy, = grad_outputs
        if config.enable_backprop:  # a gradient to differentiate again
            return gy * sigmoid(x * self.beta),
        # Chainer's sigmoid, 1 - 1 / (1 + exp(beta x)), equal to Chainer's bit for bit, except
        # in the far negative tail, where it cancels (to 0 below beta x = -17) and
        # e / (1 + e) keeps the small slope to a few ulps
        bx = x.array * x.dtype.type(self.beta)
        xp = backend.get_array_module(bx)
        # (exp overflows to inf where the slope is 1; e / (1 + e) is then nan, and unused)
        with numpy.errstate(over='ignore', invalid='ignore'):
            e = xp.exp(bx)
            slope = 1 - 1 / (1 + e)
            tail = bx < _TAIL
            if tail.any():
                slope = xp.where(tail, e / (1 + e), slope)
        return Variable(gy.array * slope),


def softplus(x, beta=1.0):
    """Softplus: ``y = log(1 + exp(beta * x)) / beta``.

    >>> import numpy, chainlite.functions as F
    >>> F.softplus(numpy.array([0.0])).array
    array([0.69314718])
    """
    return Softplus(beta).apply((x,))[0]
