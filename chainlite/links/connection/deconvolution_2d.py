"""The two-dimensional transposed convolution layer."""
from chainlite import functions as F
from chainlite.links import _util
from chainlite.links.connection._convolution import Deconvolution


class Deconvolution2D(Deconvolution):
    """2-D transposed convolution; ``W`` is ``(in_channels, out_channels / groups, kh, kw)``.

    ``Deconvolution2D(out_channels, ksize)`` (or ``in_channels=None``) infers the
    input channels from the first input. ``outsize`` fixes the output size when
    the stride makes it ambiguous.

    >>> import numpy, chainlite.links as L
    >>> d = L.Deconvolution2D(4, 3, stride=2)
    >>> d(numpy.ones((1, 2, 4, 4), numpy.float32)).shape
    (1, 4, 9, 9)
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 outsize=None, initialW=None, initial_bias=None, *, dilate=1, groups=1):
        super().__init__()
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        self.ksize = ksize
        self.stride = _util.ntuple(stride, 2)
        self.pad = _util.ntuple(pad, 2)
        self.dilate = _util.ntuple(dilate, 2)
        self.outsize = (None, None) if outsize is None else outsize
        ksize = _util.ntuple(ksize, 2, type(self).__name__ + ': ksize')
        self._setup(in_channels, out_channels, ksize, nobias, initialW, initial_bias, groups)

    def forward(self, x):
        self._prepare(x)
        outsize = None if self.outsize == (None, None) else self.outsize
        return F.deconvolution_2d(x, self.W, self.b, self.stride, self.pad, outsize,
                                  dilate=self.dilate, groups=self.groups)
