from chainlite import backend
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.matmul import matmul
from chainlite.utils import type_check


def spatial_transformer_grid(theta, output_shape, **kwargs):
    """Maps a regular ``output_shape`` grid through the affine transforms ``theta``.

    ``theta`` has shape ``(B, 2, 3)``; the result ``(B, 2, H, W)`` holds the
    source coordinates ``(x, y)`` in ``[-1, 1]`` units for
    :func:`spatial_transformer_sampler`, with ``grid = theta @ (x_t, y_t, 1)``
    for ``x_t = linspace(-1, 1, W)`` and ``y_t = linspace(-1, 1, H)``.

    >>> import numpy, chainlite.functions as F
    >>> theta = numpy.array([[[1.0, 0, 0], [0, 1, 0]]])
    >>> F.spatial_transformer_grid(theta, (2, 3)).array[0, 0]
    array([[-1.,  0.,  1.],
           [-1.,  0.,  1.]])
    """
    if kwargs:
        raise TypeError('spatial_transformer_grid: unexpected arguments %s' % sorted(kwargs))
    if len(theta.shape) != 3 or tuple(theta.shape[1:]) != (2, 3) or theta.dtype.kind != 'f':
        raise type_check.InvalidType(
            'theta: float (B, 2, 3)', 'theta: %s %s' % (tuple(theta.shape), theta.dtype),
            'spatial_transformer_grid: theta must be a float array of shape (B, 2, 3), got %s %s'
            % (tuple(theta.shape), theta.dtype))
    h, w = output_shape
    xp = backend.get_array_module(theta)
    ys, xs = xp.meshgrid(xp.linspace(-1, 1, h, dtype=theta.dtype),
                         xp.linspace(-1, 1, w, dtype=theta.dtype), indexing='ij')
    target = xp.stack([xs.ravel(), ys.ravel(), xp.ones(h * w, theta.dtype)])
    return reshape(matmul(theta, target), (theta.shape[0], 2, h, w))
