"""Region-of-interest max pooling (``rois`` rows are ``(y_min, x_min, y_max, x_max)``).

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> rois = numpy.array([[0, 0, 4, 4]], numpy.float32)
>>> F.roi_max_pooling_2d(x, rois, numpy.array([0], numpy.int32), 2, 1.0).array[0, 0].tolist()
[[5.0, 7.0], [13.0, 15.0]]
"""
from chainlite.functions.pooling._roi import max_over_windows, scaled_regions, windows


def roi_max_pooling_2d(x, rois, roi_indices, outsize, spatial_scale):
    """Max pools region ``r`` of image ``roi_indices[r]`` into ``outsize`` bins (empty bins: -inf).

    Corners are scaled by ``spatial_scale`` and rounded; the result is ``(R, C, oh, ow)``.
    """
    s, idx, outsize = scaled_regions('roi_max_pooling_2d', x, rois, roi_indices, outsize,
                                     spatial_scale)
    index, valid = windows(x.shape, idx, s[:, 0], s[:, 1], s[:, 2], s[:, 3],
                           outsize, plus_one=False)
    return max_over_windows(x, index, valid, -float('inf'))
