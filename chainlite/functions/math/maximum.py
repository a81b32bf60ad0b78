"""``maximum``: elementwise maximum of two inputs (broadcast as NumPy).

On ties the gradient goes to ``x1``, as in Chainer.

>>> import numpy, chainlite.functions as F
>>> F.maximum(numpy.array([1.0, 5.0]), numpy.array([3.0, 2.0])).array.tolist()
[3.0, 5.0]
"""
from chainlite.functions.math._elementwise import BinaryFunction
from chainlite.functions.math._util import constant


class Maximum(BinaryFunction):
    label = 'Maximum'

    def compute(self, xp, x1, x2):
        return xp.maximum(x1, x2)

    def grad(self, x1, x2, gy):
        m = constant((x1.array >= x2.array).astype(gy.dtype))
        return gy * m, gy * (1.0 - m)


def maximum(x1, x2):
    """Elementwise maximum of two float inputs of one dtype."""
    return Maximum().apply((x1, x2))[0]
