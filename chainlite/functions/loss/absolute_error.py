"""Elementwise absolute error."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.functions.loss._pairwise import check_pair
from chainlite.utils import force_array


class AbsoluteError(FunctionNode):

    def check_type_forward(self, in_types):
        check_pair(in_types)

    def forward(self, inputs):
        x0, x1 = inputs
        diff = x0 - x1
        self.sign = backend.get_array_module(diff).sign(diff)
        return force_array(abs(diff)),

    def backward(self, indexes, grad_outputs):
        gx0 = grad_outputs[0] * _util.constant(self.sign)
        return gx0, -gx0


def absolute_error(x0, x1):
    """Elementwise ``|x0 - x1|`` (its gradient at 0 is 0).

    >>> import numpy, chainlite.functions as F
    >>> F.absolute_error(numpy.array([1.0, 2.0]), numpy.array([0.0, 4.0])).array
    array([1., 2.])
    """
    return AbsoluteError().apply((x0, x1))[0]
