"""The Inception module with batch normalization (Ioffe and Szegedy, 2015)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.convolution_2d import Convolution2D
from chainlite.links.normalization.batch_normalization import BatchNormalization


class InceptionBN(link.Chain):
    """Inception with every convolution followed by batch normalization and ReLU.

    Branches: an optional 1x1 convolution (``out1`` > 0), a 1x1 projection to
    ``proj3`` then a 3x3 convolution (``out3``), a 1x1 projection to ``proj33``
    then two 3x3 convolutions (``out33``), and 3x3 pooling (``pooltype`` 'max'
    or 'avg') with an optional 1x1 projection (``proj_pool``). ``stride`` > 1
    shrinks the output. The 1x1 branch needs stride 1 and a pooling projection.
    Convolutions have no bias.

    >>> import numpy, chainlite.links as L
    >>> inc = L.InceptionBN(3, 2, 2, 2, 2, 2, 'avg', 2)
    >>> inc(numpy.ones((1, 3, 5, 5), numpy.float32)).shape
    (1, 8, 5, 5)
    """

    def __init__(self, in_channels, out1, proj3, out3, proj33, out33, pooltype, proj_pool=None,
                 stride=1, conv_init=None, dtype=None):
        super().__init__()
        if pooltype not in ('max', 'avg'):
            raise ValueError("InceptionBN: pooltype must be 'max' or 'avg', got %r" % (pooltype,))
        if out1 > 0 and (stride != 1 or proj_pool is None):
            raise ValueError('InceptionBN: a 1x1 branch (out1=%d) needs stride 1 and a pooling '
                             'projection (got stride=%r, proj_pool=%r)'
                             % (out1, stride, proj_pool))
        self.out1 = out1
        self.proj_pool = proj_pool
        self.stride = stride
        self.pooltype = pooltype

        def conv(n_in, n_out, ksize, stride=1, pad=0):
            return Convolution2D(n_in, n_out, ksize, stride, pad, nobias=True, initialW=conv_init)

        with self.init_scope():
            self.proj3 = conv(in_channels, proj3, 1)
            self.conv3 = conv(proj3, out3, 3, stride, 1)
            self.proj33 = conv(in_channels, proj33, 1)
            self.conv33a = conv(proj33, out33, 3, 1, 1)
            self.conv33b = conv(out33, out33, 3, stride, 1)
            self.proj3n = BatchNormalization(proj3, dtype=dtype)
            self.conv3n = BatchNormalization(out3, dtype=dtype)
            self.proj33n = BatchNormalization(proj33, dtype=dtype)
            self.conv33an = BatchNormalization(out33, dtype=dtype)
            self.conv33bn = BatchNormalization(out33, dtype=dtype)
            if out1 > 0:
                self.conv1 = conv(in_channels, out1, 1)
                self.conv1n = BatchNormalization(out1, dtype=dtype)
            if proj_pool is not None:
                self.poolp = conv(in_channels, proj_pool, 1)
                self.poolpn = BatchNormalization(proj_pool, dtype=dtype)

    def forward(self, x):
        outs = []
        if self.out1 > 0:
            outs.append(F.relu(self.conv1n(self.conv1(x))))
        h3 = F.relu(self.proj3n(self.proj3(x)))
        outs.append(F.relu(self.conv3n(self.conv3(h3))))
        h33 = F.relu(self.proj33n(self.proj33(x)))
        h33 = F.relu(self.conv33an(self.conv33a(h33)))
        outs.append(F.relu(self.conv33bn(self.conv33b(h33))))
        if self.pooltype == 'max':
            p = F.max_pooling_2d(x, 3, stride=self.stride, pad=1)
        else:
            p = F.average_pooling_2d(x, 3, stride=self.stride, pad=1)
        if self.proj_pool is not None:
            p = F.relu(self.poolpn(self.poolp(p)))
        outs.append(p)
        return F.concat(outs, axis=1)
