"""Broadcasting: ``broadcast_to`` one shape, ``broadcast`` several inputs together.

>>> import numpy, chainlite.functions as F
>>> F.broadcast_to(numpy.arange(3.0), (2, 3)).shape
(2, 3)
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.utils import size_of_shape, type_check

_SMALL = 4096  # elements up to which a broadcast scalar is materialized


class BroadcastTo(FunctionNode):
    """Broadcasts one input to a shape."""

    backward_on_arrays = True

    def __init__(self, shape):
        self._shape = tuple(shape)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        try:
            if x.size == 1 and x.ndim <= len(self._shape) \
                    and size_of_shape(self._shape) <= _SMALL:
                y = xp.empty(self._shape, x.dtype)  # a small copy costs less than a view
                y[...] = x.reshape(())
                return y,
            return xp.broadcast_to(x, self._shape),
        except ValueError:
            raise type_check.InvalidType(
                'broadcastable to %s' % (self._shape,), 'x.shape = %s' % (x.shape,),
                'BroadcastTo: cannot broadcast an input of shape %s to shape %s'
                % (x.shape, self._shape))

    def backward(self, indexes, grad_outputs):
        from chainlite.functions.math.sum import SumTo
        gy, = grad_outputs
        shape = self.inputs[0].shape
        return gy if gy.shape == shape else forward_or_apply(SumTo(shape), (gy,)),


def broadcast_to(x, shape):
    """Broadcasts ``x`` to ``shape`` (as ``numpy.broadcast_to``)."""
    if getattr(x, 'shape', None) == tuple(shape):
        from chainlite.variable import as_variable
        return as_variable(x)
    return BroadcastTo(shape).apply((x,))[0]


def broadcast(*args):
    """Broadcasts the inputs to one common shape; returns one Variable or a tuple."""
    if not args:
        raise ValueError('broadcast: at least one input is needed')
    shapes = [a.shape for a in args]
    try:
        shape = numpy.broadcast_shapes(*shapes)
    except ValueError:
        raise type_check.InvalidType(
            'broadcastable shapes', ', '.join(str(s) for s in shapes),
            'broadcast: cannot broadcast inputs of shapes %s'
            % ', '.join(str(s) for s in shapes))
    outs = tuple(broadcast_to(a, shape) for a in args)
    return outs[0] if len(outs) == 1 else outs
