"""Simplified DropConnect: a linear layer with randomly dropped weights."""
from chainlite import backend
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.matmul import matmul
from chainlite.functions.noise import _util
from chainlite.utils import type_check
from chainlite.variable import as_variable


def _check_types(x, W, b, mask, use_batchwise_mask):
    arrays = [x.array, W.array] + ([] if b is None else [b.array])
    in_types = type_check.get_types(arrays, 'in_types', False)
    type_check.argname(in_types, ('x', 'W', 'b')[:len(arrays)])
    with type_check.get_function_check_context('simplified_dropconnect'):
        x_type, w_type = in_types[:2]
        type_check.expect(x_type.dtype.kind == 'f', w_type.dtype == x_type.dtype,
                          x_type.ndim >= 2, w_type.ndim == 2)
        in_size = type_check.prod(x.shape[1:])
        if in_size != W.shape[1]:
            raise type_check.InvalidType(
                'prod(x.shape[1:]) == W.shape[1]', '%d != %d (x.shape = %s, W.shape = %s)'
                % (in_size, W.shape[1], x.shape, W.shape))
        if b is not None:
            type_check.expect(in_types[2].dtype == x_type.dtype, in_types[2].ndim == 1,
                              in_types[2].shape[0] == w_type.shape[0])
        if mask is not None:
            expected = W.shape if not use_batchwise_mask else (x.shape[0],) + W.shape
            if mask.shape != expected:
                raise type_check.InvalidType(
                    'mask.shape == %s' % (expected,), '%s != %s' % (mask.shape, expected))


def simplified_dropconnect(x, W, b=None, ratio=.5, train=True, mask=None,
                           use_batchwise_mask=True):
    """Linear layer ``y = x W^T + b`` whose weights are dropped with probability ``ratio``.

    ``x`` is flattened to ``(N, in_size)``. With ``train=True`` (this argument,
    not ``chainlite.config.train``, as in Chainer) a 0/1 mask is drawn with
    ``numpy.random.rand`` (one per sample, shape ``(N, out, in)``, when
    ``use_batchwise_mask``; else ``(out, in)``) and the kept weights are scaled
    by ``1 / (1 - ratio)``. A given ``mask`` is used instead of a draw; without
    training it applies unscaled.

    >>> import numpy, chainlite.functions as F
    >>> x, W = numpy.ones((2, 3)), numpy.ones((4, 3))
    >>> F.simplified_dropconnect(x, W, train=False).array
    array([[3., 3., 3., 3.],
           [3., 3., 3., 3.]])
    """
    _util.check_ratio('simplified_dropconnect', ratio)
    x, W = as_variable(x), as_variable(W)
    b = None if b is None else as_variable(b)
    _check_types(x, W, b, mask, use_batchwise_mask)
    xp = backend.get_array_module(x.array)
    n, (out_size, in_size) = x.shape[0], W.shape
    x = reshape(x, (n, in_size))
    if train and mask is None:
        shape = (n, out_size, in_size) if use_batchwise_mask else (out_size, in_size)
        mask = (xp.random.rand(*shape) >= ratio).astype(x.dtype)
    if mask is None:
        y = matmul(x, W, transb=True)
    else:
        masked = W * xp.asarray(mask).astype(x.dtype, copy=False)
        if use_batchwise_mask:
            y = reshape(matmul(masked, reshape(x, (n, in_size, 1))), (n, out_size))
        else:
            y = matmul(x, masked, transb=True)
        if train:
            y = y * (1 / (1 - ratio))
    return y if b is None else y + b
