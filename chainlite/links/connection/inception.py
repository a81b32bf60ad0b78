"""The Inception module of GoogLeNet (Szegedy et al., 2014)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.convolution_2d import Convolution2D


class Inception(link.Chain):
    """Four branches concatenated along channels, then ReLU.

    The branches are a 1x1 convolution (``out1`` channels), a 1x1 projection to
    ``proj3`` then a 3x3 convolution (``out3``), a 1x1 projection to ``proj5``
    then a 5x5 convolution (``out5``), and 3x3 max pooling then a 1x1
    projection (``proj_pool``). The output has ``out1 + out3 + out5 + proj_pool``
    channels and the input's spatial size.

    >>> import numpy, chainlite.links as L
    >>> inc = L.Inception(3, 2, 2, 4, 2, 4, 2)
    >>> inc(numpy.ones((1, 3, 6, 6), numpy.float32)).shape
    (1, 12, 6, 6)
    """

    def __init__(self, in_channels, out1, proj3, out3, proj5, out5, proj_pool, conv_init=None,
                 bias_init=None):
        super().__init__()
        init = dict(initialW=conv_init, initial_bias=bias_init)
        with self.init_scope():
            self.conv1 = Convolution2D(in_channels, out1, 1, **init)
            self.proj3 = Convolution2D(in_channels, proj3, 1, **init)
            self.conv3 = Convolution2D(proj3, out3, 3, pad=1, **init)
            self.proj5 = Convolution2D(in_channels, proj5, 1, **init)
            self.conv5 = Convolution2D(proj5, out5, 5, pad=2, **init)
            self.projp = Convolution2D(in_channels, proj_pool, 1, **init)

    def forward(self, x):
        out1 = self.conv1(x)
        out3 = self.conv3(F.relu(self.proj3(x)))
        out5 = self.conv5(F.relu(self.proj5(x)))
        pool = self.projp(F.max_pooling_2d(x, 3, stride=1, pad=1))
        return F.relu(F.concat((out1, out3, out5, pool), axis=1))
