"""The dilated two-dimensional convolution layer."""
from chainlite.links.connection.convolution_2d import Convolution2D


class DilatedConvolution2D(Convolution2D):
    """``Convolution2D`` with a dilated kernel (``dilate`` comes before ``nobias`` here).

    >>> import numpy, chainlite.links as L
    >>> conv = L.DilatedConvolution2D(1, 2, 3, dilate=2)
    >>> conv(numpy.ones((1, 1, 7, 7), numpy.float32)).shape
    (1, 2, 3, 3)
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, dilate=1,
                 nobias=False, initialW=None, initial_bias=None):
        super().__init__(in_channels, out_channels, ksize, stride, pad, nobias, initialW,
                         initial_bias, dilate=dilate)
