import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.broadcast import broadcast_to


class Where(FunctionNode):
    """Elementwise choice between two same-shaped arrays by a fixed boolean mask."""

    def __init__(self, condition):
        self.condition = condition

    def forward(self, inputs):
        x, y = inputs
        xp = backend.get_array_module(x, y)
        return xp.where(self.condition, x, y),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        xp = backend.get_array_module(gy)
        zeros = xp.zeros(gy.shape, gy.dtype)
        c = self.condition
        return Where(c).apply((gy, zeros))[0], Where(c).apply((zeros, gy))[0]


def where(condition, x, y):
    """Chooses elements from ``x`` where ``condition`` holds, else from ``y``.

    ``condition`` is a boolean array (or Variable); the three are broadcast
    together; ``x`` and ``y`` must share a dtype.

    >>> import numpy, chainlite.functions as F
    >>> F.where(numpy.array([True, False]), numpy.zeros(2), numpy.ones(2)).array
    array([0., 1.])
    """
    c = getattr(condition, 'array', condition)
    if getattr(c, 'dtype', None) != bool:
        raise TypeError('where: condition must be a boolean array, got %r'
                        % getattr(c, 'dtype', type(c).__name__))
    for name, v in (('x', x), ('y', y)):
        if not hasattr(v, 'dtype'):
            raise TypeError('where: %s must be an array or Variable, got %s'
                            % (name, type(v).__name__))
    if x.dtype != y.dtype:
        raise TypeError('where: x and y must have the same dtype; got %s and %s'
                        % (x.dtype, y.dtype))
    shapes = (tuple(c.shape), tuple(x.shape), tuple(y.shape))
    try:
        shape = numpy.broadcast_shapes(*shapes)
    except ValueError:
        raise ValueError('where: condition, x and y shapes %s cannot be broadcast together'
                         % (shapes,)) from None
    xp = backend.get_array_module(c, x, y)
    c = xp.broadcast_to(c, shape)
    if tuple(x.shape) != shape:
        x = broadcast_to(x, shape)
    if tuple(y.shape) != shape:
        y = broadcast_to(y, shape)
    return Where(c).apply((x, y))[0]
