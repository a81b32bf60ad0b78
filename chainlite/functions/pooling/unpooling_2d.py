"""Two-dimensional unpooling."""
from chainlite.functions.pooling.unpooling_nd import apply_unpooling


def unpooling_2d(x, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """Two-dimensional unpooling of ``x`` ``(n, c, h, w)``; see :func:`unpooling_nd`.

    >>> import numpy, chainlite.functions as F
    >>> F.unpooling_2d(numpy.ones((1, 1, 2, 2), numpy.float32), 3, stride=2).shape
    (1, 1, 4, 4)
    """
    return apply_unpooling('unpooling_2d', 'Unpooling2D', 2, x, ksize, stride, pad, outsize,
                           cover_all)
