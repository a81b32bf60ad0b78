"""Image-to-column rearrangement: the strided core of convolution and pooling.

Plain-array helpers (reused by the connection and pooling functions):

``get_conv_outsize(size, k, s, p, cover_all=False, d=1)``
    Output length of a window of size ``k`` (dilation ``d``) sliding with
    stride ``s`` over ``size`` elements padded by ``p`` on both sides.

``im2col_array(img, kh, kw, sy, sx, ph, pw, pval=0, cover_all=False, dy=1, dx=1,
out_h=None, out_w=None)``
    ``img`` of shape ``(n, c, h, w)`` -> ``col`` of shape
    ``(n, c, kh, kw, out_h, out_w)`` with
    ``col[:, :, i, j, y, x] == padded[:, :, y * sy + i * dy, x * sx + j * dx]``.
    ``col`` is a read-only strided view of a padded copy (no per-window copy);
    call ``xp.ascontiguousarray`` on it before writing into it.

``col2im_array(col, sy, sx, ph, pw, h, w, dy=1, dx=1)``
    The adjoint of ``im2col_array``: sums every window of ``col`` back into
    an image of shape ``(n, c, h, w)`` (padding dropped).

>>> import numpy
>>> x = numpy.arange(16.0).reshape(1, 1, 4, 4)
>>> col = im2col_array(x, 2, 2, 2, 2, 0, 0)
>>> col.shape
(1, 1, 2, 2, 2, 2)
>>> col2im_array(col, 2, 2, 0, 0, 4, 4).ravel().tolist() == x.ravel().tolist()
True
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check
from chainlite.utils.conv import get_conv_outsize  # NOQA  (re-exported for the helpers)


def _check_outsize(name, h, w, kh, kw, out_h, out_w):
    if out_h <= 0 or out_w <= 0:
        raise ValueError(
            '{}: the kernel {} does not fit into the (padded) image of size {}; '
            'output size would be {}'.format(name, (kh, kw), (h, w), (out_h, out_w)))


def im2col_array(img, kh, kw, sy, sx, ph, pw, pval=0, cover_all=False,
                 dy=1, dx=1, out_h=None, out_w=None):
    xp = backend.get_array_module(img)
    n, c, h, w = img.shape
    if out_h is None:
        out_h = get_conv_outsize(h, kh, sy, ph, cover_all, dy)
    if out_w is None:
        out_w = get_conv_outsize(w, kw, sx, pw, cover_all, dx)
    _check_outsize('im2col', h, w, kh, kw, out_h, out_w)
    dkh = kh + (kh - 1) * (dy - 1)
    dkw = kw + (kw - 1) * (dx - 1)
    # Extra padding at the far side so the last (partial) window of
    # cover_all and any explicit out_h/out_w stay inside the array.
    extra_h = max(0, (out_h - 1) * sy + dkh - (h + 2 * ph))
    extra_w = max(0, (out_w - 1) * sx + dkw - (w + 2 * pw))
    padded = xp.pad(img, ((0, 0), (0, 0), (ph, ph + extra_h), (pw, pw + extra_w)),
                    mode='constant', constant_values=(pval,))
    win = xp.lib.stride_tricks.sliding_window_view(padded, (dkh, dkw), axis=(2, 3))
    # win: (n, c, H', W', dkh, dkw); pick strides, dilation and the output range.
    win = win[:, :, :(out_h - 1) * sy + 1:sy, :(out_w - 1) * sx + 1:sx, ::dy, ::dx]
    return win.transpose(0, 1, 4, 5, 2, 3)


def col2im_array(col, sy, sx, ph, pw, h, w, dy=1, dx=1):
    xp = backend.get_array_module(col)
    n, c, kh, kw, out_h, out_w = col.shape
    hp = max(h + 2 * ph, (out_h - 1) * sy + (kh - 1) * dy + 1)
    wp = max(w + 2 * pw, (out_w - 1) * sx + (kw - 1) * dx + 1)
    img = xp.zeros((n, c, hp, wp), dtype=col.dtype)
    # One strided add per kernel offset (kh * kw slices, not per element).
    for i in range(kh):
        y0 = i * dy
        for j in range(kw):
            x0 = j * dx
            img[:, :, y0:y0 + sy * (out_h - 1) + 1:sy,
                x0:x0 + sx * (out_w - 1) + 1:sx] += col[:, :, i, j]
    return img[:, :, ph:ph + h, pw:pw + w]


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
        col = im2col_array(x, kh, kw, sy, sx, ph, pw, cover_all=self.cover_all, dy=dy, dx=dx)
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
        return col2im_array(col, *self.stride, *self.pad, *self.size, *self.dilate),

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
