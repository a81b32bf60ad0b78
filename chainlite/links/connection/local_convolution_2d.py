"""The locally-connected (unshared-weight) two-dimensional convolution layer."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class LocalConvolution2D(link.Link):
    """A convolution with separate weights at every output position, no padding.

    ``W`` has shape ``(out_channels, out_h, out_w, in_channels, kh, kw)`` and
    ``b`` ``(out_channels, out_h, out_w)``; the output size follows from
    ``in_size`` (the input's ``(h, w)``), ``ksize`` and ``stride``. With
    ``in_channels`` or ``in_size`` None both come from the first input.

    >>> import numpy, chainlite.links as L
    >>> lc = L.LocalConvolution2D(2, 3, (4, 4), 2)
    >>> lc.W.shape, lc(numpy.ones((1, 2, 4, 4), numpy.float32)).shape
    ((3, 3, 3, 2, 2, 2), (1, 3, 3, 3))
    """

    def __init__(self, in_channels, out_channels, in_size=None, ksize=None, stride=1,
                 nobias=False, initialW=None, initial_bias=None):
        super().__init__()
        self.ksize = ksize
        self.stride = _util.ntuple(stride, 2)
        self.nobias = nobias
        self.out_channels = out_channels
        with self.init_scope():
            self.W = _util.param(initialW)
            self.b = None if nobias else _util.bias_param(initial_bias)
            if in_channels is not None and in_size is not None:
                self._initialize_params(in_channels, _util.ntuple(in_size, 2))

    def _initialize_params(self, in_channels, in_size):
        kh, kw = _util.ntuple(self.ksize, 2)
        out_h = (in_size[0] - kh) // self.stride[0] + 1
        out_w = (in_size[1] - kw) // self.stride[1] + 1
        self.W.initialize((self.out_channels, out_h, out_w, in_channels, kh, kw))
        if self.b is not None:
            self.b.initialize((self.out_channels, out_h, out_w))

    def forward(self, x):
        if self.W.array is None:
            self._initialize_params(x.shape[1], x.shape[2:])
        else:
            _util.check_input_size(self, self.W.shape[3], x.shape[1], x.shape, 'channels')
        return F.local_convolution_2d(x, self.W, self.b, self.stride)
