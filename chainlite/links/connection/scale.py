"""The broadcast scale layer (with an optional bias)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util
from chainlite.links.connection.bias import Bias


class Scale(link.Chain):
    """Multiplies ``x`` by a learned ``W`` of ``W_shape`` (or a given second input) from ``axis``.

    With ``W_shape`` the link owns ``W`` (initialized to 1) and is called as
    ``scale(x)``; without it, as ``scale(x, W)``. ``bias_term`` adds a child
    :class:`Bias` named ``bias`` of ``bias_shape`` (default ``W_shape``).

    >>> import numpy, chainlite.links as L
    >>> s = L.Scale(W_shape=(3,), bias_term=True)
    >>> [path for path, _ in s.namedparams()]
    ['/W', '/bias/b']
    """

    def __init__(self, axis=1, W_shape=None, bias_term=False, bias_shape=None):
        super().__init__()
        self.axis = axis
        with self.init_scope():
            if W_shape is not None:
                self.W = _util.param(1, W_shape)
            if bias_term:
                if bias_shape is None:
                    bias_shape = W_shape
                if bias_shape is None:
                    raise ValueError('Scale: bias_shape must be given when W is not learned '
                                     '(W_shape is None) and bias_term is True')
                self.bias = Bias(axis, bias_shape)

    def forward(self, *xs):
        """``forward(x)`` with the learned ``W`` or ``forward(x, W)`` with a given one."""
        n = 1 if hasattr(self, 'W') else 2
        if len(xs) != n:
            raise ValueError('Scale at %s: expected %d input(s) (%s), got %d'
                             % (self.path, n, 'x' if n == 1 else 'x and W', len(xs)))
        W = self.W if n == 1 else xs[1]
        y = F.scale(xs[0], W, self.axis)
        if hasattr(self, 'bias'):
            y = self.bias(y)
        return y
