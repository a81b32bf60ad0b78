"""``as_strided``: a view of an array with any shape and strides, counted in elements.

>>> import numpy, chainlite, chainlite.functions as F
>>> x = chainlite.Variable(numpy.arange(4.0))
>>> y = F.as_strided(x, (3, 2), (1, 1))
>>> y.array.tolist()
[[0.0, 1.0], [1.0, 2.0], [2.0, 3.0]]
>>> y.grad = numpy.ones((3, 2))
>>> y.backward()
>>> x.grad.tolist()
[1.0, 2.0, 2.0, 1.0]
"""
import operator

import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode

_NAME = 'as_strided'


def _flat_index(xp, shape, strides, offset):
    """The position in the flattened input of every element of the view (shape ``shape``)."""
    index = xp.full(shape, offset, numpy.int64)
    for axis, (n, step) in enumerate(zip(shape, strides)):
        steps = xp.arange(n, dtype=numpy.int64) * step
        index += steps.reshape((n,) + (1,) * (len(shape) - axis - 1))
    return index


class AsStrided(FunctionNode):
    """Reads ``x`` (taken as its C-order flattening) at ``offset + sum(i_k * strides[k])``."""

    def __init__(self, shape, strides, offset):
        self.shape = shape
        self.strides = strides
        self.offset = offset

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        flat = xp.ascontiguousarray(x).reshape(-1)
        if 0 in self.shape:
            return xp.empty(self.shape, x.dtype),
        # a view, as in Chainer: overlapping elements share memory
        byte_strides = tuple(s * x.itemsize for s in self.strides)
        return xp.lib.stride_tricks.as_strided(flat[self.offset:], self.shape, byte_strides),

    def backward(self, indexes, grad_outputs):
        return AsStridedGrad(self.inputs[0].shape, self.shape, self.strides,
                             self.offset).apply(grad_outputs)


class AsStridedGrad(FunctionNode):
    """The adjoint of :class:`AsStrided`: adds each view element back onto its source."""

    def __init__(self, x_shape, shape, strides, offset):
        self.x_shape = x_shape
        self.shape = shape
        self.strides = strides
        self.offset = offset

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        gx = xp.zeros(int(numpy.prod(self.x_shape)), gy.dtype)
        index = _flat_index(xp, self.shape, self.strides, self.offset)
        # elements that overlap in the view accumulate (a plain assignment would keep one)
        xp.add.at(gx, index.reshape(-1), gy.reshape(-1))
        return gx.reshape(self.x_shape),

    def backward(self, indexes, grad_outputs):
        return AsStrided(self.shape, self.strides, self.offset).apply(grad_outputs)


def _ints(name, value):
    try:
        return tuple(operator.index(v) for v in value)
    except TypeError:
        raise TypeError('%s: %s must be a sequence of ints, got %r'
                        % (_NAME, name, value)) from None


def as_strided(x, shape, strides, storage_offset=None):
    """A view of ``x`` with the given shape and strides, counted in elements (not bytes).

    Element ``y[i_0, ..., i_n]`` of the result is element
    ``storage_offset + sum(i_k * strides[k])`` of ``x`` flattened in C order, so the
    view may repeat elements (a zero or small stride); their gradients then add up.

    Args:
        x: The array whose elements are viewed.
        shape: The shape of the result (a sequence of ints).
        strides: The step, in elements, along each axis of the result (may be 0 or
            negative).
        storage_offset: The flat position of ``y``'s first element (default 0).

    Unlike Chainer, which reads ``x``'s memory buffer (so a sliced or transposed ``x``
    gives a layout-dependent result), chainlite always views ``x``'s own elements in C
    order; for a C-contiguous ``x`` the two agree. The gradient is differentiable again.

    >>> import numpy, chainlite.functions as F
    >>> F.as_strided(numpy.arange(6.0), (2, 2), (3, 1), 1).array.tolist()
    [[1.0, 2.0], [4.0, 5.0]]
    """
    shape = _ints('shape', shape)
    strides = _ints('strides', strides)
    try:
        offset = 0 if storage_offset is None else operator.index(storage_offset)
    except TypeError:
        raise TypeError('%s: storage_offset must be an int or None, got %r'
                        % (_NAME, storage_offset)) from None
    if len(strides) != len(shape):
        raise ValueError('%s: strides %r must have one entry per axis of shape %r'
                         % (_NAME, strides, shape))
    if any(n < 0 for n in shape):
        raise ValueError('%s: shape %r has a negative entry' % (_NAME, shape))
    size = int(numpy.prod(x.shape))
    if 0 not in shape:
        low = offset + sum(min(0, (n - 1) * s) for n, s in zip(shape, strides))
        high = offset + sum(max(0, (n - 1) * s) for n, s in zip(shape, strides))
        if low < 0 or high >= size:
            raise ValueError(
                '%s: shape %r, strides %r and storage_offset %d reach elements %d to %d, '
                'outside the %d elements of x' % (_NAME, shape, strides, offset, low, high, size))
    return AsStrided(shape, strides, offset).apply((x,))[0]
