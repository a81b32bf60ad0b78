"""The group normalization layer (Wu and He, 2018)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class GroupNormalization(link.Link):
    """Normalizes over groups of channels, then applies per-channel ``gamma`` (1) and ``beta`` (0).

    With ``size=None`` the parameters take the channel count of the first input.

    >>> import numpy, chainlite.links as L
    >>> L.GroupNormalization(2, 4)(numpy.random.randn(3, 4, 5).astype(numpy.float32)).shape
    (3, 4, 5)
    """

    def __init__(self, groups, size=None, eps=1e-5, initial_gamma=None, initial_beta=None):
        super().__init__()
        self.groups = groups
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
            if x.ndim < 2:
                raise ValueError('%s at %s: x must be (N, C, ...) to infer the size; got '
                                 'shape %s' % (type(self).__name__, self.path, tuple(x.shape)))
            self._initialize_params(x.shape[1])
        return F.group_normalization(x, self.groups, self.gamma, self.beta, self.eps)
