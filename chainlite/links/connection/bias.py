"""The broadcast bias layer."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class Bias(link.Link):
    """Adds a learned bias ``b`` of ``shape`` (or a given second input) to ``x`` from ``axis``.

    With ``shape`` the link owns ``b`` (initialized to 0) and is called as
    ``bias(x)``; without it, it is called as ``bias(x, b)``.

    >>> import numpy, chainlite.links as L
    >>> L.Bias(shape=(3,))(numpy.ones((2, 3), numpy.float32)).shape
    (2, 3)
    """

    def __init__(self, axis=1, shape=None):
        super().__init__()
        self.axis = axis
        if shape is not None:
            with self.init_scope():
                self.b = _util.bias_param(None, shape)

    def forward(self, *xs):
        """``forward(x)`` with the learned bias or ``forward(x, b)`` with a given one."""
        n = 1 if hasattr(self, 'b') else 2
        if len(xs) != n:
            raise ValueError('Bias at %s: expected %d input(s) (%s), got %d'
                             % (self.path, n, 'x' if n == 1 else 'x and b', len(xs)))
        b = self.b if n == 1 else xs[1]
        return F.bias(xs[0], b, self.axis)
