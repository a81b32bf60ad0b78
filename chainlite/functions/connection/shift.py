"""Shift: moves groups of channels by the offsets of a ``ksize`` x ``ksize`` grid (zero fill).

Channel group ``g`` (``C // ksize**2`` channels each, the rest joining the
last group) is moved by the ``g``-th offset, in raster order with the centre
offset swapped to the end (Chainer's order).

>>> import numpy, chainlite.functions as F
>>> x = numpy.zeros((1, 9, 3, 3), numpy.float32); x[:, :, 1, 1] = 1
>>> y = F.shift(x).array
>>> int(y[0, 0, 0, 0]), int(y[0, 8, 1, 1])
(1, 1)
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


def _offsets(ksize):
    r = ksize // 2
    grid = [(i, j) for i in range(-r, r + 1) for j in range(-r, r + 1)]
    c = len(grid) // 2
    grid[c], grid[-1] = grid[-1], grid[c]
    return grid


class Shift(FunctionNode):

    def __init__(self, ksize=3, dilate=1, sign=1):
        if ksize % 2 != 1:
            raise ValueError('shift: ksize must be odd, got %d' % ksize)
        self.ksize = ksize
        self.dilate = dilate
        self.sign = sign

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x',))
        x_type, = in_types
        type_check.expect(x_type.dtype.kind == 'f', x_type.ndim == 4,
                          x_type.shape[1] >= self.ksize * self.ksize)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        n, c, h, w = x.shape
        p = (self.ksize // 2) * self.dilate
        xpad = xp.zeros((n, c, h + 2 * p, w + 2 * p), dtype=x.dtype)
        xpad[:, :, p:p + h, p:p + w] = x
        y = xp.empty_like(x)
        offsets = _offsets(self.ksize)
        size = c // len(offsets)
        for g, (dy, dx) in enumerate(offsets):
            lo, hi = g * size, (c if g == len(offsets) - 1 else (g + 1) * size)
            oy = p - self.sign * dy * self.dilate
            ox = p - self.sign * dx * self.dilate
            y[:, lo:hi] = xpad[:, lo:hi, oy:oy + h, ox:ox + w]
        return y,

    def backward(self, indexes, grad_outputs):
        return Shift(self.ksize, self.dilate, -self.sign).apply(grad_outputs)


def shift(x, ksize=3, dilate=1):
    """Shifts channel groups of ``x`` ``(n, c, h, w)`` spatially (zero-cost convolution).

    ``c`` must be at least ``ksize ** 2``; ``dilate`` scales the offsets.
    """
    return Shift(ksize, dilate).apply((x,))[0]
