"""The MLP convolution layer of Network in Network (Lin et al., 2014)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.convolution_2d import Convolution2D


class MLPConvolution2D(link.ChainList):
    """A ``ksize`` convolution followed by 1x1 convolutions, ``activation`` between them.

    ``out_channels`` is a tuple: one entry per convolution. ``conv_init`` and
    ``bias_init`` initialize every convolution. ``MLPConvolution2D(out_channels,
    ksize)`` (or ``in_channels=None``) infers the input channels.

    >>> import numpy, chainlite.links as L
    >>> m = L.MLPConvolution2D(3, (8, 4), 3)
    >>> m(numpy.ones((1, 3, 5, 5), numpy.float32)).shape
    (1, 4, 3, 3)
    """

    def __init__(self, in_channels, out_channels, ksize=None, stride=1, pad=0,
                 activation=F.relu, *, conv_init=None, bias_init=None):
        if ksize is None:
            in_channels, out_channels, ksize = None, in_channels, out_channels
        if not out_channels:
            raise ValueError('MLPConvolution2D: out_channels must be a non-empty tuple')
        convs = [Convolution2D(in_channels, out_channels[0], ksize, stride, pad,
                               initialW=conv_init, initial_bias=bias_init)]
        for n_in, n_out in zip(out_channels, out_channels[1:]):
            convs.append(Convolution2D(n_in, n_out, 1, initialW=conv_init,
                                       initial_bias=bias_init))
        super().__init__(*convs)
        self.activation = activation

    def forward(self, x):
        for conv in self[:-1]:
            x = self.activation(conv(x))
        return self[-1](x)
