"""RoIAlign with maximum: the largest bilinear sample of each bin's regular grid.

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> rois = numpy.array([[0, 0, 4, 4]], numpy.float32)
>>> F.roi_max_align_2d(x, rois, numpy.array([0], numpy.int32), 2, 1.0).array[0, 0].tolist()
[[7.5, 9.0], [13.5, 15.0]]
"""
from chainlite.functions.pooling._roi import (bilinear_max, bilinear_windows, sampling_pair,
                                              scaled_regions)


def roi_max_align_2d(x, rois, roi_indices, outsize, spatial_scale, sampling_ratio=None):
    """RoIAlign (maximum) of regions ``(y_min, x_min, y_max, x_max)`` of images ``roi_indices``.

    As :func:`roi_average_align_2d`, but each bin takes its largest sample inside
    the image (-inf when it has none).
    """
    s, idx, outsize = scaled_regions('roi_max_align_2d', x, rois, roi_indices, outsize,
                                     spatial_scale)
    index, weight, valid, _ = bilinear_windows(
        x.shape, idx, s[:, 0], s[:, 1], s[:, 2], s[:, 3], outsize,
        sampling_pair('roi_max_align_2d', sampling_ratio), x.dtype)
    return bilinear_max(x, index, weight, valid)
