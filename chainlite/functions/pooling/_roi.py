"""Region-of-interest pooling machinery (private): bin geometry, bilinear taps, flat gathers.

Every (roi, channel, bin) output reads the input through a flat index into
``x.ravel()`` (``GatherFlat``, whose adjoint is ``ScatterFlat``), so gradients of
every order follow. Windows are gathered whole (``R * C * bins *
window`` values), so memory grows with the number and size of the regions.
"""
import numbers

import numpy

from chainlite import backend
from chainlite.functions.connection._gather import GatherFlat
from chainlite.functions.math.sum import sum as _sum
from chainlite.utils import type_check


def _positive_int(v):
    return isinstance(v, (int, numpy.integer)) and not isinstance(v, bool) and v > 0


def _as_pair(name, label, value, ok, what):
    """``value`` (one item or a pair) as a pair of items that pass ``ok``; a TypeError naming
    ``name`` and ``label`` otherwise (Chainer raises TypeError for these arguments)."""
    items = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(items) != 2 or not all(ok(v) for v in items):
        raise TypeError('%s: %s must be %s or a pair of them, got %r' % (name, label, what, value))
    return tuple(None if v is None else int(v) for v in items)


def outsize_pair(name, outsize, label='outsize'):
    """``outsize`` (a positive int or a pair of them) as a pair of ints."""
    return _as_pair(name, label, outsize, _positive_int, 'a positive int')


def sampling_pair(name, sampling_ratio):
    """``sampling_ratio`` (None, a positive int or a pair of them) as a pair."""
    return _as_pair(name, 'sampling_ratio', sampling_ratio,
                    lambda v: v is None or _positive_int(v), 'None, a positive int')


def check_scale(name, spatial_scale):
    """Rejects a ``spatial_scale`` that is not a positive number (as Chainer does)."""
    if not (isinstance(spatial_scale, numbers.Real) and not isinstance(spatial_scale, bool)
            and spatial_scale > 0):
        raise TypeError('%s: spatial_scale must be a positive number, got %r'
                        % (name, spatial_scale))


def check_inputs(name, x, rois, roi_indices, n_coords):
    """Checks ``x`` (N, C, H, W), ``rois`` (R, n_coords) and ``roi_indices`` (R,) (if given)."""
    ok = (getattr(x, 'ndim', 0) == 4 and x.dtype.kind == 'f' and rois.ndim == 2 and
          rois.shape[1] == n_coords and rois.dtype.kind == 'f')
    if roi_indices is not None:
        ok = ok and roi_indices.shape == rois.shape[:1] and roi_indices.dtype.kind == 'i'
    if not ok:
        raise type_check.InvalidType(
            'x (N, C, H, W) float, rois (R, %d) float, roi_indices (R,) int' % n_coords,
            'x %s %s, rois %s %s, roi_indices %s' % (
                x.shape, x.dtype, rois.shape, rois.dtype,
                None if roi_indices is None else (roi_indices.shape, roi_indices.dtype)),
            '%s: expects x (N, C, H, W) float, rois (R, %d) float and roi_indices (R,) int; got '
            'x %s %s, rois %s %s, roi_indices %s' % (
                name, n_coords, x.shape, x.dtype, rois.shape, rois.dtype,
                None if roi_indices is None else (roi_indices.shape, roi_indices.dtype)))


def scaled_regions(name, x, rois, roi_indices, outsize, spatial_scale):
    """Checks the arguments of a RoI function on ``(y_min, x_min, y_max, x_max)`` regions;
    returns the corners scaled by ``spatial_scale`` ``(R, 4)``, the image of each region
    and ``outsize`` as a pair."""
    rois = getattr(rois, 'array', rois)
    roi_indices = getattr(roi_indices, 'array', roi_indices)
    check_inputs(name, x, rois, roi_indices, 4)
    check_scale(name, spatial_scale)
    return rois * spatial_scale, roi_indices, outsize_pair(name, outsize)


def _flat_index(x_shape, batch, spatial):
    """Indexes into ``x.ravel()``, ``(R, C, *rest)``, from per-region offsets ``(R, *rest)``."""
    xp = backend.get_array_module(spatial)
    n, c, h, w = x_shape
    base = batch.astype(numpy.int64) * (c * h * w)
    chan = xp.arange(c, dtype=numpy.int64) * (h * w)
    extra = (None,) * (spatial.ndim - 1)
    return (base[(slice(None), None) + extra] + chan[(None, slice(None)) + extra] +
            spatial[:, None])


def windows(x_shape, batch, ymin, xmin, ymax, xmax, outsize, plus_one):
    """Flat indexes ``(R, C, oh, ow, K)`` of every bin's window and its validity mask.

    Region corners (already scaled) are rounded; a region spans ``max(end - start
    (+ 1 if plus_one), 1)`` pixels split into ``outsize`` bins from
    ``floor(i * bin)`` to ``ceil((i + 1) * bin)``, clipped to the image.
    """
    xp = backend.get_array_module(ymin)
    n, c, h, w = x_shape
    oh, ow = outsize

    def axis(start, end, bins, size):
        start, end = xp.round(start).astype(numpy.int64), xp.round(end).astype(numpy.int64)
        length = xp.maximum(end - start + (1 if plus_one else 0), 1).astype(ymin.dtype)
        step = (length / bins)[:, None]
        i = xp.arange(bins, dtype=ymin.dtype)
        lo = xp.clip(xp.floor(i * step).astype(numpy.int64) + start[:, None], 0, size)
        hi = xp.clip(xp.ceil((i + 1) * step).astype(numpy.int64) + start[:, None], 0, size)
        k = max(int((hi - lo).max()) if lo.size else 0, 1)
        pos = lo[:, :, None] + xp.arange(k)
        return xp.minimum(pos, size - 1), pos < hi[:, :, None]  # (R, bins, k) each

    rows, vrows = axis(ymin, ymax, oh, h)
    cols, vcols = axis(xmin, xmax, ow, w)
    r = len(batch)
    spatial = rows[:, :, None, :, None] * w + cols[:, None, :, None, :]  # (R, oh, ow, kh, kw)
    valid = vrows[:, :, None, :, None] & vcols[:, None, :, None, :]
    kk = spatial.shape[-2] * spatial.shape[-1]
    index = _flat_index(x_shape, batch, spatial.reshape(r, oh, ow, kk))
    return index, xp.broadcast_to(valid.reshape(r, 1, oh, ow, kk), index.shape)


def max_over_windows(x, index, valid, empty_fill):
    """Per-window maximum of ``x``; ``empty_fill`` where a window is empty."""
    xp = backend.get_array_module(index)
    data = getattr(x, 'array', x)
    vals = xp.where(valid, data.ravel()[index], -xp.inf)
    arg = vals.argmax(axis=-1)[..., None]
    best = xp.take_along_axis(index, arg, axis=-1)[..., 0]
    empty = ~valid.any(axis=-1)
    return GatherFlat(best, empty, empty_fill).apply((x,))[0]


def mean_over_windows(x, index, valid):
    """Per-window mean of ``x``; 0 where a window is empty."""
    xp = backend.get_array_module(index)
    gathered = GatherFlat(index, ~valid).apply((x,))[0]
    count = valid.sum(axis=-1)
    inv = (1 / xp.maximum(count, 1)).astype(gathered.dtype)
    return _sum(gathered, axis=-1) * inv


def _taps(start, end, bins, grid, size):
    """Bilinear sample taps along one axis for every region and bin.

    Returns positions and weights ``(R, bins, G, 2)`` (low and high neighbour),
    a validity mask ``(R, bins, G)`` (inside the image and within the region's
    own grid) and the grid sizes ``(R,)``; G is the largest grid.
    """
    xp = backend.get_array_module(start)
    start, end = start.astype(numpy.float64), end.astype(numpy.float64)
    step = xp.maximum(end - start, 1.0) / bins
    if grid is None:
        g = xp.ceil(step).astype(numpy.int64)
    else:
        g = xp.full(start.shape, grid, dtype=numpy.int64)
    k = xp.arange(max(int(g.max()) if g.size else 1, 1))
    i = xp.arange(bins)[None, :, None]
    coord = (start[:, None, None] + i * step[:, None, None] +
             (k + 0.5) * (step / g)[:, None, None])
    valid = (coord >= -1) & (coord <= size) & (k < g[:, None, None])
    coord = xp.maximum(coord, 0)
    low = coord.astype(numpy.int64)
    edge = low >= size - 1
    low = xp.where(edge, size - 1, low)
    coord = xp.where(edge, low, coord)
    frac = coord - low
    pos = xp.stack([low, xp.where(edge, low, low + 1)], axis=-1)
    return pos, xp.stack([1 - frac, frac], axis=-1), valid, g


def bilinear_windows(x_shape, batch, ymin, xmin, ymax, xmax, outsize, sampling, dtype):
    """Flat indexes and weights ``(R, C, oh, ow, S, 4)`` of every bin's bilinear samples.

    Also returns the sample validity ``(R, 1, oh, ow, S)`` and the number of grid
    samples per region ``(R,)``. Follows RoIAlign: ``sampling`` (a pair) samples per
    bin along each axis (``ceil(bin size)`` where None) at the centres of a regular grid.
    """
    n, c, h, w = x_shape
    oh, ow = outsize
    sr_h, sr_w = sampling
    py, wy, vy, gy = _taps(ymin, ymax, oh, sr_h, h)
    px, wx, vx, gx = _taps(xmin, xmax, ow, sr_w, w)
    r, gh, gw = len(batch), py.shape[2], px.shape[2]
    # axes: (R, oh, ow, Gh, Gw, 2 (y tap), 2 (x tap))
    spatial = (py[:, :, None, :, None, :, None] * w + px[:, None, :, None, :, None, :])
    weight = (wy[:, :, None, :, None, :, None] * wx[:, None, :, None, :, None, :])
    valid = (vy[:, :, None, :, None] & vx[:, None, :, None, :]).reshape(r, 1, oh, ow, gh * gw)
    index = _flat_index(x_shape, batch, spatial.reshape(r, oh, ow, gh * gw * 4))
    weight = weight.reshape(r, 1, oh, ow, gh * gw, 4).astype(dtype)
    return index.reshape(r, c, oh, ow, gh * gw, 4), weight, valid, gy * gx


def bilinear_mean(x, index, weight, valid, count):
    """Per-bin mean of the bilinear samples; samples outside the image count as 0."""
    xp = backend.get_array_module(index)
    r, c, oh, ow, s, _ = index.shape
    wts = weight * (valid[..., None] / count.reshape(r, 1, 1, 1, 1, 1)).astype(weight.dtype)
    wts = xp.broadcast_to(wts, index.shape).reshape(r, c, oh, ow, s * 4)
    gathered = GatherFlat(index.reshape(r, c, oh, ow, s * 4),
                          xp.zeros(wts.shape, dtype=bool)).apply((x,))[0]
    return _sum(gathered * wts, axis=-1)


def bilinear_max(x, index, weight, valid):
    """Per-bin maximum over the bilinear samples inside the image; -inf for bins with none."""
    xp = backend.get_array_module(index)
    data = getattr(x, 'array', x)
    samples = (data.ravel()[index] * weight).sum(axis=-1)
    samples = xp.where(valid, samples, -xp.inf)
    best = samples.argmax(axis=-1)[..., None, None]
    index = xp.take_along_axis(index, best, axis=-2)[..., 0, :]
    weight = xp.take_along_axis(xp.broadcast_to(weight, valid.shape[:1] + index.shape[1:4] +
                                                weight.shape[-2:]), best, axis=-2)[..., 0, :]
    empty = ~valid.any(axis=-1)
    gathered = GatherFlat(index, xp.broadcast_to(empty[..., None], index.shape)).apply((x,))[0]
    y = _sum(gathered * weight, axis=-1)
    return y + xp.where(empty, -xp.inf, 0).astype(y.dtype)
