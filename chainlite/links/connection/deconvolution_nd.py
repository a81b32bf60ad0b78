"""N-dimensional transposed convolution layers: DeconvolutionND, Deconvolution1D/3D."""
from chainlite import functions as F
from chainlite.links import _util
from chainlite.links.connection._convolution import Deconvolution


class DeconvolutionND(Deconvolution):
    """``ndim``-dimensional transposed convolution; ``W`` is ``(in, out / groups, *ksize)``.

    >>> import numpy, chainlite.links as L
    >>> d = L.DeconvolutionND(1, 2, 4, 3, stride=2)
    >>> d(numpy.ones((1, 2, 4), numpy.float32)).shape
    (1, 4, 9)
    """

    def __init__(self, ndim, in_channels, out_channels, ksize=None, stride=1, pad=0,
                 nobias=False, outsize=None, initialW=None, initial_bias=None, dilate=1,
                 groups=1):
        super().__init__()
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        self.ksize = _util.ntuple(ksize, ndim, type(self).__name__ + ': ksize')
        self.stride = stride
        self.pad = pad
        self.outsize = outsize
        self.dilate = _util.ntuple(dilate, ndim, type(self).__name__ + ': dilate')
        self._setup(in_channels, out_channels, self.ksize, nobias, initialW, initial_bias,
                    groups)

    def forward(self, x):
        self._prepare(x)
        return F.deconvolution_nd(x, self.W, self.b, self.stride, self.pad, self.outsize,
                                  dilate=self.dilate, groups=self.groups)


class Deconvolution1D(DeconvolutionND):
    """1-D transposed convolution: ``DeconvolutionND`` with ``ndim=1``."""

    def __init__(self, in_channels, out_channels, ksize, stride=1, pad=0, nobias=False,
                 outsize=None, initialW=None, initial_bias=None, dilate=1, groups=1):
        super().__init__(1, in_channels, out_channels, ksize, stride, pad, nobias, outsize,
                         initialW, initial_bias, dilate, groups)


class Deconvolution3D(DeconvolutionND):
    """3-D transposed convolution: ``DeconvolutionND`` with ``ndim=3``."""

    def __init__(self, in_channels, out_channels, ksize, stride=1, pad=0, nobias=False,
                 outsize=None, initialW=None, initial_bias=None, dilate=1, groups=1):
        super().__init__(3, in_channels, out_channels, ksize, stride, pad, nobias, outsize,
                         initialW, initial_bias, dilate, groups)
