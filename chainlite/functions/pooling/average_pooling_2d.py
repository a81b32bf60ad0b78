"""Two-dimensional average pooling."""
from chainlite.functions.pooling.average_pooling_nd import apply_average_pooling


def average_pooling_2d(x, ksize, stride=None, pad=0):
    """Two-dimensional average pooling of ``x`` ``(n, c, h, w)`` (padding counts as zeros).

    >>> import numpy, chainlite.functions as F
    >>> F.average_pooling_2d(numpy.ones((1, 1, 5, 5), numpy.float32), 2).shape
    (1, 1, 2, 2)
    """
    return apply_average_pooling('average_pooling_2d', 'AveragePooling2D', 2, x, ksize, stride, pad,
                                 0)
