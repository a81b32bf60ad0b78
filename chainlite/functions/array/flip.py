from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis


class Flip(FunctionNode):
    """Reverses one axis; its own gradient."""

    def __init__(self, axis):
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        self.axis = normalize_axis(self.label.lower(), self.axis, x.ndim)
        return x[(slice(None),) * self.axis + (slice(None, None, -1),)],

    def backward(self, indexes, grad_outputs):
        return Flip(self.axis).apply(grad_outputs)


def flip(x, axis):
    """Reverses the order of elements along ``axis``.

    >>> import numpy, chainlite.functions as F
    >>> F.flip(numpy.arange(3.0), 0).array
    array([2., 1., 0.])
    """
    return Flip(axis).apply((x,))[0]
