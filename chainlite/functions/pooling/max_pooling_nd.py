"""Max pooling (``max_pooling_2d``, ``max_pooling_nd``) and the index moves it is built on.

``MaxPooling`` records, for every output, which kernel offset held the
maximum (the first one on ties, as Chainer). Its gradient places ``gy`` at
those offsets (``PlaceByIndex``); that in turn differentiates into picking
by the same indexes (``PickByIndex``), and back: every order is available.

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> F.max_pooling_2d(x, 2).array[0, 0].tolist()
[[5.0, 7.0], [13.0, 15.0]]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils.conv import spatial_ndim
from chainlite.functions.pooling._geometry import Params, channel_major, check_float


class MaxPooling(FunctionNode):

    def __init__(self, params, cover_all, label):
        self.params = params
        self.cover_all = cover_all
        self._label = label

    @property
    def label(self):
        return self._label

    def check_type_forward(self, in_types):
        check_float(in_types, len(self.params.ksize))

    def forward(self, inputs):
        x, swapped = channel_major(inputs[0])
        xp = backend.get_array_module(x)
        self.win = win = self.params.pooling(x.shape[2:], self.cover_all)
        xpad = win.padded(x, -numpy.inf)
        offsets = win.offsets()
        y = xpad[win.slices(next(offsets))].copy()
        itype = xp.int8 if numpy.prod(win.ksize) <= 127 else xp.int32
        idx = xp.zeros(y.shape, dtype=itype)
        for i, off in enumerate(offsets, 1):
            v = xpad[win.slices(off)]
            # Offsets come in increasing order, so a new strict maximum's offset is
            # larger than the recorded one: max() records it (the first maximum wins).
            xp.maximum(idx, xp.multiply(v > y, itype(i), dtype=itype), out=idx)
            xp.maximum(y, v, out=y)
        if swapped:
            y, idx = y.swapaxes(0, 1), idx.swapaxes(0, 1)
        self.indexes = idx
        return y,

    def backward(self, indexes, grad_outputs):
        return PlaceByIndex(self.win, self.indexes).apply(grad_outputs)


class PlaceByIndex(FunctionNode):
    """``(n, c, *out)`` -> ``(n, c, *in)``: each value added at its window's indexed offset."""

    def __init__(self, win, indexes):
        self.win = win
        self.indexes = indexes

    def forward(self, inputs):
        g, swapped = channel_major(inputs[0])
        idx = self.indexes.swapaxes(0, 1) if swapped else self.indexes
        xp = backend.get_array_module(g)
        win = self.win
        gpad = win.zeros_padded(g.shape[:2], g.dtype, xp)
        overlap = any(s < k for s, k in zip(win.stride, win.ksize))
        for i, off in enumerate(win.offsets()):
            if overlap:
                gpad[win.slices(off)] += g * (idx == i)
            else:
                gpad[win.slices(off)] = g * (idx == i)
        gx = win.crop(gpad)
        return (gx.swapaxes(0, 1) if swapped else gx),

    def backward(self, indexes, grad_outputs):
        return PickByIndex(self.win, self.indexes).apply(grad_outputs)


class PickByIndex(FunctionNode):
    """``(n, c, *in)`` -> ``(n, c, *out)``: each window's value at its indexed offset."""

    def __init__(self, win, indexes):
        self.win = win
        self.indexes = indexes

    def forward(self, inputs):
        x, swapped = channel_major(inputs[0])
        idx = self.indexes.swapaxes(0, 1) if swapped else self.indexes
        xp = backend.get_array_module(x)
        xpad = self.win.padded(x)
        y = xp.zeros(idx.shape, dtype=x.dtype)
        for i, off in enumerate(self.win.offsets()):
            y += xpad[self.win.slices(off)] * (idx == i)
        return (y.swapaxes(0, 1) if swapped else y),

    def backward(self, indexes, grad_outputs):
        return PlaceByIndex(self.win, self.indexes).apply(grad_outputs)


def apply_max_pooling(name, label, nd, x, ksize, stride, pad, cover_all, return_indices):
    nd = spatial_ndim(name, x, nd)
    node = MaxPooling(Params(name, nd, ksize, stride, pad), cover_all, label)
    y, = node.apply((x,))
    if return_indices:
        return y, node.indexes.astype(numpy.int64)
    return y


def max_pooling_nd(x, ksize, stride=None, pad=0, cover_all=True, return_indices=False):
    """N-dimensional max pooling over the spatial axes of ``x`` ``(n, c, *s)``.

    ``stride`` defaults to ``ksize``; padding counts as ``-inf``. With
    ``cover_all`` (the default) far-side partial windows are kept. With
    ``return_indices`` also returns the flat kernel offset of each maximum
    (for :func:`upsampling_2d`).

    >>> import numpy, chainlite.functions as F
    >>> F.max_pooling_nd(numpy.ones((1, 2, 5, 4, 3), numpy.float32), 2).shape
    (1, 2, 3, 2, 2)
    """
    return apply_max_pooling('max_pooling_nd', 'MaxPoolingND', None, x, ksize, stride, pad,
                             cover_all, return_indices)


def max_pooling_1d(x, ksize, stride=None, pad=0, cover_all=True, return_indices=False):
    """One-dimensional max pooling of ``x`` ``(n, c, l)``; see :func:`max_pooling_nd`."""
    return apply_max_pooling('max_pooling_1d', 'MaxPoolingND', 1, x, ksize, stride, pad, cover_all,
                             return_indices)


def max_pooling_3d(x, ksize, stride=None, pad=0, cover_all=True, return_indices=False):
    """Three-dimensional max pooling of ``x`` ``(n, c, d, h, w)``; see :func:`max_pooling_nd`."""
    return apply_max_pooling('max_pooling_3d', 'MaxPoolingND', 3, x, ksize, stride, pad, cover_all,
                             return_indices)
