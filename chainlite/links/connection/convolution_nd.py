"""N-dimensional convolution layers: ConvolutionND, Convolution1D, Convolution3D."""
from chainlite import functions as F
from chainlite.links import _util
from chainlite.links.connection._convolution import Convolution


class ConvolutionND(Convolution):
    """``ndim``-dimensional convolution; ``W`` is ``(out_channels, in_channels / groups, *ksize)``.

    ``in_channels=None`` (or leaving out ``ksize``, as in ``ConvolutionND(3, 8, 2)``)
    infers the input channels from the first input.

    >>> import numpy, chainlite.links as L
    >>> conv = L.ConvolutionND(3, 2, 4, 2)
    >>> conv(numpy.ones((1, 2, 3, 3, 3), numpy.float32)).shape
    (1, 4, 2, 2, 2)
    """

    def __init__(self, ndim, in_channels, out_channels, ksize=None, stride=1, pad=0,
                 nobias=False, initialW=None, initial_bias=None, cover_all=False, dilate=1,
                 groups=1):
        super().__init__()
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        self.ksize = _util.ntuple(ksize, ndim, type(self).__name__ + ': ksize')
        self.stride = stride
        self.pad = pad
        self.cover_all = cover_all
        self.dilate = _util.ntuple(dilate, ndim, type(self).__name__ + ': dilate')
        self._setup(in_channels, out_channels, self.ksize, nobias, initialW, initial_bias,
                    groups)

    @classmethod
    def from_params(cls, W, b=None, stride=1, pad=0, nobias=False, **kwargs):
        """A ConvolutionND (``ndim = W.ndim - 2``) holding copies of ``W`` and ``b``;
        ``kwargs`` are ``cover_all``, ``dilate`` and ``groups``.

        >>> import numpy, chainlite.links as L
        >>> L.ConvolutionND.from_params(numpy.ones((4, 3, 2, 2, 2), numpy.float32)).ksize
        (2, 2, 2)
        """
        W, b = _util.from_params_arrays(cls, W, b, 'out_channels')
        groups = kwargs.get('groups', 1)
        return ConvolutionND(W.ndim - 2, W.shape[1] * groups, W.shape[0], W.shape[2:], stride,
                             pad, nobias, initialW=W, initial_bias=b, **kwargs)

    def forward(self, x):
        self._prepare(x)
        return F.convolution_nd(x, self.W, self.b, self.stride, self.pad,
                                cover_all=self.cover_all, dilate=self.dilate, groups=self.groups)


class Convolution1D(ConvolutionND):
    """1-D convolution: ``ConvolutionND`` with ``ndim=1``."""

    def __init__(self, in_channels, out_channels, ksize, stride=1, pad=0, nobias=False,
                 initialW=None, initial_bias=None, cover_all=False, dilate=1, groups=1):
        super().__init__(1, in_channels, out_channels, ksize, stride, pad, nobias, initialW,
                         initial_bias, cover_all, dilate, groups)


class Convolution3D(ConvolutionND):
    """3-D convolution: ``ConvolutionND`` with ``ndim=3``."""

    def __init__(self, in_channels, out_channels, ksize, stride=1, pad=0, nobias=False,
                 initialW=None, initial_bias=None, cover_all=False, dilate=1, groups=1):
        super().__init__(3, in_channels, out_channels, ksize, stride, pad, nobias, initialW,
                         initial_bias, cover_all, dilate, groups)
