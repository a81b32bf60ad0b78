"""Reshape without copying.

>>> import numpy, chainlite.functions as F
>>> F.reshape(numpy.arange(6.0), (2, -1)).shape
(2, 3)
"""
from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.utils import type_check


def _resolve_shape(shape, size, label, in_shape):
    shape = tuple(shape)
    unknown = [i for i, s in enumerate(shape) if s == -1]
    known = 1
    for s in shape:
        if s != -1:
            known *= s
    if len(unknown) > 1:
        raise ValueError('%s: only one dimension can be -1, got %s' % (label, shape))
    if unknown:
        if known == 0 or size % known:
            raise type_check.InvalidType(
                'prod(x.shape) %% known == 0', '%d %% %d != 0' % (size, known),
                'Invalid operation is performed in: %s (Forward)\n\nExpect: prod(x.shape) %% '
                'prod(known dims of %s) == 0\nActual: %d (from %s)'
                % (label, shape, size, in_shape))
        shape = shape[:unknown[0]] + (size // known,) + shape[unknown[0] + 1:]
    elif known != size:
        raise type_check.InvalidType(
            'prod(x.shape) == prod(%s)' % (shape,), '%d != %d' % (size, known),
            'Invalid operation is performed in: %s (Forward)\n\nExpect: prod(x.shape) == '
            'prod(%s)\nActual: %d != %d (x.shape = %s)' % (label, shape, size, known, in_shape))
    return shape


class Reshape(FunctionNode):
    """Gives the input a new shape with the same number of elements."""

    backward_on_arrays = True

    def __init__(self, shape):
        self.shape = tuple(shape)

    def forward(self, inputs):
        x, = inputs
        shape = _resolve_shape(self.shape, x.size, 'Reshape', x.shape)
        return x.reshape(shape),

    def backward(self, indexes, grad_outputs):
        return forward_or_apply(Reshape(self.inputs[0].shape), grad_outputs),


def reshape(x, shape):
    """Reshapes ``x`` to ``shape`` (one entry may be -1)."""
    if isinstance(shape, int):
        shape = (shape,)
    if getattr(x, 'shape', None) == tuple(shape):
        from chainlite.variable import as_variable
        return as_variable(x)
    return Reshape(shape).apply((x,))[0]
