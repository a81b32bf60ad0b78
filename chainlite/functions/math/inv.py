"""Matrix inverses and determinants: ``inv``, ``batch_inv``, ``det``, ``batch_det``.

float16 inputs are computed in float32 and cast back. A singular matrix
raises ValueError for ``inv``/``batch_inv`` (``det`` returns 0 there, and its
gradient then raises).

>>> import numpy, chainlite.functions as F
>>> a = numpy.array([[2.0, 0.0], [0.0, 4.0]])
>>> F.inv(a).array.tolist()
[[0.5, 0.0], [0.0, 0.25]]
>>> round(float(F.det(a).array), 6)
8.0
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.broadcast import broadcast_to
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math._util import check_float, invalid
from chainlite.functions.math.matmul import matmul
from chainlite.utils import force_array


def _check_square(label, a, ndim):
    check_float(label, a=a)
    if a.ndim != ndim:
        raise invalid(label, 'a.ndim == %d' % ndim, '%d != %d (a.shape = %s)'
                      % (a.ndim, ndim, a.shape))
    if a.shape[-1] != a.shape[-2]:
        raise invalid(label, 'a.shape[-1] == a.shape[-2]', '%d != %d (a.shape = %s)'
                      % (a.shape[-1], a.shape[-2], a.shape))


def _linalg(xp, fn, a):
    """Applies ``xp.linalg.<fn>``, in float32 for float16 input."""
    work = a.astype(numpy.float32) if a.dtype == numpy.float16 else a
    return getattr(xp.linalg, fn)(work).astype(a.dtype, copy=False)


class Inv(FunctionNode):
    """Inverse of a square matrix."""

    label = 'Inv'
    ndim = 2

    def forward(self, inputs):
        a, = inputs
        _check_square(self.label, a, self.ndim)
        xp = backend.get_array_module(a)
        try:
            y = _linalg(xp, 'inv', a)
        except numpy.linalg.LinAlgError:
            raise ValueError('%s: input has singular matrices (a.shape = %s)'
                             % (self.label, a.shape))
        self.retain_outputs((0,))
        return force_array(y),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        # d(A^-1) = -A^-1 dA A^-1, so gA = -Y^T gY Y^T.
        return -matmul(matmul(y, grad_outputs[0], transa=True), y, transb=True),


class BatchInv(Inv):
    """Inverses of a batch of square matrices."""

    label = 'BatchInv'
    ndim = 3


class Det(FunctionNode):
    """Determinant of a square matrix."""

    label = 'det'
    ndim = 2
    inverse = Inv

    def forward(self, inputs):
        a, = inputs
        _check_square(self.label, a, self.ndim)
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        return force_array(_linalg(backend.get_array_module(a), 'det', a)),

    def backward(self, indexes, grad_outputs):
        a, = self.get_retained_inputs()
        y, = self.get_retained_outputs()
        # d det(A) = det(A) tr(A^-1 dA), so gA = gy det(A) A^-T.
        scale = reshape(grad_outputs[0] * y, y.shape + (1, 1))
        a_inv = self.inverse().apply((a,))[0]
        axes = tuple(range(a.ndim - 2)) + (a.ndim - 1, a.ndim - 2)
        return broadcast_to(scale, a.shape) * transpose(a_inv, axes),


class BatchDet(Det):
    """Determinants of a batch of square matrices."""

    ndim = 3
    inverse = BatchInv


def inv(a):
    """Inverse of a square matrix."""
    return Inv().apply((a,))[0]


def batch_inv(a):
    """Inverses of a batch of square matrices (shape ``(N, n, n)``)."""
    return BatchInv().apply((a,))[0]


def det(a):
    """Determinant of a square matrix (a 0-dim result)."""
    return Det().apply((a,))[0]


def batch_det(a):
    """Determinants of a batch of square matrices (shape ``(N, n, n)``, result ``(N,)``)."""
    return BatchDet().apply((a,))[0]
