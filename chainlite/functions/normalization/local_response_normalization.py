"""Local response normalization across channels: ``y = x * (k + alpha * S) ** -beta``.

``S`` sums ``x ** 2`` over the channels ``c - n // 2 .. c + n // 2`` (clipped at the ends).

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 3, 1, 1), numpy.float32)
>>> F.local_response_normalization(x, n=3, k=1, alpha=1, beta=1).array.ravel().tolist()
[0.3333333432674408, 0.25, 0.3333333432674408]
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check
from chainlite.variable import as_variable


class ChannelWindowSum(FunctionNode):
    """Sum over the channel window ``[c - half, c + half]``; symmetric, so its own adjoint."""

    def __init__(self, half):
        self.half = half

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        h, c = self.half, x.shape[1]
        pad = xp.zeros((x.shape[0], c + 2 * h) + x.shape[2:], dtype=x.dtype)
        pad[:, h:h + c] = x
        y = pad[:, :c].copy()
        for i in range(1, 2 * h + 1):
            y += pad[:, i:i + c]
        return y,

    def backward(self, indexes, grad_outputs):
        return ChannelWindowSum(self.half).apply(grad_outputs)


def local_response_normalization(x, n=5, k=2, alpha=1e-4, beta=.75):
    """Normalizes ``x`` ``(N, C, ...)`` by the squares of neighbouring channels (AlexNet's LRN)."""
    if getattr(x, 'dtype', None) is None or x.dtype.kind != 'f' or x.ndim < 2:
        raise type_check.InvalidType(
            'x.dtype.kind == f and x.ndim >= 2', '%s, ndim %s' % (x.dtype, x.ndim),
            'local_response_normalization: x must be a float array of shape (N, C, ...); got '
            '%s of shape %s' % (x.dtype, x.shape))
    x = as_variable(x)
    s, = ChannelWindowSum(n // 2).apply((x * x,))
    return x * (s * alpha + k) ** -beta
