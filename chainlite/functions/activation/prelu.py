"""Parametric ReLU."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sum import sum_to
from chainlite.utils import force_array


class PReLUFunction(FunctionNode):
    """``x`` for ``x >= 0``, else ``W * x`` with ``W`` broadcast from axis 1."""

    def check_type_forward(self, in_types):
        _util.expect_leading_param(in_types, 'W')

    def forward(self, inputs):
        x, W = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0, 1))
        Wb = W.reshape(_util.leading_param_shape(W.shape, x.ndim))
        return force_array(xp.where(x >= 0, x, x * Wb)),

    def backward(self, indexes, grad_outputs):
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        neg = (x.array < 0).astype(x.dtype)
        shape = _util.leading_param_shape(W.shape, x.ndim)
        ret = []
        if 0 in indexes:
            ret.append(gy * (reshape(W, shape) * neg + (1 - neg)))
        if 1 in indexes:
            ret.append(reshape(sum_to(gy * x * neg, shape), W.shape))
        return tuple(ret)


def prelu(x, W):
    """Parametric ReLU: ``y = x`` for ``x >= 0`` and ``W * x`` otherwise.

    ``W`` holds one slope per channel: ``W.shape == x.shape[1:1 + W.ndim]``.

    >>> import numpy, chainlite.functions as F
    >>> F.prelu(numpy.array([[-1.0, -1.0]]), numpy.array([0.1, 0.5])).array
    array([[-0.1, -0.5]])
    """
    return PReLUFunction().apply((x, W))[0]
