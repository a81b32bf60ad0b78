"""The simplified DropConnect layer (Wan et al., 2013)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class SimplifiedDropconnect(link.Link):
    """A Linear layer whose weights are dropped with probability ``ratio`` while training.

    As in Chainer, ``forward``'s own ``train`` argument (default True), not
    ``chainlite.config.train``, switches the dropping. ``in_size=None`` infers
    the input size on the first call. The first ``mask`` given is kept as the
    persistent value ``mask`` (so it is serialized), as Chainer does; later
    masks are used but not kept.

    >>> import numpy, chainlite.links as L
    >>> layer = L.SimplifiedDropconnect(3, 2)
    >>> layer(numpy.ones((4, 3), numpy.float32), train=False).shape
    (4, 2)
    """

    def __init__(self, in_size, out_size, ratio=.5, nobias=False, initialW=None,
                 initial_bias=None):
        super().__init__()
        self.out_size = out_size
        self.ratio = ratio
        with self.init_scope():
            self.W = _util.param(initialW)
            if in_size is not None:
                self.W.initialize((out_size, in_size))
            self.b = None if nobias else _util.bias_param(initial_bias, out_size)

    def forward(self, x, train=True, mask=None, use_batchwise_mask=True):
        in_size = x.size // x.shape[0]
        if self.W.array is None:
            self.W.initialize((self.out_size, in_size))
        else:
            _util.check_input_size(self, self.W.shape[1], in_size, x.shape, 'features')
        if mask is not None and 'mask' not in self._persistent:
            self.add_persistent('mask', mask)
        return F.simplified_dropconnect(x, self.W, self.b, self.ratio, train, mask,
                                        use_batchwise_mask)
