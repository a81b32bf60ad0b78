"""The bilinear layer."""
import warnings

from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class Bilinear(link.Link):
    """``y_k = e1^T W_k e2 + V1_k . e1 + V2_k . e2 + b_k``.

    ``W`` has shape ``(left_size, right_size, out_size)``, ``V1``
    ``(left_size, out_size)``, ``V2`` ``(right_size, out_size)``. With ``nobias``
    only ``W`` exists. ``initial_bias`` is None or a tuple of initializers for
    ``(V1, V2, b)``; ``W``, ``V1`` and ``V2`` default to LeCunNormal, ``b`` to 0.

    >>> import numpy, chainlite.links as L
    >>> bl = L.Bilinear(2, 3, 4)
    >>> bl(numpy.ones((5, 2), numpy.float32), numpy.ones((5, 3), numpy.float32)).shape
    (5, 4)
    """

    def __init__(self, left_size, right_size, out_size, nobias=False, initialW=None,
                 initial_bias=None):
        super().__init__()
        self.in_sizes = (left_size, right_size)
        self.nobias = nobias
        with self.init_scope():
            self.W = _util.param(initialW, (left_size, right_size, out_size))
            if not nobias:
                if initial_bias is None:
                    initial_bias = (None, None, None)
                elif not isinstance(initial_bias, tuple) or len(initial_bias) != 3:
                    raise ValueError('Bilinear: initial_bias must be None or a tuple of three '
                                     'initializers (V1, V2, b), got %r' % (initial_bias,))
                init_v1, init_v2, init_b = initial_bias
                self.V1 = _util.param(init_v1, (left_size, out_size))
                self.V2 = _util.param(init_v2, (right_size, out_size))
                self.b = _util.bias_param(init_b, out_size)

    def zero_grads(self):
        """Deprecated (Chainer v1): use ``zerograds()``."""
        warnings.warn('Bilinear.zero_grads is deprecated; use zerograds()', DeprecationWarning,
                      stacklevel=2)
        self.zerograds()

    def forward(self, e1, e2):
        if self.nobias:
            return F.bilinear(e1, e2, self.W)
        return F.bilinear(e1, e2, self.W, self.V1, self.V2, self.b)
