"""Spatial pyramid pooling: max pooling into 1, 2x2, 4x4, ... bins, flattened and concatenated.

>>> import numpy, chainlite.functions as F
>>> F.spatial_pyramid_pooling_2d(numpy.ones((2, 3, 7, 5), numpy.float32), 3, 'max').shape
(2, 63, 1, 1)
"""
from chainlite.functions.array.concat import concat
from chainlite.functions.array.reshape import reshape
from chainlite.functions.pooling.max_pooling_2d import max_pooling_2d


def spatial_pyramid_pooling_2d(x, pyramid_height, pooling=None):
    """Pools ``x`` ``(n, c, h, w)`` into ``4 ** l`` bins per level ``l < pyramid_height``.

    Level ``l`` uses ``2 ** l`` bins per axis: kernel and stride
    ``ceil(size / bins)``, padded evenly. Returns ``(n, c * sum(4 ** l), 1, 1)``.
    Only ``pooling='max'`` is supported (as in Chainer).
    """
    if pooling != 'max':
        raise ValueError('Unsupported pooling operation: ', pooling)
    h, w = x.shape[2:]
    ys = []
    for level in range(pyramid_height):
        bins = 2 ** level
        ksize = (-(-h // bins), -(-w // bins))
        pad = ((ksize[0] * bins - h) // 2, (ksize[1] * bins - w) // 2)
        y = max_pooling_2d(x, ksize, ksize, pad)
        ys.append(reshape(y, (y.shape[0], -1, 1, 1)))
    return concat(ys, axis=1)
