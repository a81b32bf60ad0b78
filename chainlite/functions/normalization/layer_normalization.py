"""Layer normalization: each sample of ``x`` ``(N, D)`` normalized over its features.

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[1.0, 3.0]], numpy.float32)
>>> one, zero = numpy.ones(2, numpy.float32), numpy.zeros(2, numpy.float32)
>>> F.layer_normalization(x, one, zero, eps=0.0).array.tolist()
[[-1.0, 1.0]]
"""
from chainlite.functions.normalization._standardize import AffineStandardize, param_shape
from chainlite.utils import type_check


class LayerNormalization(AffineStandardize):
    """The node of :func:`layer_normalization`, under Chainer's name."""


def layer_normalization(x, gamma, beta, eps=1e-5):
    """``gamma * (x - mean) / sqrt(var + eps) + beta``, statistics over axis 1 of a 2-D ``x``."""
    if x.ndim != 2:
        raise type_check.InvalidType(
            'x.ndim == 2', '%d != 2' % x.ndim,
            'Invalid operation is performed in: LayerNormalization (Forward)\n\n'
            'Expect: x.ndim == 2\nActual: %d != 2 (x.shape = %s)' % (x.ndim, x.shape))
    shape = (1,) + param_shape('layer_normalization', x, (gamma, beta), (0,))[1:]
    return LayerNormalization((1,), eps, shape).apply((x, gamma, beta))[0]
