"""UpsamplingDeconvFilter / DownsamplingConvFilter (expected values from Chainer 7.8.1)."""
import numpy
import pytest

import chainlite.functions as F
from chainlite import initializers as I


def _fill(initializer, shape, dtype=numpy.float32):
    a = numpy.full(shape, numpy.nan, dtype)
    initializer(a)
    return a


def test_upsampling_filter_matches_chainer():
    a = _fill(I.UpsamplingDeconvFilter(), (2, 2, 4, 4))
    taps = numpy.array([0.25, 0.75, 0.75, 0.25])
    numpy.testing.assert_allclose(a[0, 0], numpy.outer(taps, taps))
    numpy.testing.assert_array_equal(a[0, 1], 0)
    numpy.testing.assert_array_equal(a[1, 1], a[0, 0])
    numpy.testing.assert_allclose(_fill(I.UpsamplingDeconvFilter(), (1, 1, 3, 3))[0, 0],
                                  [[0.25, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 0.25]])
    numpy.testing.assert_allclose(_fill(I.UpsamplingDeconvFilter(), (3, 1, 2, 2)), 0.25)
    numpy.testing.assert_allclose(_fill(I.UpsamplingDeconvFilter(), (2, 2, 4))[1],
                                  [[0, 0, 0, 0], [0.25, 0.75, 0.75, 0.25]])


def test_downsampling_filter_matches_chainer():
    a = _fill(I.DownsamplingConvFilter(), (2, 2, 3, 3, 3))
    numpy.testing.assert_allclose(a[0, 0, 1], [[0.03125, 0.0625, 0.03125],
                                               [0.0625, 0.125, 0.0625],
                                               [0.03125, 0.0625, 0.03125]])
    assert a[0, 0].sum() == pytest.approx(1.0) and a[0, 1].sum() == 0


def test_upsampling_filter_interpolates_bilinearly():
    # A linear ramp upsampled by 2 stays a linear ramp away from the borders.
    stride = 2
    W = _fill(I.UpsamplingDeconvFilter(), (1, 1, 4, 4), numpy.float64)
    x = numpy.arange(5.0)[None, None, :, None] * numpy.ones((1, 1, 5, 5))
    y = F.deconvolution_2d(x, W, stride=stride, pad=1).array[0, 0]
    rows = y[2:-2, 4]
    numpy.testing.assert_allclose(numpy.diff(rows), 0.5)


def test_sampling_filter_errors():
    with pytest.raises(ValueError, match="unsupported interpolation method 'nearest'"):
        I.UpsamplingDeconvFilter('nearest')
    with pytest.raises(ValueError, match='kernel sizes must be equal'):
        _fill(I.UpsamplingDeconvFilter(), (2, 2, 3, 4))
    with pytest.raises(ValueError, match=r'channel axes.*\(2, 3, 4, 4\)'):
        _fill(I.DownsamplingConvFilter(), (2, 3, 4, 4))
    with pytest.raises(ValueError, match='DownsamplingConvFilter'):
        _fill(I.DownsamplingConvFilter(), (2, 2))
    with pytest.raises(ValueError, match='dtype'):
        _fill(I.UpsamplingDeconvFilter(dtype=numpy.float32), (2, 2, 4, 4), numpy.float64)
