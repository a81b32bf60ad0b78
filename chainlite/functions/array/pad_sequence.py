from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.get_item import get_item
from chainlite.utils import type_check


class PadSequence(FunctionNode):
    """Stacks sequences of different lengths into one padded ``(B, L, ...)`` array."""

    def __init__(self, length, padding):
        self.length = length
        self.padding = padding

    def forward(self, xs):
        if not xs:
            raise ValueError('pad_sequence: needs at least one sequence')
        shapes = [x.shape for x in xs]
        if any(x.ndim == 0 or x.shape[1:] != xs[0].shape[1:] or x.dtype != xs[0].dtype
               for x in xs):
            dtypes = [str(x.dtype) for x in xs]
            raise type_check.InvalidType(
                'one dtype and shape[1:]', 'shapes %s, dtypes %s' % (shapes, dtypes),
                'pad_sequence: sequences must share dtype and every axis but the first; got '
                'shapes %s and dtypes %s' % (shapes, dtypes))
        longest = max(s[0] for s in shapes)
        length = longest if self.length is None else self.length
        if length < longest:
            raise type_check.InvalidType(
                'length >= %d' % longest, str(length),
                'pad_sequence: length %d is shorter than the longest sequence (%d)'
                % (length, longest))
        xp = backend.get_array_module(*xs)
        y = xp.full((len(xs), length) + xs[0].shape[1:], self.padding, dtype=xs[0].dtype)
        for i, x in enumerate(xs):
            y[i, :len(x)] = x
        return y,

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return tuple(get_item(gy, (i, slice(0, x.shape[0])))
                     for i, x in enumerate(self.inputs))


def pad_sequence(xs, length=None, padding=0):
    """Pads sequences to a common length and stacks them along a new first axis.

    >>> import numpy, chainlite.functions as F
    >>> F.pad_sequence([numpy.ones(3), numpy.ones(1)], padding=-1).array
    array([[ 1.,  1.,  1.],
           [ 1., -1., -1.]])
    """
    return PadSequence(length, padding).apply(tuple(xs))[0]
