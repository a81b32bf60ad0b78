"""Swish activation with a learnable per-channel ``beta``."""
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.activation.sigmoid import sigmoid, sigmoid_array
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sum import sum_to
from chainlite.utils import force_array


class Swish(FunctionNode):
    """``x * sigmoid(beta * x)`` with ``beta`` broadcast from axis 1."""

    def check_type_forward(self, in_types):
        _util.expect_leading_param(in_types, 'beta')

    def forward(self, inputs):
        x, beta = inputs
        self.retain_inputs((0, 1))
        bx = beta.reshape(_util.leading_param_shape(beta.shape, x.ndim)) * x
        return force_array(x * sigmoid_array(bx)),

    def backward(self, indexes, grad_outputs):
        x, beta = self.get_retained_inputs()
        gy, = grad_outputs
        shape = _util.leading_param_shape(beta.shape, x.ndim)
        b = reshape(beta, shape)
        s = sigmoid(b * x)
        ds = s * (1 - s)
        ret = []
        if 0 in indexes:
            ret.append(gy * (s + b * x * ds))
        if 1 in indexes:
            ret.append(reshape(sum_to(gy * x * x * ds, shape), beta.shape))
        return tuple(ret)


def swish(x, beta):
    """Swish (Ramachandran et al., 2017): ``y = x * sigmoid(beta * x)``.

    ``beta`` holds one value per channel: ``beta.shape == x.shape[1:1 + beta.ndim]``.

    >>> import numpy, chainlite.functions as F
    >>> F.swish(numpy.array([[0.0, 2.0]]), numpy.array([1.0, 0.0])).array
    array([[0., 1.]])
    """
    return Swish().apply((x, beta))[0]
