"""The two-dimensional convolution layer."""
from chainlite import functions as F
from chainlite.links import _util
from chainlite.links.connection._convolution import Convolution


class Convolution2D(Convolution):
    """2-D convolution; ``W`` has shape ``(out_channels, in_channels / groups, kh, kw)``.

    ``Convolution2D(out_channels, ksize)`` (or ``in_channels=None``) infers the
    input channels from the first input. ``W`` defaults to LeCunNormal, ``b`` to 0.

    >>> import numpy, chainlite.links as L
    >>> conv = L.Convolution2D(4, 3)     # out_channels 4, ksize 3
    >>> conv(numpy.ones((1, 2, 5, 5), numpy.float32)).shape
    (1, 4, 3, 3)
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0, nobias=False,
                 initialW=None, initial_bias=None, *, dilate=1, groups=1):
        super().__init__()
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        self.ksize = ksize
        self.stride = _util.ntuple(stride, 2)
        self.pad = _util.ntuple(pad, 2)
        self.dilate = _util.ntuple(dilate, 2)
        self.in_channels = in_channels
        ksize = _util.ntuple(ksize, 2, type(self).__name__ + ': ksize')
        self._setup(in_channels, out_channels, ksize, nobias, initialW, initial_bias, groups)

    @classmethod
    def from_params(cls, W, b=None, stride=1, pad=0, nobias=False, **kwargs):
        """A Convolution2D holding copies of ``W`` ``(out, in / groups, kh, kw)`` and ``b``;
        ``kwargs`` are ``dilate`` and ``groups``.

        >>> import numpy, chainlite.links as L
        >>> L.Convolution2D.from_params(numpy.ones((4, 3, 2, 2), numpy.float32)).out_channels
        4
        """
        W, b = _util.from_params_arrays(cls, W, b, 'out_channels')
        groups = kwargs.get('groups', 1)
        return cls(W.shape[1] * groups, W.shape[0], W.shape[2:], stride, pad, nobias,
                   initialW=W, initial_bias=b, **kwargs)

    @property
    def printable_specs(self):
        for name in ('in_channels', 'out_channels', 'ksize', 'stride', 'pad'):
            yield name, getattr(self, name)
        yield from (('nobias', self.b is None), ('dilate', self.dilate), ('groups', self.groups))

    def forward(self, x):
        self._prepare(x)
        return F.convolution_2d(x, self.W, self.b, self.stride, self.pad,
                                dilate=self.dilate, groups=self.groups)
