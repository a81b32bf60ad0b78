"""Region-of-interest max pooling, Fast R-CNN style (``rois`` rows are ``(batch, x1, y1, x2, y2)``).

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> rois = numpy.array([[0, 0, 0, 3, 3]], numpy.float32)
>>> F.roi_pooling_2d(x, rois, 2, 2, 1.0).array[0, 0].tolist()
[[5.0, 7.0], [13.0, 15.0]]
"""
from chainlite.functions.pooling._roi import check_inputs, max_over_windows, outsize_pair, windows


def roi_pooling_2d(x, rois, outh, outw, spatial_scale):
    """Max pools each region of ``x`` ``(N, C, H, W)`` into ``outh x outw`` bins.

    Corners are scaled by ``spatial_scale`` and rounded; a region covers
    ``x2 - x1 + 1`` columns (and rows alike). Empty bins give 0. The result is
    ``(R, C, outh, outw)``.
    """
    rois_a = getattr(rois, 'array', rois)
    check_inputs('roi_pooling_2d', x, rois_a, None, 5)
    s = rois_a[:, 1:] * spatial_scale
    outsize = outsize_pair('roi_pooling_2d', (outh, outw), '(outh, outw)')
    index, valid = windows(x.shape, rois_a[:, 0].astype('i'), s[:, 1], s[:, 0], s[:, 3], s[:, 2],
                           outsize, plus_one=True)
    return max_over_windows(x, index, valid, 0)
