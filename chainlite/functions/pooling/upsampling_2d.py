"""Upsampling with max-pooling indexes (max unpooling): each value placed where its maximum was.

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[[[1.0, 4.0], [3.0, 2.0]]]], numpy.float32)
>>> y, idx = F.max_pooling_2d(x, 2, return_indices=True)
>>> F.upsampling_2d(y, idx, 2, outsize=(2, 2)).array[0, 0].tolist()
[[0.0, 4.0], [0.0, 0.0]]
"""
from chainlite.function_node import FunctionNode
from chainlite.utils.conv import spatial_ndim
from chainlite.functions.pooling._geometry import Params, check_float
from chainlite.functions.pooling.max_pooling_nd import PlaceByIndex
from chainlite.utils import type_check


class Upsampling2D(FunctionNode):
    """Validates the inputs, then applies a :class:`PlaceByIndex`."""

    def __init__(self, params, indexes, outsize, cover_all):
        self.params = params
        self.indexes = indexes
        self.outsize = outsize
        self.cover_all = cover_all

    def check_type_forward(self, in_types):
        check_float(in_types, 2)
        type_check.expect(in_types[0].shape == self.indexes.shape)

    def forward(self, inputs):
        x, = inputs
        win = self.params.unpooling(x.shape[2:], self.outsize, self.cover_all)
        self.place = PlaceByIndex(win, self.indexes)
        return self.place.forward(inputs)

    def backward(self, indexes, grad_outputs):
        return self.place.backward(indexes, grad_outputs)


def upsampling_2d(x, indexes, ksize, stride=None, pad=0, outsize=None, cover_all=True):
    """Inverse of :func:`max_pooling_2d`: ``x`` placed at the positions in ``indexes``.

    ``indexes`` is the second result of ``max_pooling_2d(..., return_indices=True)``
    called with the same ``ksize``, ``stride``, ``pad`` and ``cover_all``; values
    of overlapping windows that pick the same position add up.
    """
    spatial_ndim('upsampling_2d', x, 2)
    if indexes.dtype.kind not in 'iu':  # an IndexError, as NumPy's indexing raises in Chainer
        raise IndexError('upsampling_2d: indexes must be an integer array, got dtype %s'
                         % indexes.dtype)
    params = Params('upsampling_2d', 2, ksize, stride, pad)
    return Upsampling2D(params, indexes, outsize, cover_all).apply((x,))[0]
