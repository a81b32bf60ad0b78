"""Scaled dot-product attention (absent from Chainer 7)."""
import math

import numpy

from chainlite import backend
from chainlite.functions.activation.softmax import softmax
from chainlite.functions.math.matmul import matmul
from chainlite.functions.noise.dropout import dropout
from chainlite.variable import as_variable


def _check_inputs(q, k, v):
    for name, a in (('k', k), ('v', v)):
        if a.dtype != q.dtype:
            raise TypeError('scaled_dot_product_attention: %s.dtype (%s) differs from q.dtype (%s)'
                            % (name, a.dtype, q.dtype))
    if q.dtype.kind != 'f':
        raise TypeError('scaled_dot_product_attention: inputs must be floating point, got %s'
                        % q.dtype)
    if not (q.ndim == k.ndim == v.ndim >= 2) or q.shape[:-2] != k.shape[:-2] \
            or k.shape[:-2] != v.shape[:-2] or q.shape[-1] != k.shape[-1] \
            or k.shape[-2] != v.shape[-2]:
        raise ValueError('scaled_dot_product_attention: expected q (..., Lq, d), k (..., Lk, d) '
                         'and v (..., Lk, dv) with the same leading axes; got q.shape = %s, '
                         'k.shape = %s, v.shape = %s' % (q.shape, k.shape, v.shape))


def _mask_bias(mask, scores_shape, dtype, xp):
    """The additive bias of ``mask`` and, for a boolean mask, the rows that see any key."""
    mask = xp.asarray(getattr(mask, 'array', mask))
    try:
        numpy.broadcast_shapes(mask.shape, scores_shape)
    except ValueError:
        raise ValueError('scaled_dot_product_attention: mask.shape = %s does not broadcast to '
                         'the scores shape (..., Lq, Lk) = %s' % (mask.shape, scores_shape))
    if mask.dtype == bool:
        # A large finite negative keeps softmax free of inf - inf.
        bias = xp.where(mask, 0, numpy.finfo(dtype).min / 2).astype(dtype)
        return bias, mask.any(axis=-1, keepdims=True).astype(dtype)
    if mask.dtype.kind != 'f':
        raise TypeError('scaled_dot_product_attention: mask must be boolean (True = attend) or '
                        'floating point (added to the scores), got %s' % mask.dtype)
    return mask.astype(dtype, copy=False), None


def scaled_dot_product_attention(q, k, v, mask=None, dropout_ratio=0.0, *, return_weights=False):
    """Attention ``softmax(q k^T / sqrt(d) + mask) v`` (Vaswani et al., 2017).

    Args:
        q: queries ``(..., Lq, d)``; k: keys ``(..., Lk, d)``; v: values ``(..., Lk, dv)``.
        mask: broadcastable to ``(..., Lq, Lk)``; boolean (True where a query may attend
            to a key; a query that may attend to none gets a zero output) or floating
            point (added to the scaled scores, e.g. ``-inf`` to block).
        dropout_ratio: dropout on the attention weights (only in training).
        return_weights: also return the weights ``(..., Lq, Lk)`` (before dropout).

    >>> import numpy, chainlite.functions as F
    >>> q = k = numpy.eye(2)[None]
    >>> v = numpy.array([[[1.0], [3.0]]])
    >>> F.scaled_dot_product_attention(q, k, v, mask=numpy.tril(numpy.ones((2, 2), bool))).array
    array([[[1.       ],
            [2.3395231]]])
    """
    q, k, v = as_variable(q), as_variable(k), as_variable(v)
    _check_inputs(q, k, v)
    scores = matmul(q, k, transb=True) * (1 / math.sqrt(q.shape[-1]))
    any_key = None
    if mask is not None:
        bias, any_key = _mask_bias(mask, scores.shape, q.dtype, backend.get_array_module(q))
        scores = scores + bias
    weights = softmax(scores, axis=-1)
    if any_key is not None:
        weights = weights * any_key
    attended = dropout(weights, dropout_ratio) if dropout_ratio else weights
    y = matmul(attended, v)
    return (y, weights) if return_weights else y
