"""``minimum``: elementwise minimum of two inputs (broadcast as NumPy).

On ties the gradient goes to ``x1``, as in Chainer.

>>> import numpy, chainlite.functions as F
>>> F.minimum(numpy.array([1.0, 5.0]), numpy.array([3.0, 2.0])).array.tolist()
[1.0, 2.0]
"""
from chainlite.functions.math._elementwise import BinaryFunction
from chainlite.functions.math._util import constant


class Minimum(BinaryFunction):
    label = 'Minimum'

    def compute(self, xp, x1, x2):
        return xp.minimum(x1, x2)

    def grad(self, x1, x2, gy):
        m = constant((x1.array <= x2.array).astype(gy.dtype))
        return gy * m, gy * (1.0 - m)


def minimum(x1, x2):
    """Elementwise minimum of two float inputs of one dtype."""
    return Minimum().apply((x1, x2))[0]
