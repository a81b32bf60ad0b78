"""The highway layer (Srivastava et al., 2015)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.linear import Linear


class Highway(link.Chain):
    """``y = activate(plain(x)) * t + x * (1 - t)`` with ``t = sigmoid(transform(x))``.

    ``plain`` and ``transform`` are square Linear links; the transform bias
    defaults to -1 so that the layer starts close to the identity.

    >>> import numpy, chainlite.links as L
    >>> L.Highway(3)(numpy.ones((2, 3), numpy.float32)).shape
    (2, 3)
    """

    def __init__(self, in_out_size, nobias=False, activate=F.relu, init_Wh=None, init_Wt=None,
                 init_bh=None, init_bt=-1):
        super().__init__()
        self.activate = activate
        with self.init_scope():
            self.plain = Linear(in_out_size, in_out_size, nobias, init_Wh, init_bh)
            self.transform = Linear(in_out_size, in_out_size, nobias, init_Wt, init_bt)

    def forward(self, x):
        out_plain = self.activate(self.plain(x))
        t = F.sigmoid(self.transform(x))
        return out_plain * t + x * (1 - t)
