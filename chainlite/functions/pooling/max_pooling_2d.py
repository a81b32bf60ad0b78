"""Two-dimensional max pooling."""
from chainlite.functions.pooling.max_pooling_nd import apply_max_pooling


def max_pooling_2d(x, ksize, stride=None, pad=0, cover_all=True, return_indices=False):
    """Two-dimensional max pooling of ``x`` ``(n, c, h, w)``; see :func:`max_pooling_nd`.

    >>> import numpy, chainlite.functions as F
    >>> F.max_pooling_2d(numpy.ones((1, 1, 5, 5), numpy.float32), 2).shape
    (1, 1, 3, 3)
    """
    return apply_max_pooling('max_pooling_2d', 'MaxPooling2D', 2, x, ksize, stride, pad, cover_all,
                             return_indices)
