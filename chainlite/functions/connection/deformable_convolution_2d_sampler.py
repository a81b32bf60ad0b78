"""Deformable convolution: each kernel tap samples the input at a learned offset.

The input is read by bilinear interpolation (zero outside the image) at
``(i * sy - ph + ky + dy, j * sx - pw + kx + dx)``; the samples are then
combined by ``W`` as in a convolution. Built from flat gathers, arithmetic and
one matmul, so it is differentiable (to any order) in ``x``, ``offset``, ``W``
and ``b``.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 2, 4, 4), numpy.float32)
>>> W = numpy.ones((3, 2, 3, 3), numpy.float32)
>>> offset = numpy.zeros((1, 18, 2, 2), numpy.float32)
>>> F.deformable_convolution_2d_sampler(x, offset, W).array[0, :, 0, 0].tolist()
[18.0, 18.0, 18.0]
"""
import numpy

from chainlite import backend
from chainlite.functions.array.get_item import get_item
from chainlite.functions.array.reshape import reshape
from chainlite.functions.connection._gather import GatherFlat
from chainlite.utils.conv import as_tuple
from chainlite.functions.math.matmul import matmul
from chainlite.utils import type_check
from chainlite.variable import as_variable


def _check(x, offset, W, b):
    n, c = x.shape[:2] if x.ndim == 4 else (None, None)
    k = W.shape[2] * W.shape[3] if W.ndim == 4 else None
    ok = (x.ndim == 4 and W.ndim == 4 and offset.ndim == 4 and x.dtype.kind == 'f' and
          x.dtype == W.dtype == offset.dtype and W.shape[1] == c and
          offset.shape[:2] == (n, 2 * k) and
          (b is None or (b.shape == W.shape[:1] and b.dtype == x.dtype)))
    if not ok:
        raise type_check.InvalidType(
            'x (n, c, h, w), offset (n, 2 * kh * kw, out_h, out_w), W (oc, c, kh, kw), b (oc,)',
            'x %s, offset %s, W %s, b %s' % (x.shape, offset.shape, W.shape,
                                             None if b is None else b.shape),
            'deformable_convolution_2d_sampler: expects x (n, c, h, w), offset (n, 2 * kh * kw, '
            'out_h, out_w), W (oc, c, kh, kw) and b (oc,) of one float dtype; got x %s %s, '
            'offset %s %s, W %s %s, b %s'
            % (x.shape, x.dtype, offset.shape, offset.dtype, W.shape, W.dtype,
               None if b is None else b.shape))


def _coords(offset, base):
    """Sample coordinates ``base + offset`` split into integer corners and fractions."""
    xp = backend.get_array_module(offset)
    pos = offset + base.astype(offset.dtype)
    low = xp.floor(pos.array).astype(numpy.int64)
    return low, pos - low.astype(offset.dtype)


def deformable_convolution_2d_sampler(x, offset, W, b=None, stride=1, pad=0):
    """Convolution of ``x`` ``(n, c, h, w)`` with ``W`` ``(oc, c, kh, kw)`` at offset taps.

    ``offset`` is ``(n, 2 * kh * kw, out_h, out_w)``: the first ``kh * kw``
    channels shift the taps along the width, the last ``kh * kw`` along the
    height (tap ``ky * kw + kx``); its last two axes set the output size. With
    zero offsets of the usual output size this is ``convolution_2d``.
    """
    x, offset, W = as_variable(x), as_variable(offset), as_variable(W)
    xp = backend.get_array_module(x)
    sy, sx = as_tuple(stride, 2, 'stride', 'deformable_convolution_2d_sampler')
    ph, pw = as_tuple(pad, 2, 'pad', 'deformable_convolution_2d_sampler')
    _check(x, offset, W, b)
    n, c, h, w = x.shape
    oc, _, kh, kw = W.shape
    k = kh * kw
    oh, ow = offset.shape[2:]
    ky, kx = xp.divmod(xp.arange(k), kw)
    base_y = (xp.arange(oh) * sy - ph)[None, None, :, None] + ky[None, :, None, None]
    base_x = (xp.arange(ow) * sx - pw)[None, None, None, :] + kx[None, :, None, None]
    y0, fy = _coords(get_item(offset, (slice(None), slice(k, None))), base_y)
    x0, fx = _coords(get_item(offset, (slice(None), slice(None, k))), base_x)
    chan = (xp.arange(n)[:, None] * c + xp.arange(c)) * (h * w)  # (n, c)
    samples = 0
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            yy, xx = y0 + dy, x0 + dx
            outside = (yy < 0) | (yy >= h) | (xx < 0) | (xx >= w)  # (n, k, oh, ow)
            flat = xp.clip(yy, 0, h - 1) * w + xp.clip(xx, 0, w - 1)
            index = chan[:, :, None, None, None] + flat[:, None]
            empty = xp.broadcast_to(outside[:, None], index.shape)
            taps = GatherFlat(index, empty).apply((x,))[0]  # (n, c, k, oh, ow)
            samples = samples + taps * reshape(wy * wx, (n, 1, k, oh, ow))
    y = matmul(reshape(W, (oc, c * k)), reshape(samples, (n, c * k, oh * ow)))
    y = reshape(y, (n, oc, oh, ow))
    if b is not None:
        y = y + reshape(b, (1, oc, 1, 1))
    return y
