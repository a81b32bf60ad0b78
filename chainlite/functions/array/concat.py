import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis
from chainlite.utils import type_check


def check_same_shapes_except(name, arrays, axis):
    """Checks that ``arrays`` share dtype and shape, except the length of ``axis``
    (every length must match when ``axis`` is None)."""
    shapes = [tuple(a.shape) for a in arrays]
    dtypes = [a.dtype for a in arrays]

    def key(s):
        return (len(s),) + (s if axis is None else s[:axis] + s[axis + 1:])
    if any(key(s) != key(shapes[0]) for s in shapes) or any(d != dtypes[0] for d in dtypes):
        where = 'shape' if axis is None else 'shape except along axis %d' % axis
        raise type_check.InvalidType(
            'the same ndim, dtype and %s' % where, 'shapes %s, dtypes %s' % (shapes, dtypes),
            '%s: inputs must have the same ndim, dtype and %s; got shapes %s and dtypes %s'
            % (name, where, shapes, [str(d) for d in dtypes]))


class Concat(FunctionNode):
    """Concatenation along one axis; the gradient splits it back."""

    def __init__(self, axis):
        self.axis = axis

    def forward(self, xs):
        if not xs:
            raise ValueError('concat: needs at least one input')
        self.axis = normalize_axis('concat', self.axis, xs[0].ndim)
        check_same_shapes_except('concat', xs, self.axis)
        xp = backend.get_array_module(*xs)
        return xp.concatenate(xs, axis=self.axis),

    def backward(self, indexes, grad_outputs):
        from chainlite.functions.array.split_axis import SplitAxis  # imports this module
        ends = numpy.cumsum([x.shape[self.axis] for x in self.inputs])
        return SplitAxis(tuple(int(e) for e in ends[:-1]), self.axis).apply(grad_outputs)


def concat(xs, axis=1):
    """Concatenates variables along ``axis``.

    >>> import numpy, chainlite.functions as F
    >>> F.concat((numpy.zeros((2, 3)), numpy.ones((2, 1)))).shape
    (2, 4)
    """
    return Concat(axis).apply(tuple(xs))[0]
