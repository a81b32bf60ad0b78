"""Rectified linear unit."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


class ReLU(FunctionNode):
    """``max(x, 0)``; the gradient at 0 is 0."""

    backward_on_arrays = True  # its backward works on arrays and Variables alike

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_outputs((0,))
        return force_array(xp.maximum(x, 0, dtype=x.dtype)),

    def backward(self, indexes, grad_outputs):
        y, = self.output_data
        return grad_outputs[0] * (y > 0),  # (a bool mask multiplies into gy's dtype)


def relu(x):
    """Rectified linear unit: ``y = max(x, 0)``.

    >>> import numpy, chainlite.functions as F
    >>> F.relu(numpy.array([-1.0, 2.0])).array
    array([0., 2.])
    """
    return ReLU().apply((x,))[0]
