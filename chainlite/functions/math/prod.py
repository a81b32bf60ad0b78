"""``prod``: product of elements over axes.

The gradient (the product of the other elements) is computed without
division, so zeros in the input are handled exactly.

>>> import numpy, chainlite.functions as F
>>> F.prod(numpy.array([[1.0, 2.0], [3.0, 4.0]]), axis=1).array.tolist()
[2.0, 12.0]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.concat import concat
from chainlite.functions.array.flip import flip
from chainlite.functions.array.get_item import get_item
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math._util import broadcast_reduced, check_float
from chainlite.functions.math.cumprod import cumprod
from chainlite.functions.math.sum import _normalize_axis
from chainlite.utils import force_array


class Prod(FunctionNode):
    label = 'Prod'

    def __init__(self, axis=None, keepdims=False):
        self.axis = axis
        self.keepdims = keepdims

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        self.axis = _normalize_axis(self.axis, x.ndim, self.label)
        self.retain_inputs((0,))
        return force_array(x.prod(axis=self.axis, keepdims=self.keepdims)),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        shape = x.shape
        axes = tuple(range(len(shape))) if self.axis is None else self.axis
        kept = [i for i in range(len(shape)) if i not in axes]
        perm = kept + list(axes)
        xt = transpose(x, perm) if len(shape) else x
        flat = reshape(xt, tuple(shape[i] for i in kept) + (-1,))
        others = _exclusive_cumprod(flat) * flip(_exclusive_cumprod(flip(flat, -1)), -1)
        others = reshape(others, xt.shape)
        if len(shape):
            others = transpose(others, tuple(numpy.argsort(perm)))
        gy = broadcast_reduced(grad_outputs[0], self.axis, self.keepdims, shape)
        return gy * others,


def _exclusive_cumprod(x):
    """``[1, x0, x0 x1, ...]`` along the last axis."""
    xp = backend.get_array_module(x.array)
    ones = xp.ones(x.shape[:-1] + (1,), dtype=x.dtype)
    return concat((ones, get_item(cumprod(x, axis=-1), (Ellipsis, slice(None, -1)))), axis=-1)


def prod(x, axis=None, keepdims=False):
    """Product of the elements over ``axis`` (None, an int or a tuple of ints)."""
    return Prod(axis, keepdims).apply((x,))[0]
