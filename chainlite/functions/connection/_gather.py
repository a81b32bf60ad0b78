"""Gathers from and scatters into ``x.ravel()`` by flat index: a pair of mutual adjoints (private).

Used where every output reads its own set of input elements (region pooling,
deformable convolution's bilinear taps).

>>> import numpy
>>> from chainlite.functions.connection._gather import GatherFlat
>>> x = numpy.arange(6.0).reshape(2, 3)
>>> GatherFlat(numpy.array([5, 0]), numpy.array([False, True])).apply((x,))[0].array.tolist()
[5.0, 0.0]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode


class GatherFlat(FunctionNode):
    """``y = x.ravel()[index]``, with ``fill`` where ``empty`` is set."""

    def __init__(self, index, empty, fill=0):
        self.index = index
        self.empty = empty
        self.fill = fill

    def forward(self, inputs):
        x, = inputs
        self.x_shape = x.shape
        y = x.ravel()[self.index]
        y[self.empty] = self.fill
        return y,

    def backward(self, indexes, grad_outputs):
        return ScatterFlat(self.index, self.empty, self.x_shape).apply(grad_outputs)


class ScatterFlat(FunctionNode):
    """The adjoint of :class:`GatherFlat`: ``gx.ravel()[index] += gy`` (empty entries skipped)."""

    def __init__(self, index, empty, x_shape):
        self.index = index
        self.empty = empty
        self.x_shape = x_shape

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        gx = xp.zeros(numpy.prod(self.x_shape, dtype=numpy.int64), dtype=gy.dtype)
        keep = ~self.empty
        xp.add.at(gx, self.index[keep], gy[keep])
        return gx.reshape(self.x_shape),

    def backward(self, indexes, grad_outputs):
        return GatherFlat(self.index, self.empty).apply(grad_outputs)
