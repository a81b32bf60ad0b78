"""N-dimensional convolution (``convolution_nd``, ``_1d``, ``_3d``) and its adjoints.

Three nodes close under differentiation: ``Convolution`` (x, W -> y), its
transpose ``Deconvolution`` (y-shaped, W -> x-shaped; also the public
deconvolution) and ``ConvolutionGradW`` (x, gy -> gW). Each one's gradient is
built from the other two, so every order of gradient is available.

Columns are laid out as ``(c, *ksize, n, *out)`` so one matmul per group
computes the output and both gradients without transposing the big array.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 2, 4, 4), numpy.float32)
>>> W = numpy.ones((3, 2, 3, 3), numpy.float32)
>>> y = F.convolution_nd(x, W, pad=1)
>>> y.shape, float(y.array[0, 0, 1, 1])
((1, 3, 4, 4), 18.0)
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils.conv import (Windows, as_tuple, col2im, conv_outsize, get_deconv_outsize,
                                  im2col, spatial_ndim)
from chainlite.functions.math.sum import sum as _sum
from chainlite.utils import size_of_shape, type_check


def _check_types(in_types, nd, groups, x_channels_axis):
    """Shared input checks; ``x_channels_axis`` is the axis of W matching x's channels."""
    type_check.argname(in_types, ('x', 'W', 'b')[:len(in_types)])
    x_type, w_type = in_types[:2]
    type_check.expect(
        x_type.dtype.kind == 'f',
        w_type.dtype == x_type.dtype,
        x_type.ndim == nd + 2,
        w_type.ndim == nd + 2,
    )
    if x_channels_axis == 1:  # convolution: W is (out, in / groups, *k)
        type_check.expect(x_type.shape[1] == w_type.shape[1] * groups,
                          w_type.shape[0] % groups == 0)
        out_channels = w_type.shape[0]
    else:  # deconvolution: W is (in, out / groups, *k)
        type_check.expect(x_type.shape[1] == w_type.shape[0],
                          w_type.shape[0] % groups == 0)
        out_channels = w_type.shape[1] * groups
    if len(in_types) == 3:
        b_type = in_types[2]
        type_check.expect(b_type.dtype == x_type.dtype, b_type.ndim == 1,
                          b_type.shape[0] == out_channels)


def _bias_axes(ndim):
    return (0,) + tuple(range(2, ndim))


def _grouped(a, groups):
    """``(c, ...)`` -> ``(groups, c // groups, rest)`` (a free reshape of contiguous data)."""
    return a.reshape(groups, a.shape[0] // groups, -1)


def _grouped_col(col, groups, nd):
    """col ``(c, *k, n, *out)`` -> ``(groups, c // groups * K, n * P)``."""
    return col.reshape(groups, -1, size_of_shape(col.shape[nd + 1:]))


def _channels_first(gy, groups):
    """``(n, c, *s)`` -> ``(groups, c // groups, n * prod(s))``; free for our own outputs."""
    return _grouped(gy.swapaxes(0, 1), groups)


def _rows(col, groups, nd, out_channels):
    """col ``(c, *k, n, *out)`` -> ``(groups, n * P, c // groups * K)``, a view, except for a
    single output channel per group: BLAS then runs a matrix-vector product, which rounds
    as Chainer's only on a contiguous copy (the layout Chainer's tensordot makes)."""
    rows = _grouped_col(col, groups, nd).transpose(0, 2, 1)
    if out_channels == groups:
        rows = backend.get_array_module(col).ascontiguousarray(rows)
    return rows


def conv_forward(x, W, b, win, groups):
    """Array convolution ``(n, c, *in)`` -> ``(n, W.shape[0], *out)``."""
    xp = backend.get_array_module(x)
    col = im2col(x.swapaxes(0, 1), win)
    # (n * positions, out channels), as Chainer's tensordot multiplies, so BLAS rounds as in
    # Chainer (W's side contiguous as Chainer's); the bias is added before the channels move
    # to axis 1 as a view, Chainer's layout: a batch normalization after it sums its
    # statistics in the same order (a contiguous copy would run the next layers ~10% faster
    # but round those sums otherwise)
    y = xp.matmul(_rows(col, groups, len(win.ksize), W.shape[0]),
                  xp.ascontiguousarray(_grouped(W, groups).transpose(0, 2, 1)))
    y = y.transpose(1, 0, 2).reshape((x.shape[0],) + win.out_size + (W.shape[0],))
    if b is not None:
        y += b
    return xp.moveaxis(y, -1, 1)


def conv_transpose(gy, W, b, win, groups):
    """Array transposed convolution: ``(n, W.shape[0], *out)`` -> ``(n, c, *in)``."""
    xp = backend.get_array_module(gy)
    wg = _grouped(W, groups)  # (g, out_g, in_g * K)
    gcol = xp.matmul(wg.transpose(0, 2, 1), _channels_first(gy, groups))
    gcol = gcol.reshape((wg.shape[0] * W.shape[1],) + W.shape[2:] + (gy.shape[0],) + win.out_size)
    gx = col2im(gcol, win)
    if b is not None:
        gx += b.reshape((-1,) + (1,) * (gx.ndim - 1))
    return gx.swapaxes(0, 1)


def conv_grad_w(col, gy, w_shape, groups):
    """Array weight gradient from the columns of x and the output gradient."""
    xp = backend.get_array_module(gy)
    gw = xp.matmul(_channels_first(gy, groups), _rows(col, groups, len(w_shape) - 2, w_shape[0]))
    return gw.reshape(w_shape)


class Convolution(FunctionNode):
    """``y = conv(x, W) + b`` over the trailing ``nd`` axes."""

    def __init__(self, nd, stride=1, pad=0, dilate=1, groups=1, cover_all=False, win=None,
                 label='ConvolutionND'):
        self.nd = nd
        self.stride = as_tuple(stride, nd, 'stride', label)
        self.pad = as_tuple(pad, nd, 'pad', label)
        self.dilate = as_tuple(dilate, nd, 'dilate', label)
        self.groups = int(groups)
        self.cover_all = cover_all
        self.win = win
        self._label = label

    @property
    def label(self):
        return self._label

    def check_type_forward(self, in_types):
        _check_types(in_types, self.nd, self.groups, 1)

    def forward(self, inputs):
        x, W = inputs[:2]
        if self.win is None:
            ksize = W.shape[2:]
            out = conv_outsize(self.label, x.shape[2:], ksize, self.stride, self.pad,
                               self.dilate, self.cover_all)
            self.win = Windows(x.shape[2:], ksize, self.stride, self.pad, self.dilate, out)
        self.retain_inputs((0, 1))
        y = conv_forward(x, W, inputs[2] if len(inputs) == 3 else None, self.win, self.groups)
        return y,

    def backward(self, indexes, grad_outputs):
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        if 0 in indexes:
            ret.append(Deconvolution(self.nd, self.groups, win=self.win).apply((gy, W))[0])
        if 1 in indexes:
            ret.append(ConvolutionGradW(self.win, self.groups).apply((x, gy))[0])
        if 2 in indexes:
            ret.append(_sum(gy, axis=_bias_axes(gy.ndim)))
        return tuple(ret)


class Deconvolution(FunctionNode):
    """The transpose of :class:`Convolution`: ``x`` is ``(n, W.shape[0], *win.out_size)``."""

    def __init__(self, nd, groups=1, win=None, stride=1, pad=0, dilate=1, outsize=None,
                 label='DeconvolutionND'):
        self.nd = nd
        self.groups = int(groups)
        self.win = win
        self.stride = as_tuple(stride, nd, 'stride', label)
        self.pad = as_tuple(pad, nd, 'pad', label)
        self.dilate = as_tuple(dilate, nd, 'dilate', label)
        self.outsize = None if outsize is None else as_tuple(outsize, nd, 'outsize', label)
        self._label = label

    @property
    def label(self):
        return self._label

    def check_type_forward(self, in_types):
        _check_types(in_types, self.nd, self.groups, 0)

    def _windows(self, in_size, ksize):
        if self.outsize is None:
            outsize = tuple(get_deconv_outsize(i, k, s, p, d=d) for i, k, s, p, d in
                            zip(in_size, ksize, self.stride, self.pad, self.dilate))
            if any(o <= 0 for o in outsize):
                raise ValueError('%s: the output size %s is not positive (input %s, kernel %s, '
                                 'stride %s, pad %s)'
                                 % (self.label, outsize, in_size, ksize, self.stride, self.pad))
        else:
            outsize = self.outsize
            lo = conv_outsize(self.label, outsize, ksize, self.stride, self.pad, self.dilate)
            hi = conv_outsize(self.label, outsize, ksize, self.stride, self.pad, self.dilate,
                              cover_all=True)
            if not all(a <= i <= b for a, i, b in zip(lo, in_size, hi)):
                raise type_check.InvalidType(
                    'a convolution over outsize gives the input size', str(outsize),
                    '%s: outsize %s is inconsistent with the input size %s (kernel %s, stride '
                    '%s, pad %s): a convolution over outsize gives between %s and %s'
                    % (self.label, outsize, in_size, ksize, self.stride, self.pad, lo, hi))
        return Windows(outsize, ksize, self.stride, self.pad, self.dilate, in_size)

    def forward(self, inputs):
        x, W = inputs[:2]
        if self.win is None:
            self.win = self._windows(x.shape[2:], W.shape[2:])
        self.retain_inputs((0, 1))
        b = inputs[2] if len(inputs) == 3 else None
        return conv_transpose(x, W, b, self.win, self.groups),

    def backward(self, indexes, grad_outputs):
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        if 0 in indexes:
            ret.append(Convolution(self.nd, groups=self.groups, win=self.win).apply((gy, W))[0])
        if 1 in indexes:
            ret.append(ConvolutionGradW(self.win, self.groups).apply((gy, x))[0])
        if 2 in indexes:
            ret.append(_sum(gy, axis=_bias_axes(gy.ndim)))
        return tuple(ret)


class ConvolutionGradW(FunctionNode):
    """``gW`` of :class:`Convolution` from ``(x, gy)``."""

    def __init__(self, win, groups):
        self.win = win
        self.groups = groups

    def forward(self, inputs):
        x, gy = inputs
        self.retain_inputs((0, 1))
        # The columns are rebuilt rather than kept from forward: they are prod(ksize)
        # times the input, too much to hold for every layer until backward.
        col = im2col(x.swapaxes(0, 1), self.win)
        w_shape = (gy.shape[1], x.shape[1] // self.groups) + self.win.ksize
        return conv_grad_w(col, gy, w_shape, self.groups),

    def backward(self, indexes, grad_outputs):
        x, gy = self.get_retained_inputs()
        ggw, = grad_outputs
        nd = len(self.win.ksize)
        ret = []
        if 0 in indexes:
            ret.append(Deconvolution(nd, self.groups, win=self.win).apply((gy, ggw))[0])
        if 1 in indexes:
            ret.append(Convolution(nd, groups=self.groups, win=self.win).apply((x, ggw))[0])
        return tuple(ret)


def node_inputs(x, W, b):
    return (x, W) if b is None else (x, W, b)


def convolution_nd(x, W, b=None, stride=1, pad=0, cover_all=False, dilate=1, groups=1):
    """N-dimensional convolution of ``x`` ``(n, c, *s)`` with ``W`` ``(out, c / groups, *k)``.

    ``cover_all`` adds far-side windows so that every input element is covered.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((1, 1, 4, 4, 4), numpy.float32)
    >>> F.convolution_nd(x, numpy.ones((2, 1, 2, 2, 2), numpy.float32), stride=2).shape
    (1, 2, 2, 2, 2)
    """
    nd = spatial_ndim('convolution_nd', x)
    node = Convolution(nd, stride, pad, dilate, groups, cover_all)
    return node.apply(node_inputs(x, W, b))[0]


def convolution_1d(x, W, b=None, stride=1, pad=0, cover_all=False, dilate=1, groups=1):
    """One-dimensional convolution of ``x`` ``(n, c, l)``; see :func:`convolution_nd`.

    >>> import numpy, chainlite.functions as F
    >>> F.convolution_1d(numpy.ones((1, 2, 5)), numpy.ones((3, 2, 2))).shape
    (1, 3, 4)
    """
    spatial_ndim('convolution_1d', x, 1)
    return convolution_nd(x, W, b, stride, pad, cover_all, dilate, groups)


def convolution_3d(x, W, b=None, stride=1, pad=0, cover_all=False, dilate=1, groups=1):
    """Three-dimensional convolution of ``x`` ``(n, c, d, h, w)``; see :func:`convolution_nd`.

    >>> import numpy, chainlite.functions as F
    >>> F.convolution_3d(numpy.ones((1, 2, 3, 3, 3)), numpy.ones((3, 2, 2, 2, 2))).shape
    (1, 3, 2, 2, 2)
    """
    spatial_ndim('convolution_3d', x, 3)
    return convolution_nd(x, W, b, stride, pad, cover_all, dilate, groups)
