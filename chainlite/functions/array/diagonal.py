import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis


def _diagonal_index(shape, offset, axis1, axis2):
    """Index arrays (rows, cols) of the diagonal in the plane (axis1, axis2)."""
    n = max(0, min(shape[axis1] + min(offset, 0), shape[axis2] - max(offset, 0)))
    rows = numpy.arange(n) - min(offset, 0)
    return rows, rows + offset


class Diagonal(FunctionNode):
    """``numpy.diagonal``; the gradient writes back onto the diagonal of zeros."""

    def __init__(self, offset, axis1, axis2):
        self.offset = offset
        self.axis1 = axis1
        self.axis2 = axis2

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        return xp.ascontiguousarray(xp.diagonal(x, self.offset, self.axis1, self.axis2)),

    def backward(self, indexes, grad_outputs):
        return DiagonalGrad(self.offset, self.axis1, self.axis2,
                            self.inputs[0].shape).apply(grad_outputs)


class DiagonalGrad(FunctionNode):
    """The adjoint of :class:`Diagonal`."""

    def __init__(self, offset, axis1, axis2, shape):
        self.offset = offset
        self.axis1 = axis1
        self.axis2 = axis2
        self.shape = shape

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        gx = xp.zeros(self.shape, gy.dtype)
        rows, cols = _diagonal_index(self.shape, self.offset, self.axis1, self.axis2)
        plane = xp.moveaxis(gx, (self.axis1, self.axis2), (-2, -1))
        plane[..., xp.asarray(rows), xp.asarray(cols)] = gy
        return gx,

    def backward(self, indexes, grad_outputs):
        return Diagonal(self.offset, self.axis1, self.axis2).apply(grad_outputs)


def diagonal(x, offset=0, axis1=0, axis2=1):
    """Takes the diagonal of the plane ``(axis1, axis2)``, which moves to the last axis.

    >>> import numpy, chainlite.functions as F
    >>> F.diagonal(numpy.arange(9.0).reshape(3, 3), 1).array
    array([1., 5.])
    """
    ndim = len(x.shape)
    if ndim < 2:
        raise ValueError('diagonal: needs an array of 2 or more dimensions, got shape %s'
                         % (tuple(x.shape),))
    a1 = normalize_axis('diagonal', axis1, ndim)
    a2 = normalize_axis('diagonal', axis2, ndim)
    if a1 == a2:
        raise ValueError('diagonal: axis1 and axis2 must differ, got %d and %d' % (axis1, axis2))
    return Diagonal(int(offset), a1, a2).apply((x,))[0]
