"""Rectified linear unit clipped at ``z``."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


class ClippedReLU(FunctionNode):
    """``min(max(x, 0), z)``."""

    def __init__(self, z):
        if not z > 0:
            raise ValueError('clipped_relu: z must be positive, got %r' % (z,))
        self.cap = z

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        return force_array(xp.clip(x, 0, x.dtype.type(self.cap))),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        return grad_outputs[0] * ((x > 0) & (x < self.cap)).astype(x.dtype),


def clipped_relu(x, z=20.0):
    """Clipped ReLU: ``y = min(max(x, 0), z)``.

    >>> import numpy, chainlite.functions as F
    >>> F.clipped_relu(numpy.array([-1.0, 2.0, 30.0])).array
    array([ 0.,  2., 20.])
    """
    return ClippedReLU(z).apply((x,))[0]


def relu6(x):
    """ReLU6: ``y = min(max(x, 0), 6)`` (``clipped_relu`` with ``z=6``).

    >>> import numpy, chainlite.functions as F
    >>> F.relu6(numpy.array([-1.0, 3.0, 7.0])).array
    array([0., 3., 6.])
    """
    return clipped_relu(x, 6.0)
