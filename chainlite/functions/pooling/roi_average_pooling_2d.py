"""Region-of-interest average pooling (``rois`` rows are ``(y_min, x_min, y_max, x_max)``).

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> rois = numpy.array([[0, 0, 4, 4]], numpy.float32)
>>> F.roi_average_pooling_2d(x, rois, numpy.array([0], numpy.int32), 2, 1.0).array[0, 0].tolist()
[[2.5, 4.5], [10.5, 12.5]]
"""
from chainlite.functions.pooling._roi import mean_over_windows, scaled_regions, windows


def roi_average_pooling_2d(x, rois, roi_indices, outsize, spatial_scale):
    """Averages region ``r`` of image ``roi_indices[r]`` over ``outsize`` bins (empty bins: 0).

    Corners are scaled by ``spatial_scale`` and rounded; the result is ``(R, C, oh, ow)``.
    """
    s, idx, outsize = scaled_regions('roi_average_pooling_2d', x, rois, roi_indices, outsize,
                                     spatial_scale)
    index, valid = windows(x.shape, idx, s[:, 0], s[:, 1], s[:, 2], s[:, 3],
                           outsize, plus_one=False)
    return mean_over_windows(x, index, valid)
