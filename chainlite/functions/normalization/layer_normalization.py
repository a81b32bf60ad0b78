"""Layer normalization: each sample of ``x`` ``(N, D)`` normalized over its features.

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[1.0, 3.0]], numpy.float32)
>>> one, zero = numpy.ones(2, numpy.float32), numpy.zeros(2, numpy.float32)
>>> F.layer_normalization(x, one, zero, eps=0.0).array.tolist()
[[-1.0, 1.0]]
"""
from chainlite.configuration import config
from chainlite.functions.normalization._standardize import AffineStandardize, param_shape
from chainlite.utils import type_check
from chainlite.variable import Variable


class LayerNormalization(AffineStandardize):
    """The node of :func:`layer_normalization`, under Chainer's name."""

    def backward(self, indexes, grad_outputs):
        if config.enable_backprop:
            return super().backward(indexes, grad_outputs)
        # the first-order gradient of x in Chainer 7.8.1's rounding order, bit for bit:
        # the chain rule through xc = x - mean, var = mean(xc ** 2), s = 1 / sqrt(var + eps)
        x, gamma = self.get_retained_inputs()
        gy, = grad_outputs
        gy, x, gamma = gy.array, x.array, gamma.array
        std = self.std
        inv_m = x.dtype.type(1.0 / std.count)
        xc = x - std.mean
        gxhat = gy * gamma.reshape(self.pshape)
        gvar = (gxhat * xc).sum(axis=1, keepdims=True)
        gvar *= -1.0 / (std.var + x.dtype.type(self.eps))
        gvar *= 0.5
        gvar *= self.s
        gvar *= inv_m
        gvar *= 2
        gx = gxhat * self.s
        gx += gvar * xc
        gx += gx.sum(axis=1, keepdims=True) * -1.0 * inv_m
        ggamma = (gy * self.xhat).sum(axis=0)
        gbeta = gy.sum(axis=0)
        return Variable(gx), Variable(ggamma), Variable(gbeta)


def layer_normalization(x, gamma, beta, eps=1e-5):
    """``gamma * (x - mean) / sqrt(var + eps) + beta``, statistics over axis 1 of a 2-D ``x``."""
    if x.ndim != 2:
        raise type_check.InvalidType(
            'x.ndim == 2', '%d != 2' % x.ndim,
            'Invalid operation is performed in: LayerNormalization (Forward)\n\n'
            'Expect: x.ndim == 2\nActual: %d != 2 (x.shape = %s)' % (x.ndim, x.shape))
    shape = (1,) + param_shape('layer_normalization', x, (gamma, beta), (0,))[1:]
    return LayerNormalization((1,), eps, shape).apply((x, gamma, beta))[0]
