"""The depthwise two-dimensional convolution layer."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class DepthwiseConvolution2D(link.Link):
    """Convolves each input channel with its own ``channel_multiplier`` filters.

    ``W`` has shape ``(channel_multiplier, in_channels, kh, kw)`` and ``b``
    ``(channel_multiplier * in_channels,)``; with ``in_channels=None`` both are
    made on the first call.

    >>> import numpy, chainlite.links as L
    >>> conv = L.DepthwiseConvolution2D(3, 2, 2)
    >>> conv(numpy.ones((1, 3, 4, 4), numpy.float32)).shape
    (1, 6, 3, 3)
    """

    def __init__(self, in_channels, channel_multiplier, ksize, stride=1, pad=0, nobias=False,
                 initialW=None, initial_bias=None):
        super().__init__()
        self.ksize = ksize
        self.stride = _util.ntuple(stride, 2)
        self.pad = _util.ntuple(pad, 2)
        self.channel_multiplier = channel_multiplier
        self.nobias = nobias
        with self.init_scope():
            self.W = _util.param(initialW)
            self.b = None if nobias else _util.bias_param(initial_bias)
            if in_channels is not None:
                self._initialize_params(in_channels)

    def _initialize_params(self, in_channels):
        self.W.initialize((self.channel_multiplier, in_channels) + _util.ntuple(self.ksize, 2))
        if self.b is not None:
            self.b.initialize(self.channel_multiplier * in_channels)

    def forward(self, x):
        if self.W.array is None:
            self._initialize_params(x.shape[1])
        else:
            _util.check_input_size(self, self.W.shape[1], x.shape[1], x.shape, 'channels')
        return F.depthwise_convolution_2d(x, self.W, self.b, self.stride, self.pad)
