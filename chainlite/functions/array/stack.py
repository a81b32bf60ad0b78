from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.concat import check_same_shapes_except


class Stack(FunctionNode):
    """Joins equally shaped arrays along a new axis; the gradient separates them."""

    def __init__(self, axis):
        self.axis = axis

    def forward(self, xs):
        if not xs:
            raise ValueError('stack: needs at least one input')
        self.axis = normalize_axis('stack', self.axis, xs[0].ndim + 1)
        check_same_shapes_except('stack', xs, None)
        xp = backend.get_array_module(*xs)
        return xp.stack(xs, axis=self.axis),

    def backward(self, indexes, grad_outputs):
        from chainlite.functions.array.separate import Separate  # imports this module
        return Separate(self.axis).apply(grad_outputs)


def stack(xs, axis=0):
    """Stacks variables of one shape along a new axis.

    >>> import numpy, chainlite.functions as F
    >>> F.stack((numpy.zeros((2, 3)), numpy.ones((2, 3))), axis=1).shape
    (2, 2, 3)
    """
    return Stack(axis).apply(tuple(xs))[0]
