"""Indexing (``x[...]``): basic slicing and NumPy advanced indexing.

>>> import numpy, chainlite.functions as F
>>> F.get_item(numpy.arange(6.0).reshape(2, 3), (slice(None), 1)).array.tolist()
[1.0, 4.0]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.variable import Variable


def _normalize(slices):
    """Chainer's reading of an index, as a tuple: a list of Python ints is one integer-array
    index, any other list a tuple of indices (``x[[0, [1, 2]]]`` is ``x[0, [1, 2]]``)."""
    if isinstance(slices, tuple):
        return slices
    if isinstance(slices, list):
        if all(isinstance(s, int) for s in slices):
            return slices,
        return tuple(slices)
    return slices,


def _to_index(slices, xp):
    """The index with its lists as arrays (an empty list is an integer index, as in NumPy)."""
    return tuple(_as_index_array(s, xp) if isinstance(s, list) else
                 (s.array if isinstance(s, Variable) else s) for s in slices)


def _as_index_array(items, xp):
    index = xp.asarray(items)
    return index.astype(numpy.intp) if index.size == 0 else index


def _is_advanced(slices):
    items = slices if isinstance(slices, tuple) else (slices,)
    return any(not (s is None or s is Ellipsis or isinstance(s, (int, slice, numpy.integer)))
               for s in items)


class GetItem(FunctionNode):
    """Selects elements with an index (anything NumPy accepts)."""

    def __init__(self, slices):
        self.slices = _normalize(slices)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self._index = _to_index(self.slices, xp)
        try:
            y = x[self._index]
        except IndexError as e:
            raise IndexError('GetItem: invalid index %r for an input of shape %s: %s'
                             % (self.slices, x.shape, e))
        return xp.asarray(y),

    def backward(self, indexes, grad_outputs):
        return GetItemGrad(self._index, self.inputs[0].shape).apply(grad_outputs)


class GetItemGrad(FunctionNode):
    """The adjoint of GetItem: scatters (adding repeats) into zeros."""

    def __init__(self, slices, in_shape):
        self.slices = slices
        self._in_shape = in_shape

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        gx = xp.zeros(self._in_shape, gy.dtype)
        if _is_advanced(self.slices):
            if xp is numpy:
                numpy.add.at(gx, self.slices, gy)
            else:
                gx.scatter_add(self.slices, gy)
        else:
            gx[self.slices] = gy
        return gx,

    def backward(self, indexes, grad_outputs):
        return get_item(grad_outputs[0], self.slices),


def get_item(x, slices):
    """Returns ``x[slices]`` as a Variable; repeated indices accumulate gradients."""
    return GetItem(slices).apply((x,))[0]
