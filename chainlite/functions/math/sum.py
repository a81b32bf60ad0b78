"""Sums: ``sum`` over axes and ``sum_to`` a shape (the adjoint of broadcasting).

>>> import numpy, chainlite.functions as F
>>> F.sum(numpy.ones((2, 3)), axis=1).array.tolist()
[3.0, 3.0]
>>> F.sum_to(numpy.ones((2, 3)), (1, 3)).array.tolist()
[[2.0, 2.0, 2.0]]
"""
import numpy

from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.functions.array.broadcast import BroadcastTo
from chainlite.functions.array.reshape import Reshape
from chainlite.utils import force_array, type_check
from chainlite.utils.array import sum_to as sum_to_array


def _normalize_axis(axis, ndim, label):
    if axis is None:
        return None
    if type(axis) is int and -ndim <= axis < ndim:  # the common case, checked at once
        return (axis % ndim,)
    axes = axis if isinstance(axis, tuple) else (axis,)
    out = []
    for a in axes:
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError('%s: axis must be an int or a tuple of ints, got %r' % (label, axis))
        if not -ndim <= a < ndim:
            raise type_check.InvalidType(
                'x.ndim > %d' % (a if a >= 0 else -a - 1), '%d <= %d' % (ndim, a),
                'Invalid operation is performed in: %s (Forward)\n\nExpect: axis %d within '
                'x.ndim %d' % (label, a, ndim))
        out.append(a % ndim)
    if len(set(out)) != len(out):
        raise ValueError('%s: duplicate value in axis %r' % (label, axis))
    return tuple(out)


class Sum(FunctionNode):
    """Sum over the given axes."""

    backward_on_arrays = True

    def __init__(self, axis=None, keepdims=False):
        self.axis = axis
        self.keepdims = keepdims

    def forward(self, inputs):
        x, = inputs
        self.axis = _normalize_axis(self.axis, x.ndim, 'Sum')
        return force_array(x.sum(axis=self.axis, keepdims=self.keepdims)),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        shape = self.inputs[0].shape
        if not self.keepdims and self.axis is not None and len(shape):
            kept = list(shape)
            for a in self.axis:
                kept[a] = 1
            gy = forward_or_apply(Reshape(kept), (gy,))
        # (a full sum's 0-dim gradient broadcasts as it is)
        if gy.shape == shape:
            return gy,
        return forward_or_apply(BroadcastTo(shape), (gy,)),


def sum(x, axis=None, keepdims=False):
    """Sum of the elements over ``axis`` (an int, a tuple, or None for all)."""
    return Sum(axis, keepdims).apply((x,))[0]


class SumTo(FunctionNode):
    """Sums a broadcast array back down to ``shape``."""

    backward_on_arrays = True

    def __init__(self, shape):
        self._shape = tuple(shape)

    def forward(self, inputs):
        x, = inputs
        y = sum_to_array(x, self._shape)
        return (y if type(y) is numpy.ndarray else force_array(y)),

    def backward(self, indexes, grad_outputs):
        return forward_or_apply(BroadcastTo(self.inputs[0].shape), grad_outputs),


def sum_to(x, shape):
    """Sums ``x`` so its shape becomes ``shape`` (``x`` must broadcast from ``shape``)."""
    if getattr(x, 'shape', None) == tuple(shape):
        from chainlite.variable import as_variable
        return as_variable(x)
    return SumTo(shape).apply((x,))[0]
