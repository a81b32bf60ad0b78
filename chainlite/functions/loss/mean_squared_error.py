"""Mean squared error."""
from chainlite.function_node import FunctionNode
from chainlite.functions.loss._pairwise import check_pair
from chainlite.utils import force_array


class MeanSquaredError(FunctionNode):

    def check_type_forward(self, in_types):
        check_pair(in_types)

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x0, x1 = inputs
        diff = (x0 - x1).ravel()
        return force_array(diff.dot(diff) / max(diff.size, 1), x0.dtype),

    def backward(self, indexes, grad_outputs):
        x0, x1 = self.get_retained_inputs()
        gx0 = (x0 - x1) * grad_outputs[0] * (2.0 / max(x0.size, 1))  # (Chainer's rounding)
        return gx0, -gx0


def mean_squared_error(x0, x1):
    """Mean of ``(x0 - x1) ** 2`` over all elements (a scalar).

    >>> import numpy, chainlite.functions as F
    >>> F.mean_squared_error(numpy.array([1.0, 2.0]), numpy.array([0.0, 4.0])).array
    array(2.5)
    """
    return MeanSquaredError().apply((x0, x1))[0]
