from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.stack import Stack
from chainlite.utils import force_array


class Separate(FunctionNode):
    """Splits an array into its slices along one axis; the gradient stacks them."""

    def __init__(self, axis):
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        if x.ndim == 0:
            raise ValueError('separate: cannot separate a 0-dimensional array')
        self.axis = normalize_axis('separate', self.axis, x.ndim)
        head = (slice(None),) * self.axis
        return tuple(force_array(x[head + (i,)]) for i in range(x.shape[self.axis]))

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0]
        shape = x.shape[:self.axis] + x.shape[self.axis + 1:]
        xp = backend.get_array_module(*[g for g in grad_outputs if g is not None])
        gys = [xp.zeros(shape, x.dtype) if g is None else g for g in grad_outputs]
        return Stack(self.axis).apply(gys)


def separate(x, axis=0):
    """Splits ``x`` along ``axis`` into a tuple of variables with that axis removed.

    >>> import numpy, chainlite.functions as F
    >>> [y.shape for y in F.separate(numpy.zeros((2, 3)), axis=1)]
    [(2,), (2,), (2,)]
    """
    return Separate(axis).apply((x,))
