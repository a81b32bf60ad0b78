"""Determinants: ``det`` and ``batch_det``.

float16 inputs are computed in float32 and cast back. A singular matrix has
determinant 0; its gradient (which needs the inverse) then raises ValueError.

>>> import numpy, chainlite.functions as F
>>> round(float(F.det(numpy.array([[2.0, 0.0], [0.0, 4.0]])).array), 6)
8.0
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.broadcast import broadcast_to
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math._util import check_square, linalg
from chainlite.functions.math.inv import BatchInv, Inv
from chainlite.utils import force_array


class Det(FunctionNode):
    """Determinant of a square matrix."""

    label = 'det'
    ndim = 2
    inverse = Inv

    def forward(self, inputs):
        a, = inputs
        check_square(self.label, a, self.ndim)
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        return force_array(linalg(backend.get_array_module(a), 'det', a)),

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


def det(a):
    """Determinant of a square matrix (a 0-dim result)."""
    return Det().apply((a,))[0]


def batch_det(a):
    """Determinants of a batch of square matrices (shape ``(N, n, n)``, result ``(N,)``)."""
    return BatchDet().apply((a,))[0]
