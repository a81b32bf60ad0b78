"""The parametric ReLU layer."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class PReLU(link.Link):
    """``y = max(x, 0) + W * min(x, 0)`` with a learned slope ``W`` of ``shape`` (init 0.25).

    >>> import numpy, chainlite.links as L
    >>> L.PReLU()(numpy.array([-1., 2.], numpy.float32)).array.tolist()
    [-0.25, 2.0]
    """

    def __init__(self, shape=(), init=0.25):
        super().__init__()
        with self.init_scope():
            self.W = _util.param(init, shape)

    def forward(self, x):
        return F.prelu(x, self.W)
