"""The Swish activation layer (Ramachandran et al., 2017)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class Swish(link.Link):
    """``y = x * sigmoid(beta * x)`` with a learned ``beta`` of ``beta_shape`` (init 1).

    With ``beta_shape=None``, ``beta`` takes the shape ``x.shape[1:]`` of the first input.

    >>> import numpy, chainlite.links as L
    >>> s = L.Swish(None)
    >>> s(numpy.ones((2, 3), numpy.float32)).shape, s.beta.shape
    ((2, 3), (3,))
    """

    def __init__(self, beta_shape, beta_init=1.0):
        super().__init__()
        with self.init_scope():
            self.beta = _util.param(beta_init, beta_shape)

    def forward(self, x):
        if self.beta.array is None:
            self.beta.initialize(x.shape[1:])
        return F.swish(x, self.beta)
