"""Multi-head attention as a model function (weights passed in, as in MATLAB's model functions)."""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.attention.scaled_dot_product_attention import (
    scaled_dot_product_attention)
from chainlite.functions.math.matmul import matmul
from chainlite.variable import as_variable


def _project(name, x, W, b):
    """``x W^T + b`` on the last axis (Chainer's linear convention: W is (out, in))."""
    W = as_variable(W)
    if W.ndim != 2 or W.shape[1] != x.shape[-1]:
        raise ValueError('multi_head_attention: %s.shape = %s does not fit inputs of shape %s '
                         '(expected (out_size, %d))' % (name, W.shape, x.shape, x.shape[-1]))
    y = matmul(x, W, transb=True)
    if b is None:
        return y
    b = as_variable(b)
    if b.shape != (W.shape[0],):
        raise ValueError('multi_head_attention: the bias of %s has shape %s; expected (%d,)'
                         % (name, b.shape, W.shape[0]))
    return y + b


def _split_heads(name, x, n_heads):
    n, length, size = x.shape
    if size % n_heads:
        raise ValueError('multi_head_attention: the %s projection size %d is not divisible by '
                         'n_heads = %d' % (name, size, n_heads))
    return transpose(reshape(x, (n, length, n_heads, size // n_heads)), (0, 2, 1, 3))


def multi_head_attention(query, key, value, n_heads, W_q, W_k, W_v, W_o, b_q=None, b_k=None,
                         b_v=None, b_o=None, mask=None, dropout_ratio=0.0, *,
                         return_weights=False):
    """Multi-head attention (Vaswani et al., 2017) with the weights given as arguments.

    ``query`` is ``(N, Lq, Eq)``, ``key`` ``(N, Lk, Ek)``, ``value`` ``(N, Lk, Ev)``.
    Each ``W_*`` is ``(out_size, in_size)`` as in ``F.linear``: ``W_q`` and ``W_k``
    map to a common size ``D``, ``W_v`` to ``Dv`` (both divisible by ``n_heads``)
    and ``W_o`` maps ``Dv`` to the output size. ``mask`` broadcasts to
    ``(N, n_heads, Lq, Lk)`` (see ``scaled_dot_product_attention``). Returns
    ``(N, Lq, out_size)``, and the weights ``(N, n_heads, Lq, Lk)`` with
    ``return_weights=True``.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.random.rand(2, 5, 8)
    >>> W = [numpy.random.rand(8, 8) for _ in range(4)]
    >>> F.multi_head_attention(x, x, x, 2, *W).shape
    (2, 5, 8)
    """
    query, key, value = as_variable(query), as_variable(key), as_variable(value)
    for name, x in (('query', query), ('key', key), ('value', value)):
        if x.ndim != 3:
            raise ValueError('multi_head_attention: %s must be (N, L, E), got shape %s'
                             % (name, x.shape))
    q = _split_heads('query', _project('W_q', query, W_q, b_q), n_heads)
    k = _split_heads('key', _project('W_k', key, W_k, b_k), n_heads)
    v = _split_heads('value', _project('W_v', value, W_v, b_v), n_heads)
    y, weights = scaled_dot_product_attention(q, k, v, mask, dropout_ratio, return_weights=True)
    n, heads, length, size = y.shape
    y = reshape(transpose(y, (0, 2, 1, 3)), (n, length, heads * size))
    y = _project('W_o', y, W_o, b_o)
    return (y, weights) if return_weights else y
