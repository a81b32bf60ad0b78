"""Convolution geometry (``chainer.utils.conv``): output sizes and im2col/col2im.

Arrays are ``(..., *spatial)``: the window geometry applies to the trailing
axes. Every routine loops over the kernel offsets (``prod(ksize)`` strided
slices of the whole array), never over pixels. ``im2col``/``col2im`` take a
:class:`Windows` and put the kernel axes first, so a convolution's gradient is
one matmul; ``im2col_cpu``/``col2im_cpu`` give Chainer's 2-d layout.

>>> import numpy
>>> get_conv_outsize(32, 3, 1, 1), get_deconv_outsize(16, 4, 2, 1)
(32, 32)
>>> w = Windows((4,), (2,), (2,), (0,), (1,), (2,))
>>> x = numpy.arange(4.0)
>>> [x[w.slices(o)].tolist() for o in w.offsets()]
[[0.0, 2.0], [1.0, 3.0]]
>>> im2col_cpu(numpy.arange(16.0).reshape(1, 1, 4, 4), 2, 2, 2, 2, 0, 0).shape
(1, 1, 2, 2, 2, 2)
"""
import itertools

from chainlite import backend
from chainlite.utils import type_check


def _dilated(k, d):
    return k + (k - 1) * (d - 1)


def get_conv_outsize(size, k, s, p, cover_all=False, d=1):
    """Output length of a window of size ``k`` (dilation ``d``) sliding with stride ``s``
    over ``size`` elements padded by ``p`` on both sides (``cover_all``: keep a last
    partial window)."""
    dk = _dilated(k, d)
    if cover_all:
        return (size + p * 2 - dk + s - 1) // s + 1
    return (size + p * 2 - dk) // s + 1


def get_deconv_outsize(size, k, s, p, cover_all=False, d=1):
    """Output length of a transposed convolution (the inverse of ``get_conv_outsize``)."""
    dk = _dilated(k, d)
    if cover_all:
        return s * (size - 1) + dk - s + 1 - 2 * p
    return s * (size - 1) + dk - 2 * p


def as_tuple(value, n, name, label):
    """``value`` (an int or a sequence of n ints) as a tuple of n ints."""
    if hasattr(value, '__len__'):
        value = tuple(int(v) for v in value)
        if len(value) != n:
            raise ValueError('%s: %s must be an int or a sequence of %d ints, got %r'
                             % (label, name, n, value))
        return value
    return (int(value),) * n


def spatial_ndim(name, x, nd=None):
    """The number of spatial axes of ``x`` ``(n, c, *spatial)``; checks it is ``nd`` if given."""
    ndim = getattr(x, 'ndim', None)
    if ndim is None:
        raise TypeError('%s: x must be an array or a Variable, not %s' % (name, type(x).__name__))
    if nd is not None and ndim - 2 != nd:
        # InvalidType (a ValueError), as Chainer's 2-d pooling functions raise
        raise type_check.InvalidType(
            'x.ndim == %d' % (nd + 2), 'x.ndim = %d' % ndim,
            "%s: the number of dimensions under channel dimension of the input 'x' should be "
            "%d. But the actual ndim was %d (x.shape = %s)." % (name, nd, ndim - 2, x.shape))
    if ndim < 3:
        raise ValueError('%s: x must be (n, c, *spatial) with at least one spatial axis; got '
                         'shape %s' % (name, x.shape))
    return ndim - 2


def conv_outsize(label, in_size, ksize, stride, pad, dilate=None, cover_all=False):
    """Output spatial size of a window sweep; a clear error when it is empty."""
    dilate = dilate or (1,) * len(in_size)
    out = tuple(get_conv_outsize(*args, cover_all=cover_all, d=d)
                for *args, d in zip(in_size, ksize, stride, pad, dilate))
    if any(o <= 0 for o in out):
        raise ValueError('%s: the kernel %s (stride %s, pad %s, dilate %s) does not fit the '
                         'input of spatial size %s; the output size would be %s'
                         % (label, ksize, stride, pad, dilate, in_size, out))
    return out


class Windows:
    """Geometry of windows (kernel, stride, pad, dilation) over an input of ``in_size``."""

    def __init__(self, in_size, ksize, stride, pad, dilate, out_size):
        self.in_size = tuple(in_size)
        self.ksize = tuple(ksize)
        self.stride = tuple(stride)
        self.pad = tuple(pad)
        self.dilate = tuple(dilate)
        self.out_size = tuple(out_size)
        # Far-side padding reaches the last window (cover_all, explicit out sizes).
        self.extent = tuple(max(i + 2 * p, (o - 1) * s + (k - 1) * d + 1)
                            for i, k, s, p, d, o in zip(in_size, ksize, stride, pad, dilate,
                                                        out_size))

    def offsets(self):
        return itertools.product(*[range(k) for k in self.ksize])

    def slices(self, offset):
        """Index (over the trailing axes) of the inputs seen at one kernel offset."""
        return (Ellipsis,) + tuple(slice(o * d, o * d + (n - 1) * s + 1, s) for o, d, n, s in
                                   zip(offset, self.dilate, self.out_size, self.stride))

    def _inner(self):
        return (Ellipsis,) + tuple(slice(p, p + i) for p, i in zip(self.pad, self.in_size))

    def padded(self, x, pval=0):
        """``x`` inside a ``pval``-filled array of the padded extent (``x`` itself if none)."""
        if self.extent == self.in_size:
            return x
        xp = backend.get_array_module(x)
        out = xp.full(x.shape[:-len(self.extent)] + self.extent, pval, dtype=x.dtype)
        out[self._inner()] = x
        return out

    def zeros_padded(self, lead_shape, dtype, xp):
        return xp.zeros(tuple(lead_shape) + self.extent, dtype=dtype)

    def crop(self, xpad):
        if self.extent == self.in_size:
            return xpad
        return xpad[self._inner()]


def im2col(x, win, pval=0):
    """``(a, b, *in)`` -> col ``(a, *ksize, b, *out)``; the caller chooses which axes lead."""
    xp = backend.get_array_module(x)
    xpad = win.padded(x, pval)
    a, b = x.shape[:2]
    col = xp.empty((a,) + win.ksize + (b,) + win.out_size, dtype=x.dtype)
    for off in win.offsets():
        col[(slice(None),) + off] = xpad[win.slices(off)]
    return col


def col2im(col, win):
    """The adjoint of :func:`im2col`: col ``(a, *ksize, b, *out)`` -> ``(a, b, *in)``."""
    xp = backend.get_array_module(col)
    nk = len(win.ksize)
    a, b = col.shape[0], col.shape[1 + nk]
    img = win.zeros_padded((a, b), col.dtype, xp)
    for off in win.offsets():
        img[win.slices(off)] += col[(slice(None),) + off]
    return win.crop(img)


def _windows_2d(h, w, kh, kw, sy, sx, ph, pw, cover_all, dy, dx, out_h, out_w):
    if out_h is None:
        out_h = get_conv_outsize(h, kh, sy, ph, cover_all, dy)
    if out_w is None:
        out_w = get_conv_outsize(w, kw, sx, pw, cover_all, dx)
    if out_h <= 0 or out_w <= 0:
        raise ValueError('im2col: the kernel %s does not fit into the (padded) image of size '
                         '%s; the output size would be %s' % ((kh, kw), (h, w), (out_h, out_w)))
    return Windows((h, w), (kh, kw), (sy, sx), (ph, pw), (dy, dx), (out_h, out_w))


def im2col_cpu(img, kh, kw, sy, sx, ph, pw, pval=0, cover_all=False, dy=1, dx=1,
               out_h=None, out_w=None):
    """``(n, c, h, w)`` -> ``(n, c, kh, kw, out_h, out_w)`` with
    ``col[:, :, i, j, y, x] == padded[:, :, y * sy + i * dy, x * sx + j * dx]``."""
    n, c, h, w = img.shape
    win = _windows_2d(h, w, kh, kw, sy, sx, ph, pw, cover_all, dy, dx, out_h, out_w)
    return im2col(img, win, pval).transpose(0, 3, 1, 2, 4, 5)


def col2im_cpu(col, sy, sx, ph, pw, h, w, dy=1, dx=1):
    """The adjoint of :func:`im2col_cpu`: sums every window back into ``(n, c, h, w)``."""
    n, c, kh, kw, out_h, out_w = col.shape
    win = Windows((h, w), (kh, kw), (sy, sx), (ph, pw), (dy, dx), (out_h, out_w))
    return col2im(col.transpose(0, 2, 3, 1, 4, 5), win)


# One implementation serves both devices (it goes through the arrays' module).
im2col_gpu = im2col_cpu
col2im_gpu = col2im_cpu
