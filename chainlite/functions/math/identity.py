"""``identity`` (returns its inputs as new graph nodes) and ``absolute``.

>>> import numpy, chainlite.functions as F
>>> F.identity(numpy.array([1.0])).array.tolist()
[1.0]
>>> F.absolute(numpy.array([-2.0])).array.tolist()
[2.0]
"""
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_float
from chainlite.functions.math.basic_math import Absolute


class Identity(FunctionNode):
    """Passes its inputs through unchanged (and their gradients back)."""

    def forward(self, xs):
        return xs

    def backward(self, indexes, grad_outputs):
        return grad_outputs


class _FloatAbsolute(Absolute):
    def forward(self, inputs):
        check_float(self.label, x=inputs[0])
        return super().forward(inputs)


def identity(*inputs):
    """Returns the inputs as Variables (one Variable for one input, else a tuple)."""
    ret = Identity().apply(inputs)
    return ret[0] if len(ret) == 1 else ret


def absolute(x):
    """Elementwise absolute value (also ``abs(variable)``)."""
    return _FloatAbsolute().apply((x,))[0]
