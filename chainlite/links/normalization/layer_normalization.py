"""The layer normalization layer (Ba et al., 2016)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class LayerNormalization(link.Link):
    """Normalizes each row of a 2-D input, then scales by ``gamma`` (1) and shifts by ``beta`` (0).

    With ``size=None`` the parameters take the feature size of the first input.

    >>> import numpy, chainlite.links as L
    >>> L.LayerNormalization(4)(numpy.random.randn(2, 4).astype(numpy.float32)).shape
    (2, 4)
    """

    def __init__(self, size=None, eps=1e-6, initial_gamma=None, initial_beta=None):
        super().__init__()
        self.eps = eps
        with self.init_scope():
            self.gamma = _util.param(1 if initial_gamma is None else initial_gamma)
            self.beta = _util.bias_param(initial_beta)
        if size is not None:
            self._initialize_params(size)

    def _initialize_params(self, size):
        self.gamma.initialize(size)
        self.beta.initialize(size)

    def forward(self, x):
        if self.gamma.array is None:
            self._initialize_params(x.shape[1:])
        return F.layer_normalization(x, self.gamma, self.beta, self.eps)
