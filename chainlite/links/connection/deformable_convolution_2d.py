"""The two-dimensional deformable convolution layer."""
from chainlite import functions as F
from chainlite import initializers
from chainlite import link
from chainlite.links import _util
from chainlite.links.connection.convolution_2d import Convolution2D
from chainlite.utils import type_check


class DeformableConvolution2D(link.Chain):
    """A convolution whose kernel taps are shifted by offsets predicted from the input.

    ``offset_conv`` (a :class:`Convolution2D` to ``2 * kh * kw`` channels, same
    ``ksize``, ``stride`` and ``pad``) predicts the offsets; ``deform_conv``
    holds ``W`` ``(out_channels, in_channels, kh, kw)`` and ``b`` and applies
    :func:`~chainlite.functions.deformable_convolution_2d_sampler`. As in
    Chainer, ``offset_conv`` defaults to LeCunNormal weights and a zero bias,
    ``deform_conv`` to zero weights and a zero bias; the ``offset_*`` and
    ``deform_*`` arguments override them. With ``in_channels`` None all weights
    are drawn on the first call (``offset_conv`` first, as Chainer does).

    >>> import numpy, chainlite.links as L
    >>> dconv = L.DeformableConvolution2D(2, 4, 3, pad=1, deform_initialW=1.0)
    >>> sorted(path for path, _ in dconv.namedparams())
    ['/deform_conv/W', '/deform_conv/b', '/offset_conv/W', '/offset_conv/b']
    >>> dconv.offset_conv.W.shape, dconv.deform_conv.W.shape
    ((18, 2, 3, 3), (4, 2, 3, 3))
    >>> y = dconv(numpy.ones((1, 2, 5, 5), numpy.float32))
    >>> y.shape
    (1, 4, 5, 5)
    """

    def __init__(self, in_channels, out_channels, ksize, stride=1, pad=0, offset_nobias=False,
                 offset_initialW=None, offset_initial_bias=None, deform_nobias=False,
                 deform_initialW=None, deform_initial_bias=None):
        super().__init__()
        kh, kw = _util.ntuple(ksize, 2)
        with self.init_scope():
            self.offset_conv = Convolution2D(
                in_channels, 2 * kh * kw, ksize, stride, pad, nobias=offset_nobias,
                initialW=offset_initialW, initial_bias=offset_initial_bias)
            self.deform_conv = DeformableConvolution2DSampler(
                in_channels, out_channels, ksize, stride, pad, nobias=deform_nobias,
                initialW=deform_initialW, initial_bias=deform_initial_bias)

    def forward(self, x):
        """Predicts the offsets from ``x`` ``(n, c, h, w)`` and convolves ``x`` at them."""
        if x.ndim != 4:
            raise type_check.InvalidType(
                'x.ndim == 4', 'x.ndim = %d' % x.ndim,
                '%s at %s: expected an input (n, c, h, w), got shape %s'
                % (type(self).__name__, self.path, tuple(x.shape)))
        W = self.deform_conv.W
        if W.array is not None:
            _util.check_input_size(self, W.shape[1], x.shape[1], x.shape, 'channels')
        offset = self.offset_conv(x)
        return self.deform_conv(x, offset)


class DeformableConvolution2DSampler(link.Link):
    """Holds ``W`` ``(out_channels, in_channels, kh, kw)`` and ``b`` ``(out_channels,)``
    for :func:`~chainlite.functions.deformable_convolution_2d_sampler`.

    ``W`` defaults to zeros, ``b`` to 0. With ``in_channels`` None both are
    created on the first call from the input's channels.
    """

    def __init__(self, in_channels, out_channels, ksize, stride=1, pad=0, nobias=False,
                 initialW=None, initial_bias=None):
        super().__init__()
        self.ksize = ksize
        self.stride = _util.ntuple(stride, 2)
        self.pad = _util.ntuple(pad, 2)
        self.out_channels = out_channels
        self.initialW = initialW
        with self.init_scope():
            self.W = _util.param(initializers.Zero() if initialW is None else initialW)
            self.b = None if nobias else _util.bias_param(initial_bias)
            if in_channels is not None:
                self._initialize_params(in_channels)

    def _initialize_params(self, in_channels):
        self.W.initialize((self.out_channels, in_channels) + _util.ntuple(self.ksize, 2))
        if self.b is not None:
            self.b.initialize((self.out_channels,))

    def forward(self, x, offset):
        """Samples ``x`` at the taps shifted by ``offset`` and combines them with ``W``."""
        if self.W.array is None:
            self._initialize_params(x.shape[1])
        else:
            _util.check_input_size(self, self.W.shape[1], x.shape[1], x.shape, 'channels')
        return F.deformable_convolution_2d_sampler(x, offset, self.W, self.b, self.stride,
                                                   self.pad)
