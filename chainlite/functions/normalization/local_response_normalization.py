"""Local response normalization across channels: ``y = x * (k + alpha * S) ** -beta``.

``S`` sums ``x ** 2`` over the channels ``c - n // 2 .. c + n // 2`` (clipped at the ends).

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 3, 1, 1), numpy.float32)
>>> F.local_response_normalization(x, n=3, k=1, alpha=1, beta=1).array.ravel().tolist()
[0.3333333432674408, 0.25, 0.3333333432674408]
"""
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


class ChannelWindowSum(FunctionNode):
    """Sum over the channel window ``[c - half, c + half]``; symmetric, so its own adjoint."""

    def __init__(self, half):
        self.half = half

    def forward(self, inputs):
        x, = inputs
        y = x.copy()
        for i in range(1, self.half + 1):  # the neighbours at distance i, in Chainer's order
            y[:, i:] += x[:, :-i]
            y[:, :-i] += x[:, i:]
        return y,

    def backward(self, indexes, grad_outputs):
        return ChannelWindowSum(self.half).apply(grad_outputs)


class LocalResponseNormalization(FunctionNode):
    """The node of :func:`local_response_normalization`, rounded as Chainer 7.8.1's:
    ``gx = gy scale^-beta - 2 alpha beta x W(y gy / scale)``, with ``W`` the channel
    window sum; its backward is made of chainlite functions, so it is differentiable again."""

    def __init__(self, n, k, alpha, beta):
        self.half, self.k, self.alpha, self.beta = n // 2, k, alpha, beta

    def forward(self, inputs):
        x, = inputs
        self.retain_inputs((0,))
        s, = ChannelWindowSum(self.half).forward((x * x,))
        return x * (s * self.alpha + self.k) ** -self.beta,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy, = grad_outputs
        scale = ChannelWindowSum(self.half).apply((x * x,))[0] * self.alpha + self.k
        scaled = scale ** -self.beta
        summand = ChannelWindowSum(self.half).apply((x * scaled * gy / scale,))[0]
        return gy * scaled - 2 * self.alpha * self.beta * x * summand,


def local_response_normalization(x, n=5, k=2, alpha=1e-4, beta=.75):
    """Normalizes ``x`` ``(N, C, ...)`` by the squares of neighbouring channels (AlexNet's LRN)."""
    if getattr(x, 'dtype', None) is None or x.dtype.kind != 'f' or x.ndim < 2:
        raise type_check.InvalidType(
            'x.dtype.kind == f and x.ndim >= 2', '%s, ndim %s' % (x.dtype, x.ndim),
            'local_response_normalization: x must be a float array of shape (N, C, ...); got '
            '%s of shape %s' % (x.dtype, x.shape))
    return LocalResponseNormalization(n, k, alpha, beta).apply((x,))[0]
