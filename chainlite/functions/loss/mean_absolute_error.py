"""Mean absolute error."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.functions.loss._pairwise import check_pair
from chainlite.utils import force_array


class MeanAbsoluteError(FunctionNode):

    def check_type_forward(self, in_types):
        check_pair(in_types)

    def forward(self, inputs):
        x0, x1 = inputs
        diff = x0 - x1
        self.sign = backend.get_array_module(diff).sign(diff)
        return force_array(abs(diff).sum() / max(diff.size, 1), x0.dtype),

    def backward(self, indexes, grad_outputs):
        coef = grad_outputs[0] * (1.0 / max(self.sign.size, 1))
        gx0 = coef * _util.constant(self.sign)
        return gx0, -gx0


def mean_absolute_error(x0, x1):
    """Mean of ``|x0 - x1|`` over all elements (a scalar).

    >>> import numpy, chainlite.functions as F
    >>> F.mean_absolute_error(numpy.array([1.0, 2.0]), numpy.array([0.0, 4.0])).array
    array(1.5)
    """
    return MeanAbsoluteError().apply((x0, x1))[0]
