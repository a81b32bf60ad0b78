"""``cholesky``: the lower-triangular factor ``L`` of a symmetric positive-definite ``a = L L^T``.

The gradient is symmetric (the input is taken to be symmetric), as in Chainer.

>>> import numpy, chainlite.functions as F
>>> F.cholesky(numpy.array([[4.0, 2.0], [2.0, 3.0]])).array.round(4).tolist()
[[2.0, 0.0], [1.0, 1.4142]]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_square, constant, linalg
from chainlite.functions.math.inv import inv
from chainlite.functions.math.matmul import matmul
from chainlite.utils import force_array


class Cholesky(FunctionNode):
    label = 'cholesky'

    def forward(self, inputs):
        a, = inputs
        check_square(self.label, a, 2)
        xp = backend.get_array_module(a)
        try:
            y = linalg(xp, 'cholesky', a)
        except numpy.linalg.LinAlgError as e:
            raise numpy.linalg.LinAlgError('cholesky: %s (a.shape = %s)' % (e, a.shape))
        self.retain_outputs((0,))
        return force_array(y),

    def backward(self, indexes, grad_outputs):
        # gA = sym(L^-T Phi(L^T gL) L^-1) / 2, where Phi keeps the lower triangle and
        # halves the diagonal (Murray, 2016, "Differentiation of the Cholesky decomposition").
        y, = self.get_retained_outputs()
        xp = backend.get_array_module(y.array)
        n = y.shape[0]
        phi = constant(xp.tril(xp.ones((n, n), y.dtype)) - 0.5 * xp.eye(n, dtype=y.dtype))
        y_inv = inv(y)
        s = matmul(matmul(y_inv, matmul(y, grad_outputs[0], transa=True) * phi, transa=True),
                   y_inv)
        return (s + s.T) * 0.5,


def cholesky(a):
    """Cholesky factor (lower triangular) of a symmetric positive-definite matrix."""
    return Cholesky().apply((a,))[0]
