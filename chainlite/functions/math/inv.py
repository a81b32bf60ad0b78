"""Matrix inverses: ``inv`` and ``batch_inv``.

float16 inputs are computed in float32 and cast back. A singular matrix
raises ValueError.

>>> import numpy, chainlite.functions as F
>>> a = numpy.array([[2.0, 0.0], [0.0, 4.0]])
>>> F.inv(a).array.tolist()
[[0.5, 0.0], [0.0, 0.25]]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_square, linalg
from chainlite.functions.math.matmul import matmul
from chainlite.utils import force_array


class Inv(FunctionNode):
    """Inverse of a square matrix."""

    label = 'Inv'
    ndim = 2

    def forward(self, inputs):
        a, = inputs
        check_square(self.label, a, self.ndim)
        xp = backend.get_array_module(a)
        try:
            y = linalg(xp, 'inv', a)
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


def inv(a):
    """Inverse of a square matrix."""
    return Inv().apply((a,))[0]


def batch_inv(a):
    """Inverses of a batch of square matrices (shape ``(N, n, n)``)."""
    return BatchInv().apply((a,))[0]
