"""``sparse_matmul``: a product of a COO sparse matrix (``chainlite.utils.CooMatrix``,
made by ``chainlite.utils.to_coo``) and a dense one.

The product is built from gathers, a scatter-add and elementwise products,
so gradients reach the sparse values (``CooMatrix.data``) and the dense
operand, to any order. Padding entries (row and col -1, from ``to_coo(x, ldnz)``)
are ignored.

>>> import numpy, chainlite.functions as F
>>> from chainlite.utils import to_coo
>>> a = to_coo(numpy.array([[0.0, 2.0], [3.0, 0.0]]))
>>> F.sparse_matmul(a, numpy.ones((2, 3))).array.tolist()
[[2.0, 2.0, 2.0], [3.0, 3.0, 3.0]]
"""
from chainlite import backend
from chainlite.functions.array.get_item import GetItemGrad, get_item
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math._util import check_float, check_same_dtype, invalid
from chainlite.utils.sparse import CooMatrix, to_coo  # NOQA  (importable from here too)
from chainlite.variable import as_variable


def _sparse_left(sp, dense, transa, transb):
    """``op(A) @ op(B)`` for a sparse A and a dense B."""
    data = sp.data
    dense = as_variable(dense)
    check_float('sparse_matmul', data=data, dense=dense)
    check_same_dtype('sparse_matmul', data=data, dense=dense)
    row, col = (sp.col, sp.row) if transa else (sp.row, sp.col)
    m, k = sp.shape[::-1] if transa else sp.shape
    batched = data.ndim == 2
    if dense.ndim != data.ndim + 1:
        raise invalid('sparse_matmul', 'dense.ndim == %d' % (data.ndim + 1),
                      'dense.shape = %s, sparse shape = %s' % (dense.shape, sp.shape))
    if transb:
        dense = transpose(dense, tuple(range(dense.ndim - 2)) + (dense.ndim - 1, dense.ndim - 2))
    if dense.shape[-2] != k or (batched and dense.shape[0] != data.shape[0]):
        raise invalid('sparse_matmul', 'dense.shape[-2] == %d' % k,
                      'op(dense).shape = %s, op(sparse).shape = %s'
                      % (dense.shape, (data.shape[0],) * batched + (m, k)))
    xp = backend.get_array_module(data.array)
    n = dense.shape[-1]
    keep = row >= 0
    if batched:  # a block-diagonal matrix of the whole batch
        offset = xp.arange(data.shape[0])[:, None]
        row, col = row + offset * m, col + offset * k
        dense = reshape(dense, (-1, n))
    row, col = xp.where(keep, row, 0).ravel(), xp.where(keep, col, 0).ravel()
    weights = reshape(data * keep.astype(data.dtype), (-1, 1))
    products = get_item(dense, col) * weights
    out = GetItemGrad(row, ((data.shape[0] if batched else 1) * m, n)).apply((products,))[0]
    return reshape(out, (data.shape[0], m, n)) if batched else out


def sparse_matmul(a, b, transa=False, transb=False):
    """Matrix product ``op(a) @ op(b)`` where exactly one of ``a``, ``b`` is a ``CooMatrix``.

    ``op`` transposes the (last two axes of the) operand when ``transa``/``transb``
    is set. 2-d operands, or batches (a 3-d dense operand with a batched sparse one).
    """
    if isinstance(a, CooMatrix) and not isinstance(b, CooMatrix):
        return _sparse_left(a, b, transa, transb)
    if isinstance(b, CooMatrix) and not isinstance(a, CooMatrix):
        # op(A) op(B) = (op(B)^T op(A)^T)^T
        out = _sparse_left(b, a, not transb, not transa)
        return transpose(out, tuple(range(out.ndim - 2)) + (out.ndim - 1, out.ndim - 2))
    raise ValueError('sparse_matmul: exactly one of a and b must be a CooMatrix, got %s and %s'
                     % (type(a).__name__, type(b).__name__))
