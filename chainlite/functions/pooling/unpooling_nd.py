"""Unpooling (``unpooling_2d``, ``unpooling_nd``): each value copied over its pooling window.

Overlapping windows add up, so this is the adjoint of a window sum.

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(4.0, dtype=numpy.float32).reshape(1, 1, 2, 2)
>>> F.unpooling_2d(x, 2, cover_all=False).array[0, 0].tolist()
[[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 1.0, 1.0], [2.0, 2.0, 3.0, 3.0], [2.0, 2.0, 3.0, 3.0]]
"""
from chainlite.function_node import FunctionNode
from chainlite.utils.conv import spatial_ndim
from chainlite.functions.pooling._geometry import Params, check_float
from chainlite.functions.pooling.average_pooling_nd import WindowSpread


class Unpooling(FunctionNode):
    """Validates the input, then applies a :class:`WindowSpread`."""

    def __init__(self, params, outsize, cover_all, label):
        self.params = params
        self.outsize = outsize
        self.cover_all = cover_all
        self._label = label

    @property
    def label(self):
        return self._label

    def check_type_forward(self, in_types):
        check_float(in_types, len(self.params.ksize))

    def forward(self, inputs):
        x, = inputs
        self.spread = WindowSpread(self.params.unpooling(x.shape[2:], self.outsize,
                                                         self.cover_all))
        return self.spread.forward(inputs)

    def backward(self, indexes, grad_outputs):
        return self.spread.backward(indexes, grad_outputs)


def apply_unpooling(name, label, nd, x, ksize, stride, pad, outsize, cover_all):
    nd = spatial_ndim(name, x, nd)
    node = Unpooling(Params(name, nd, ksize, stride, pad), outsize, cover_all, label)
    return node.apply((x,))[0]


def unpooling_nd(x, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """N-dimensional unpooling, the inverse geometry of pooling with the same arguments.

    ``outsize`` defaults to the size that pools back to ``x``'s (with ``cover_all``).

    >>> import numpy, chainlite.functions as F
    >>> F.unpooling_nd(numpy.ones((1, 1, 2, 2, 2), numpy.float32), 2).shape
    (1, 1, 3, 3, 3)
    """
    return apply_unpooling('unpooling_nd', 'UnpoolingND', None, x, ksize, stride, pad, outsize,
                           cover_all)


def unpooling_1d(x, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """One-dimensional unpooling of ``x`` ``(n, c, l)``; see :func:`unpooling_nd`."""
    return apply_unpooling('unpooling_1d', 'UnpoolingND', 1, x, ksize, stride, pad, outsize,
                           cover_all)


def unpooling_3d(x, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """Three-dimensional unpooling of ``x`` ``(n, c, d, h, w)``; see :func:`unpooling_nd`."""
    return apply_unpooling('unpooling_3d', 'UnpoolingND', 3, x, ksize, stride, pad, outsize,
                           cover_all)
