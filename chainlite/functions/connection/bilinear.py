"""Bilinear form ``y_l = sum_jk e1_j e2_k W_jkl (+ e1 V1 + e2 V2 + b)``.

Built from reshapes, a broadcast product and one matmul, so it has
gradients of every order.

>>> import numpy, chainlite.functions as F
>>> e1 = numpy.ones((2, 3), numpy.float32)
>>> e2 = numpy.ones((2, 4), numpy.float32)
>>> F.bilinear(e1, e2, numpy.ones((3, 4, 5), numpy.float32)).array[0].tolist()
[12.0, 12.0, 12.0, 12.0, 12.0]
"""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.matmul import matmul
from chainlite.utils import size_of_shape, type_check


def _as_mat(e):
    return e if e.ndim == 2 else reshape(e, (e.shape[0], size_of_shape(e.shape[1:])))


def bilinear(e1, e2, W, V1=None, V2=None, b=None):
    """Bilinear function of ``e1`` ``(N, J)`` and ``e2`` ``(N, K)`` with ``W`` ``(J, K, L)``.

    ``V1`` ``(J, L)``, ``V2`` ``(K, L)`` and ``b`` ``(L,)`` are given all together or not at all.
    Inputs with more than two axes are flattened after the batch axis.
    """
    flags = [V1 is None, V2 is None, b is None]
    if any(flags) and not all(flags):
        raise ValueError('All coefficients and bias for bilinear() must be None, '
                         'if at least one of them is None.')
    n, j, k = e1.shape[0], size_of_shape(e1.shape[1:]), size_of_shape(e2.shape[1:])
    if e2.shape[0] != n or W.ndim != 3 or W.shape[:2] != (j, k) or \
            not e1.dtype == e2.dtype == W.dtype or e1.dtype.kind != 'f':
        raise type_check.InvalidType(
            'e1 (N, J), e2 (N, K) and W (J, K, L) of one float dtype',
            'e1 %s %s, e2 %s %s, W %s %s' % (e1.shape, e1.dtype, e2.shape, e2.dtype, W.shape,
                                             W.dtype),
            'bilinear: e1 must be (N, J), e2 (N, K) and W (J, K, L) of one float dtype; got '
            'e1 %s %s, e2 %s %s, W %s %s' % (e1.shape, e1.dtype, e2.shape, e2.dtype, W.shape,
                                             W.dtype))
    e1, e2 = _as_mat(e1), _as_mat(e2)
    outer = reshape(e1, (n, j, 1)) * reshape(e2, (n, 1, k))
    y = matmul(reshape(outer, (n, j * k)), reshape(W, (j * k, W.shape[2])))
    if V1 is not None:
        y = y + matmul(e1, V1) + matmul(e2, V2) + b
    return y
