import numpy

from chainlite.function_node import FunctionNode


class Cast(FunctionNode):
    """Changes the dtype; the gradient is cast back to the input's dtype."""

    def __init__(self, typ):
        self.type = numpy.dtype(typ)

    def forward(self, inputs):
        x, = inputs
        self.in_type = x.dtype
        return x.astype(self.type, copy=False),

    def backward(self, indexes, grad_outputs):
        return Cast(self.in_type).apply(grad_outputs)


def cast(x, typ):
    """Casts ``x`` to dtype ``typ``.

    >>> import numpy, chainlite.functions as F
    >>> F.cast(numpy.zeros(2, numpy.float32), numpy.float64).dtype
    dtype('float64')
    """
    return Cast(typ).apply((x,))[0]
