"""Elementwise squared error."""
from chainlite.function_node import FunctionNode
from chainlite.functions.loss._pairwise import check_pair
from chainlite.utils import force_array


class SquaredError(FunctionNode):

    def check_type_forward(self, in_types):
        check_pair(in_types)

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x0, x1 = inputs
        diff = x0 - x1
        return force_array(diff * diff),

    def backward(self, indexes, grad_outputs):
        x0, x1 = self.get_retained_inputs()
        gx0 = 2 * (x0 - x1) * grad_outputs[0]
        return gx0, -gx0


def squared_error(x0, x1):
    """Elementwise ``(x0 - x1) ** 2``.

    >>> import numpy, chainlite.functions as F
    >>> F.squared_error(numpy.array([1.0, 2.0]), numpy.array([0.0, 4.0])).array
    array([1., 4.])
    """
    return SquaredError().apply((x0, x1))[0]
