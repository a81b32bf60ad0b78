"""Convolution with a dilated kernel.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 1, 5, 5), numpy.float32)
>>> F.dilated_convolution_2d(x, numpy.ones((1, 1, 2, 2), numpy.float32), dilate=3).shape
(1, 1, 2, 2)
"""
from chainlite.functions.connection.convolution_2d import convolution_2d


def dilated_convolution_2d(x, W, b=None, stride=1, pad=0, dilate=1, cover_all=False):
    """Convolution with a dilated kernel (``convolution_2d`` with ``dilate``).

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((1, 1, 7, 7), numpy.float32)
    >>> F.dilated_convolution_2d(x, numpy.ones((1, 1, 3, 3), numpy.float32), dilate=2).shape
    (1, 1, 3, 3)
    """
    return convolution_2d(x, W, b, stride, pad, cover_all, dilate=dilate)
