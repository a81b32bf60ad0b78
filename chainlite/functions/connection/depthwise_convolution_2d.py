"""Depthwise convolution: each input channel convolved with its own ``channel_multiplier`` filters.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 3, 4, 4), numpy.float32)
>>> F.depthwise_convolution_2d(x, numpy.ones((2, 3, 3, 3), numpy.float32)).shape
(1, 6, 2, 2)
"""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.connection.convolution_2d import convolution_2d


def depthwise_convolution_2d(x, W, b=None, stride=1, pad=0):
    """Convolves channel ``c`` of ``x`` with ``W[m, c]``; output channel ``c * M + m``.

    ``W`` is ``(channel_multiplier M, in_channels C, kh, kw)``; ``b`` is ``(C * M,)``.
    """
    m, c = W.shape[:2]
    w = reshape(transpose(W, (1, 0, 2, 3)), (c * m, 1) + tuple(W.shape[2:]))
    return convolution_2d(x, w, b, stride, pad, groups=c)
