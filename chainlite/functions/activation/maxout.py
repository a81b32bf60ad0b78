"""Maxout: the maximum over groups of channels."""
import numbers

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.reshape import reshape
from chainlite.utils import type_check


class Maxout(FunctionNode):
    """Splits ``axis`` into ``(n / pool_size, pool_size)`` and takes the max of each group."""

    def __init__(self, pool_size, axis):
        self.pool_size = pool_size
        self.axis = axis

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def _grouped_shape(self, shape):
        a, p = self.axis, self.pool_size
        return shape[:a] + (shape[a] // p, p) + shape[a + 1:]

    def forward(self, inputs):
        x, = inputs
        self.axis = normalize_axis('maxout', self.axis, x.ndim)
        if x.shape[self.axis] % self.pool_size:
            raise type_check.InvalidType(
                'x.shape[axis] % pool_size == 0', '%d %% %d' % (x.shape[self.axis], self.pool_size),
                'maxout: x.shape[%d] = %d is not divisible by pool_size = %d (x.shape = %s)'
                % (self.axis, x.shape[self.axis], self.pool_size, x.shape))
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        return x.reshape(self._grouped_shape(x.shape)).max(axis=self.axis + 1),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        y, = self.output_data
        xp = backend.get_array_module(x)
        grouped = self._grouped_shape(x.shape)
        # Every element equal to its group's max receives the gradient (ties included).
        mask = (x.reshape(grouped) == xp.expand_dims(y, self.axis + 1)).astype(x.dtype)
        gy = reshape(grad_outputs[0], grouped[:self.axis + 1] + (1,) + grouped[self.axis + 2:])
        return reshape(gy * mask, x.shape),


def maxout(x, pool_size, axis=1):
    """Maxout (Goodfellow et al., 2013): max over groups of ``pool_size`` along ``axis``.

    The output has ``x.shape[axis] // pool_size`` there.

    >>> import numpy, chainlite.functions as F
    >>> F.maxout(numpy.array([[1.0, 3.0, 2.0, 0.0]]), 2).array
    array([[3., 2.]])
    """
    if not isinstance(pool_size, numbers.Integral) or pool_size <= 0:
        raise ValueError('maxout: pool_size must be a positive integer, got %r' % (pool_size,))
    return Maxout(int(pool_size), axis).apply((x,))[0]
