import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.flatten import flatten


class Repeat(FunctionNode):
    """``numpy.repeat`` along one axis; the gradient sums each element's copies."""

    def __init__(self, repeats, axis):
        self.repeats = repeats  # an int or a tuple of ints (one per element along axis)
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        n = x.shape[self.axis]
        if isinstance(self.repeats, tuple) and len(self.repeats) != n:
            raise ValueError('repeat: %d repeats given for axis %d of length %d (shape %s)'
                             % (len(self.repeats), self.axis, n, x.shape))
        return xp.repeat(x, self.repeats, axis=self.axis),

    def backward(self, indexes, grad_outputs):
        return RepeatGrad(self.repeats, self.axis, self.inputs[0].shape).apply(grad_outputs)


class RepeatGrad(FunctionNode):
    """The adjoint of :class:`Repeat` (segment sums along the axis)."""

    def __init__(self, repeats, axis, shape):
        self.repeats = repeats
        self.axis = axis
        self.shape = shape

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        axis, repeats, shape = self.axis, self.repeats, self.shape
        if isinstance(repeats, int):
            split = shape[:axis] + (shape[axis], repeats) + shape[axis + 1:]
            return gy.reshape(split).sum(axis=axis + 1),
        owner = xp.asarray(numpy.repeat(numpy.arange(shape[axis]), repeats))
        gx = xp.zeros(shape, gy.dtype)
        xp.add.at(xp.moveaxis(gx, axis, 0), owner, xp.moveaxis(gy, axis, 0))
        return gx,

    def backward(self, indexes, grad_outputs):
        return Repeat(self.repeats, self.axis).apply(grad_outputs)


def repeat(x, repeats, axis=None):
    """Repeats each element ``repeats`` times along ``axis`` (``numpy.repeat``).

    ``repeats`` is an int or a tuple with one count per element; with
    ``axis=None`` the flattened array is repeated.

    >>> import numpy, chainlite.functions as F
    >>> F.repeat(numpy.array([1.0, 2.0]), (1, 2)).array
    array([1., 2., 2.])
    """
    if isinstance(repeats, (int, numpy.integer)) and not isinstance(repeats, bool):
        repeats = int(repeats)
    elif isinstance(repeats, (tuple, list)) and all(
            isinstance(r, (int, numpy.integer)) and not isinstance(r, bool) for r in repeats):
        repeats = tuple(int(r) for r in repeats)
        if len(repeats) == 1:
            repeats = repeats[0]
    else:
        raise TypeError('repeat: repeats must be an int or a tuple of ints, got %r' % (repeats,))
    if min(repeats if isinstance(repeats, tuple) else (repeats,), default=0) < 0:
        raise ValueError('repeat: every repeat count must be zero or larger, got %r'
                         % (repeats,))
    if axis is None:
        x, axis = flatten(x), 0
    else:
        axis = normalize_axis('repeat', axis, len(x.shape))
    return Repeat(repeats, axis).apply((x,))[0]
