"""Piecewise-linear approximation of the sigmoid."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


class HardSigmoid(FunctionNode):
    """``clip(0.2 * x + 0.5, 0, 1)``."""

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        t = x.dtype.type
        return force_array(xp.clip(x * t(0.2) + t(0.5), t(0), t(1))),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        return grad_outputs[0] * (((x > -2.5) & (x < 2.5)) * x.dtype.type(0.2)),


def hard_sigmoid(x):
    """Hard sigmoid: ``y = clip(0.2 * x + 0.5, 0, 1)``.

    >>> import numpy, chainlite.functions as F
    >>> F.hard_sigmoid(numpy.array([-3.0, 0.0, 1.0])).array
    array([0. , 0.5, 0.7])
    """
    return HardSigmoid().apply((x,))[0]
