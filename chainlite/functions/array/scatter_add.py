from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.get_item import get_item


class ScatterAdd(FunctionNode):
    """``y = a; y[slices] += b`` with repeated indices accumulating."""

    def __init__(self, slices):
        self.slices = slices

    def forward(self, inputs):
        a, b = inputs
        if a.dtype != b.dtype:
            raise TypeError('scatter_add: a and b must share a dtype; got %s and %s'
                            % (a.dtype, b.dtype))
        target = a[self.slices].shape
        if b.shape != target:
            raise ValueError('scatter_add: b of shape %s does not match a[slices] of shape %s '
                             '(a has shape %s)' % (b.shape, target, a.shape))
        xp = backend.get_array_module(a, b)
        y = a.copy()
        xp.add.at(y, self.slices, b)
        return y,

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return gy, get_item(gy, self.slices)


def scatter_add(a, slices, b):
    """Returns a copy of ``a`` with ``b`` added at ``a[slices]``; repeated indices accumulate.

    >>> import numpy, chainlite.functions as F
    >>> F.scatter_add(numpy.zeros(3), numpy.array([0, 0, 2]), numpy.ones(3)).array
    array([2., 0., 1.])
    """
    return ScatterAdd(slices).apply((a, b))[0]
