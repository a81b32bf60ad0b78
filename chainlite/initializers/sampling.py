"""Bilinear resampling filters for (de)convolution weights: UpsamplingDeconvFilter and
DownsamplingConvFilter (Chainer's ``chainer.initializers.sampling``)."""
import numpy

from chainlite import backend
from chainlite.initializers._base import Initializer


def _bilinear_kernel(ksize):
    """1-D linear-interpolation taps of length ``ksize`` (a triangle peaking at the centre)."""
    factor = (ksize + 1) // 2
    center = factor - 1 if ksize % 2 == 1 else factor - 0.5
    return 1 - numpy.abs(numpy.arange(ksize) - center) / factor


class _SamplingFilter(Initializer):

    def __init__(self, interpolation='linear', dtype=None):
        if interpolation != 'linear':
            raise ValueError('%s: unsupported interpolation method %r (only \'linear\')'
                             % (type(self).__name__, interpolation))
        super().__init__(dtype)
        self.interpolation = interpolation

    def _normalize(self, kernel):
        raise NotImplementedError

    def __call__(self, array):
        self._check_dtype(array)
        name = type(self).__name__
        if array.ndim < 3:
            raise ValueError('%s: needs a (de)convolution weight (out, in, k, ...), got shape %s'
                             % (name, array.shape))
        out_c, in_c, *ksizes = array.shape
        if len(set(ksizes)) != 1:
            raise ValueError('%s: all kernel sizes must be equal, got %s' % (name, ksizes))
        if in_c != out_c and in_c != 1:
            raise ValueError('%s: the channel axes must be equal (or the second 1), got shape %s'
                             % (name, array.shape))
        taps = _bilinear_kernel(ksizes[0])
        kernel = taps
        for _ in ksizes[1:]:
            kernel = numpy.multiply.outer(kernel, taps)
        kernel = self._normalize(kernel)
        weight = numpy.zeros(array.shape, dtype=array.dtype)
        channels = numpy.arange(out_c)
        weight[channels, channels if in_c == out_c else 0] = kernel
        array[...] = backend.get_device_from_array(array).send(weight)


class UpsamplingDeconvFilter(_SamplingFilter):
    """Deconvolution weight that upsamples each channel by bilinear interpolation.

    Channel ``i`` maps to channel ``i`` only (or every channel to the single
    output channel when the second axis is 1). With ``ksize = 2 * stride - stride % 2``
    and ``pad = (stride - stride % 2) // 2``, ``Deconvolution2D`` becomes bilinear
    upsampling by ``stride``.

    >>> import numpy
    >>> W = numpy.empty((1, 1, 4, 4), numpy.float32)
    >>> UpsamplingDeconvFilter()(W)
    >>> W[0, 0, 0].tolist()
    [0.0625, 0.1875, 0.1875, 0.0625]
    """

    def _normalize(self, kernel):
        return kernel


class DownsamplingConvFilter(_SamplingFilter):
    """Convolution weight that averages each channel with bilinear weights (summing to 1),
    an anti-aliased downsampling filter.

    >>> import numpy
    >>> W = numpy.empty((1, 1, 3, 3), numpy.float32)
    >>> DownsamplingConvFilter()(W)
    >>> W[0, 0, 1].tolist()
    [0.125, 0.25, 0.125]
    """

    def _normalize(self, kernel):
        return kernel / kernel.sum()
