import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


def _interpolation(n_in, n_out, mode, align_corners):
    """Host-side (lo, hi, weight of hi) so that ``out[i] = in[lo]*(1-w) + in[hi]*w``."""
    i = numpy.arange(n_out)
    if mode == 'nearest':  # Chainer's rule, independent of align_corners
        lo = numpy.minimum(i * n_in // n_out, n_in - 1)
        return lo, lo, numpy.zeros(n_out)
    if align_corners:
        u = i * ((n_in - 1) / (n_out - 1)) if n_out > 1 else numpy.zeros(n_out)
    else:
        u = (i + 0.5) * (n_in / n_out) - 0.5
    u = numpy.clip(u, 0, n_in - 1)
    lo = numpy.floor(u).astype(numpy.int64)
    hi = numpy.minimum(lo + 1, n_in - 1)
    return lo, hi, u - lo


def _device_taps(taps, axis, ndim, xp, dtype):
    lo, hi, w = taps
    return xp.asarray(lo), xp.asarray(hi), xp.asarray(w, dtype).reshape(
        (-1,) + (1,) * (ndim - axis - 1))


class Interpolate1d(FunctionNode):
    """Linear interpolation along one axis with fixed taps; the gradient scatters back."""

    def __init__(self, axis, n_in, taps):
        self.axis = axis
        self.n_in = n_in
        self.taps = taps

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        lo, hi, w = _device_taps(self.taps, self.axis, x.ndim, xp, x.dtype)
        a = xp.take(x, lo, axis=self.axis)
        return a + (xp.take(x, hi, axis=self.axis) - a) * w,

    def backward(self, indexes, grad_outputs):
        return Interpolate1dGrad(self.axis, self.n_in, self.taps).apply(grad_outputs)


class Interpolate1dGrad(FunctionNode):
    """The adjoint of :class:`Interpolate1d`."""

    def __init__(self, axis, n_in, taps):
        self.axis = axis
        self.n_in = n_in
        self.taps = taps

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        lo, hi, w = _device_taps(self.taps, self.axis, gy.ndim, xp, gy.dtype)
        shape = list(gy.shape)
        shape[self.axis] = self.n_in
        gx = xp.zeros(shape, gy.dtype)
        gx_front = xp.moveaxis(gx, self.axis, 0)  # a view: add.at writes into gx
        xp.add.at(gx_front, lo, xp.moveaxis(gy * (1 - w), self.axis, 0))
        xp.add.at(gx_front, hi, xp.moveaxis(gy * w, self.axis, 0))
        return gx,

    def backward(self, indexes, grad_outputs):
        return Interpolate1d(self.axis, self.n_in, self.taps).apply(grad_outputs)


def resize_images(x, output_shape, *, mode='bilinear', align_corners=True):
    """Resizes images ``(B, C, H, W)`` to ``(B, C) + output_shape``.

    ``mode`` is ``'bilinear'`` (corner pixels aligned when ``align_corners``)
    or ``'nearest'`` (source pixel ``floor(i * H / out_H)``, as in Chainer).

    >>> import numpy, chainlite.functions as F
    >>> F.resize_images(numpy.zeros((1, 3, 4, 4), numpy.float32), (8, 6)).shape
    (1, 3, 8, 6)
    """
    if len(x.shape) != 4 or x.dtype.kind != 'f':
        raise type_check.InvalidType(
            'x.ndim == 4 and x.dtype.kind == "f"', 'x: %s %s' % (tuple(x.shape), x.dtype),
            'resize_images: expects a 4-D float input, got shape %s dtype %s'
            % (tuple(x.shape), x.dtype))
    if mode not in ('bilinear', 'nearest'):
        raise ValueError("resize_images: mode must be 'bilinear' or 'nearest', got %r" % (mode,))
    out_h, out_w = output_shape
    if out_h <= 0 or out_w <= 0:
        raise ValueError('resize_images: invalid output_shape %r' % (output_shape,))
    h, w = x.shape[2:]
    y = Interpolate1d(2, h, _interpolation(h, out_h, mode, align_corners)).apply((x,))[0]
    return Interpolate1d(3, w, _interpolation(w, out_w, mode, align_corners)).apply((y,))[0]
