from chainlite import backend
from chainlite.function_node import FunctionNode


class Copy(FunctionNode):
    """Copies an array to a device; the gradient is copied back to the input's device."""

    def __init__(self, dst):
        self.dst = backend.get_device(dst)

    def forward(self, inputs):
        x, = inputs
        self.src = backend.get_device_from_array(x)
        y = self.dst.send(x)
        return (x.copy() if y is x else y),

    def backward(self, indexes, grad_outputs):
        return Copy(self.src).apply(grad_outputs)


def copy(x, dst):
    """Copies ``x`` to the device ``dst`` (a device specifier such as ``'@numpy'``,
    ``'@cupy:0'``, ``-1`` for the CPU or a GPU id).

    >>> import numpy, chainlite.functions as F
    >>> F.copy(numpy.zeros(2), '@numpy').shape
    (2,)
    """
    return Copy(dst).apply((x,))[0]
