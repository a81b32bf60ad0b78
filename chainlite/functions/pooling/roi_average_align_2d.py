"""RoIAlign with averaging: bilinear samples on a regular grid in each bin, averaged.

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> rois = numpy.array([[0, 0, 4, 4]], numpy.float32)
>>> F.roi_average_align_2d(x, rois, numpy.array([0], numpy.int32), 2, 1.0).array[0, 0].tolist()
[[5.0, 6.75], [12.0, 13.75]]
"""
from chainlite.functions.pooling._roi import (bilinear_mean, bilinear_windows, sampling_pair,
                                              scaled_regions)


def roi_average_align_2d(x, rois, roi_indices, outsize, spatial_scale, sampling_ratio=None):
    """RoIAlign (average) of regions ``(y_min, x_min, y_max, x_max)`` of images ``roi_indices``.

    Corners are scaled by ``spatial_scale`` (not rounded); each of the
    ``outsize`` bins averages ``sampling_ratio`` x ``sampling_ratio`` bilinear
    samples (``ceil(bin size)`` per axis when None). Returns ``(R, C, oh, ow)``.
    """
    s, idx, outsize = scaled_regions('roi_average_align_2d', x, rois, roi_indices, outsize,
                                     spatial_scale)
    index, weight, valid, count = bilinear_windows(
        x.shape, idx, s[:, 0], s[:, 1], s[:, 2], s[:, 3], outsize,
        sampling_pair('roi_average_align_2d', sampling_ratio), x.dtype)
    return bilinear_mean(x, index, weight, valid, count)
