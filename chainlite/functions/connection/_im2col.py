"""N-dimensional sliding windows shared by convolution and pooling (private).

Arrays are ``(..., *spatial)``: the window geometry applies to the trailing
axes. Every routine loops over the kernel offsets (``prod(ksize)`` strided
slices of the whole array), never over pixels.

>>> import numpy
>>> w = Windows((4,), (2,), (2,), (0,), (1,), (2,))
>>> x = numpy.arange(4.0)
>>> [x[w.slices(o)].tolist() for o in w.offsets()]
[[0.0, 2.0], [1.0, 3.0]]
"""
import itertools

from chainlite import backend
from chainlite.utils.conv import get_conv_outsize, get_deconv_outsize  # NOQA


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
        raise ValueError("%s: the number of dimensions under channel dimension of the input "
                         "'x' should be %d. But the actual ndim was %d (x.shape = %s)."
                         % (name, nd, ndim - 2, x.shape))
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


def im2col(x, win):
    """``(a, b, *in)`` -> col ``(a, *ksize, b, *out)``; the caller chooses which axes lead."""
    xp = backend.get_array_module(x)
    xpad = win.padded(x)
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
