from chainlite import backend
from chainlite.functions.array.broadcast import broadcast_to
from chainlite.functions.array.expand_dims import expand_dims
from chainlite.functions.array.get_item import get_item
from chainlite.functions.array.pad import pad
from chainlite.functions.array.transpose import transpose
from chainlite.utils import type_check


def spatial_transformer_sampler(x, grid, **kwargs):
    """Samples images ``x`` ``(B, C, H, W)`` bilinearly at ``grid`` ``(B, 2, oH, oW)``.

    ``grid[:, 0]`` and ``grid[:, 1]`` are the x and y source coordinates in
    ``[-1, 1]`` (the image corners' pixel centres); points outside read zeros.
    Differentiable in both ``x`` and ``grid``.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.arange(4.0).reshape(1, 1, 2, 2)
    >>> F.spatial_transformer_sampler(x, numpy.zeros((1, 2, 1, 1))).array.ravel()
    array([1.5])
    """
    if kwargs:
        raise TypeError('spatial_transformer_sampler: unexpected arguments %s' % sorted(kwargs))
    if (len(x.shape) != 4 or len(grid.shape) != 4 or grid.shape[1] != 2
            or grid.shape[0] != x.shape[0] or x.dtype != grid.dtype or x.dtype.kind != 'f'):
        got = 'x %s %s and grid %s %s' % (tuple(x.shape), x.dtype, tuple(grid.shape), grid.dtype)
        raise type_check.InvalidType(
            'float x (B, C, H, W) and grid (B, 2, oH, oW) of one dtype', got,
            'spatial_transformer_sampler: expects float x (B, C, H, W) and grid (B, 2, oH, oW) '
            'of the same dtype; got ' + got)
    xp = backend.get_array_module(x, grid)
    b, c, h, w = x.shape
    oshape = (b,) + tuple(grid.shape[2:])
    u = (get_item(grid, (slice(None), 0)) + 1) * ((w - 1) / 2)
    v = (get_item(grid, (slice(None), 1)) + 1) * ((h - 1) / 2)
    u0 = xp.floor(getattr(u, 'array', u))
    v0 = xp.floor(getattr(v, 'array', v))
    fu, fv = u - u0, v - v0  # the position inside the pixel cell, differentiable in grid
    # A zero border lets every out-of-range corner read 0 through a clipped index.
    padded = transpose(pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), 'constant'), (0, 2, 3, 1))
    batch = xp.arange(b).reshape(b, 1, 1)
    y = None
    for dv, wv in ((0, 1 - fv), (1, fv)):
        rows = xp.clip(v0 + dv, -1, h).astype(xp.int64) + 1
        for du, wu in ((0, 1 - fu), (1, fu)):
            cols = xp.clip(u0 + du, -1, w).astype(xp.int64) + 1
            corner = get_item(padded, (batch, rows, cols))  # (B, oH, oW, C)
            term = corner * broadcast_to(expand_dims(wv * wu, -1), oshape + (c,))
            y = term if y is None else y + term
    return transpose(y, (0, 3, 1, 2))
