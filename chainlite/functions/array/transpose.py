"""Axis permutation.

>>> import numpy, chainlite.functions as F
>>> F.transpose(numpy.zeros((2, 3, 4)), (2, 0, 1)).shape
(4, 2, 3)
"""
from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.utils import type_check


class Transpose(FunctionNode):
    """Permutes the axes (reverses them when ``axes`` is None)."""

    backward_on_arrays = True

    def __init__(self, axes=None):
        self.axes = None if axes is None else tuple(axes)

    def forward(self, inputs):
        x, = inputs
        axes = self.axes
        if axes is not None:
            if len(axes) != x.ndim or sorted(a % x.ndim for a in axes) != list(range(x.ndim)):
                raise type_check.InvalidType(
                    'axes is a permutation of range(x.ndim)',
                    'axes = %s, x.ndim = %d' % (axes, x.ndim),
                    'Transpose: axes %s do not permute the %d axes of an input of shape %s'
                    % (axes, x.ndim, x.shape))
        return x.transpose(axes),

    def backward(self, indexes, grad_outputs):
        axes = self.axes
        if axes is None:
            return forward_or_apply(Transpose(), grad_outputs),
        ndim = len(axes)
        inverse = [0] * ndim
        for i, a in enumerate(axes):
            inverse[a % ndim] = i
        return forward_or_apply(Transpose(inverse), grad_outputs),


def transpose(x, axes=None):
    """Permutes the axes of ``x`` (as ``numpy.transpose``)."""
    return Transpose(axes).apply((x,))[0]
