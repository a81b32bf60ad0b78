"""Matrix products: ``matmul`` (NumPy's broadcasting rules) and ``batch_matmul``.

>>> import numpy, chainlite.functions as F
>>> F.matmul(numpy.ones((2, 3)), numpy.ones((3, 4))).shape
(2, 4)
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.functions.array.reshape import Reshape
from chainlite.functions.math._util import check_float
from chainlite.functions.math.sum import SumTo
from chainlite.utils import type_check


def _swap(a):
    if a.ndim == 2:
        return a.T
    return a.swapaxes(-1, -2) if a.ndim > 2 else a


def _check_shapes(a, b):
    if a.ndim == 0 or b.ndim == 0:
        raise type_check.InvalidType('a.ndim >= 1 and b.ndim >= 1', 'a scalar',
                                     'MatMul: inputs must not be scalars (shapes %s, %s)'
                                     % (a.shape, b.shape))
    ka = a.shape[-1]
    kb = b.shape[-2] if b.ndim >= 2 else b.shape[0]
    if ka != kb:
        raise type_check.InvalidType(
            'a.shape[-1] == b.shape[-2]', '%d != %d' % (ka, kb),
            'Invalid operation is performed in: MatMul (Forward)\n\nExpect: a.shape[-1] == '
            'b.shape[-2]\nActual: %d != %d (a.shape = %s, b.shape = %s)'
            % (ka, kb, a.shape, b.shape))


class MatMul(FunctionNode):
    """``a @ b`` with optional transposes of the last two axes."""

    backward_on_arrays = True
    _input_indexes_to_retain = (0, 1)  # (as retain_inputs((0, 1)) in forward)

    def __init__(self, transa=False, transb=False):
        self.transa = transa
        self.transb = transb

    def forward(self, inputs):
        a, b = inputs
        check_float('MatMul', a=a)
        if a.dtype != b.dtype:
            raise type_check.InvalidType(
                'a.dtype == b.dtype', '%s != %s' % (a.dtype, b.dtype),
                'MatMul: dtypes differ: a.dtype = %s, b.dtype = %s' % (a.dtype, b.dtype))
        if self.transa:
            a = _swap(a)
        if self.transb:
            b = _swap(b)
        try:
            y = a @ b
        except ValueError:
            _check_shapes(a, b)  # raises InvalidType for the errors it knows
            raise
        if type(y) is not numpy.ndarray:  # 1-d @ 1-d gives a scalar
            y = backend.get_array_module(a).asarray(y)
        return y,

    def backward(self, indexes, grad_outputs):
        def reshape(x, shape):
            return forward_or_apply(Reshape(shape), (x,))

        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        # Lift 1-d operands (and the matching axes of gy) to matrices: one rule for all.
        a2 = a if a.ndim > 1 else reshape(a, (1,) + a.shape)
        b2 = b if b.ndim > 1 else reshape(b, b.shape + (1,))
        if a.ndim == 1 or b.ndim == 1:
            shape = gy.shape
            if b.ndim == 1:
                shape = shape + (1,)
            if a.ndim == 1:
                shape = shape[:-1] + (1,) + shape[-1:]
            gy = reshape(gy, shape)
        # (a 1-d operand is never transposed: its flag is a no-op in forward too)
        transa, transb = self.transa and a.ndim > 1, self.transb and b.ndim > 1
        ret = []
        for i in indexes:
            x, x2 = (a, a2) if i == 0 else (b, b2)
            g = _grad(i, a2, b2, gy, transa, transb)
            if g.shape != x2.shape:
                g = forward_or_apply(SumTo(x2.shape), (g,))  # undo broadcasting over batch axes
            if x2 is not x:
                g = reshape(g, x.shape)
            ret.append(g)
        return tuple(ret)


def _grad(i, a, b, gy, transa, transb):
    """The gradient of input ``i`` of ``MatMul(transa, transb)`` on matrices ``a``, ``b``."""
    if i == 0:
        if transa:
            return forward_or_apply(MatMul(transb, True), (b, gy))
        return forward_or_apply(MatMul(False, not transb), (gy, b))
    if transb:
        return forward_or_apply(MatMul(True, transa), (gy, a))
    return forward_or_apply(MatMul(not transa, False), (a, gy))


def matmul(a, b, transa=False, transb=False):
    """Matrix product of ``a`` and ``b`` (batched and broadcast as ``numpy.matmul``)."""
    return MatMul(transa, transb).apply((a, b))[0]


def batch_matmul(a, b, transa=False, transb=False):
    """Batched matrix product (Chainer's legacy name); 2-d inputs are taken as column vectors."""
    from chainlite.functions.array.reshape import reshape
    if a.ndim == 2:
        a = reshape(a, a.shape + (1,))
    if b.ndim == 2:
        b = reshape(b, b.shape + (1,))
    return matmul(a, b, transa, transb)
