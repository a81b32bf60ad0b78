"""COO sparse matrices for ``F.sparse_matmul`` (Chainer's ``chainer.utils.CooMatrix``/``to_coo``).

>>> import numpy
>>> a = to_coo(numpy.array([[0.0, 2.0], [3.0, 0.0]]))
>>> a.row.tolist(), a.col.tolist(), a.data.array.tolist()
([0, 1], [1, 0], [2.0, 3.0])
"""
from chainlite import backend
from chainlite.variable import Variable


class CooMatrix:
    """A sparse matrix (or a batch of them) in coordinate format.

    ``data``, ``row`` and ``col`` have shape ``(nnz,)``, or ``(N, nnz)`` for a
    batch; ``shape`` is the ``(rows, cols)`` of one matrix. ``data`` becomes a
    Variable (``requires_grad`` as given).
    """

    def __init__(self, data, row, col, shape, order=None, requires_grad=False):
        if row.shape != col.shape:
            raise ValueError('CooMatrix: row and col must have the same shape (%s != %s)'
                             % (row.shape, col.shape))
        if data.shape != row.shape:
            raise ValueError('CooMatrix: data and row must have the same shape (%s != %s)'
                             % (data.shape, row.shape))
        if len(shape) != 2:
            raise ValueError('CooMatrix: shape must have 2 elements, got %r' % (shape,))
        if isinstance(data, Variable):
            self.data = data
        else:
            self.data = Variable(data, requires_grad=requires_grad)
        self.row = row
        self.col = col
        self.shape = tuple(shape)
        self.order = order

    def to_dense(self):
        """Returns the dense array (shape ``shape`` or ``(N,) + shape``)."""
        data = self.data.array
        xp = backend.get_array_module(data)
        batch = data.shape[:-1]
        x = xp.zeros(batch + self.shape, data.dtype)
        keep = self.row >= 0
        index = tuple(xp.nonzero(keep)[:-1]) + (self.row[keep], self.col[keep])
        x[index] = data[keep]
        return x


def to_coo(x, ldnz=None, requires_grad=False):
    """Returns the nonzeros of a 2-d (or a batch of 3-d) array as a ``CooMatrix``.

    ``ldnz`` pads the entries per matrix to that many (padding has row = col = -1).
    """
    xp = backend.get_array_module(x)
    if x.ndim not in (2, 3):
        raise ValueError('to_coo: x.ndim must be 2 or 3, got shape %s' % (x.shape,))
    batch = x[None] if x.ndim == 2 else x
    nnz = [int((m != 0).sum()) for m in batch]
    width = max(nnz + [0]) if ldnz is None else ldnz
    if width < max(nnz + [0]):
        raise ValueError('to_coo: ldnz = %d is less than the %d nonzeros of a matrix'
                         % (ldnz, max(nnz)))
    data = xp.zeros((len(batch), width), x.dtype)
    row = xp.full((len(batch), width), -1, 'i')
    col = xp.full((len(batch), width), -1, 'i')
    for i, m in enumerate(batch):
        r, c = xp.nonzero(m)
        data[i, :nnz[i]] = m[r, c]
        row[i, :nnz[i]] = r
        col[i, :nnz[i]] = c
    if x.ndim == 2:
        data, row, col = data[0], row[0], col[0]
    return CooMatrix(data, row, col, x.shape[-2:], order='C', requires_grad=requires_grad)


def get_order(row, col):
    """The order of COO entries: ``'C'`` if sorted by row then column, ``'F'`` if by column
    then row, else ``'other'`` (as ``CooMatrix``'s ``order`` argument).

    >>> import numpy
    >>> get_order(numpy.array([0, 0, 1]), numpy.array([0, 2, 1]))
    'C'
    >>> get_order(numpy.array([0, 1, 0]), numpy.array([0, 0, 1]))
    'F'
    """
    xp = backend.get_array_module(row)
    for order, (major, minor) in (('C', (row, col)), ('F', (col, row))):
        if major.size < 2:
            return order
        step, minor_step = xp.diff(major), xp.diff(minor)
        if bool(xp.all((step > 0) | ((step == 0) & (minor_step >= 0)))):
            return order
    return 'other'
