"""``F.im2col``: image windows as channels (the array work is in :mod:`chainlite.utils.conv`).

>>> import numpy, chainlite.functions as F
>>> F.im2col(numpy.arange(32.0).reshape(1, 2, 4, 4), 3, pad=1).shape
(1, 18, 4, 4)
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check
from chainlite.utils.conv import col2im_cpu, im2col_cpu


def _pair(x):
    if hasattr(x, '__getitem__'):
        return tuple(x)
    return x, x


class Im2Col(FunctionNode):
    """Rearranges image windows into channels: ``(n, c, h, w) -> (n, c*kh*kw, oh, ow)``."""

    def __init__(self, ksize, stride, pad, cover_all, dilate):
        self.ksize, self.stride = _pair(ksize), _pair(stride)
        self.pad, self.dilate = _pair(pad), _pair(dilate)
        self.cover_all = cover_all

    def check_type_forward(self, in_types):
        type_check._argname(in_types, ('x',))
        type_check.expect(in_types[0].dtype.kind == 'f', in_types[0].ndim == 4)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        (kh, kw), (sy, sx), (ph, pw), (dy, dx) = self.ksize, self.stride, self.pad, self.dilate
        col = im2col_cpu(x, kh, kw, sy, sx, ph, pw, cover_all=self.cover_all, dy=dy, dx=dx)
        n, c, kh, kw, oh, ow = col.shape
        return xp.ascontiguousarray(col).reshape(n, c * kh * kw, oh, ow),

    def backward(self, indexes, grad_outputs):
        return Col2Im(self.ksize, self.stride, self.pad, self.cover_all, self.dilate,
                      self.inputs[0].shape[2:]).apply(grad_outputs)


class Col2Im(FunctionNode):
    """The adjoint of :class:`Im2Col` (used for its gradient)."""

    def __init__(self, ksize, stride, pad, cover_all, dilate, size):
        self.ksize, self.stride, self.pad, self.dilate = ksize, stride, pad, dilate
        self.cover_all = cover_all
        self.size = size

    def forward(self, inputs):
        gy, = inputs
        n, _, oh, ow = gy.shape
        col = gy.reshape((n, -1) + self.ksize + (oh, ow))
        return col2im_cpu(col, *self.stride, *self.pad, *self.size, *self.dilate),

    def backward(self, indexes, grad_outputs):
        return Im2Col(self.ksize, self.stride, self.pad, self.cover_all,
                      self.dilate).apply(grad_outputs)


def im2col(x, ksize, stride=1, pad=0, cover_all=False, dilate=1):
    """Extracts patches from images.

    Returns a variable of shape ``(n, c * kh * kw, out_h, out_w)`` whose
    channel axis enumerates ``(c, kh, kw)`` in C order.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.arange(32.0).reshape(1, 2, 4, 4)
    >>> F.im2col(x, 3, pad=1).shape
    (1, 18, 4, 4)
    """
    return Im2Col(ksize, stride, pad, cover_all, dilate).apply((x,))[0]
