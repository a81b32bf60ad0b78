import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.concat import Concat
from chainlite.utils import type_check


class SplitAxis(FunctionNode):
    """Splits an array along one axis; the gradient concatenates the pieces' gradients."""

    def __init__(self, indices_or_sections, axis):
        self.indices_or_sections = indices_or_sections
        self.axis = axis

    def _indices(self, n):
        ios = self.indices_or_sections
        if isinstance(ios, (int, numpy.integer)) and not isinstance(ios, bool):
            if ios <= 0 or n % ios:
                raise type_check.InvalidType(
                    'x.shape[%d] %% sections == 0' % self.axis, '%d %% %d' % (n, ios),
                    'split_axis: the length %d along axis %d cannot be split into %d equal '
                    'sections' % (n, self.axis, ios))
            return tuple(range(n // ios, n, n // ios))
        indices = tuple(int(i) + n if i < 0 else int(i) for i in ios)
        if any(i < 0 or i > n for i in indices) or list(indices) != sorted(indices):
            raise type_check.InvalidType(
                'indices within [-%d, %d]' % (n, n), str(tuple(ios)),
                'split_axis: indices %s must be non-decreasing and within [-%d, %d] (the '
                'length of axis %d)' % (tuple(ios), n, n, self.axis))
        return indices

    def forward(self, inputs):
        x, = inputs
        self.axis = normalize_axis('split_axis', self.axis, x.ndim)
        xp = backend.get_array_module(x)
        return tuple(xp.split(x, self._indices(x.shape[self.axis]), self.axis))

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0]
        xp = backend.get_array_module(*[g for g in grad_outputs if g is not None])
        bounds = (0,) + self._indices(x.shape[self.axis]) + (x.shape[self.axis],)
        gys = []
        for g, lo, hi in zip(grad_outputs, bounds[:-1], bounds[1:]):
            if g is None:
                shape = list(x.shape)
                shape[self.axis] = hi - lo
                g = xp.zeros(shape, dtype=x.dtype)
            gys.append(g)
        return Concat(self.axis).apply(gys)


def split_axis(x, indices_or_sections, axis, force_tuple=True):
    """Splits ``x`` along ``axis`` into equal sections or at the given indices.

    Returns a tuple of variables (a single variable if there is only one piece
    and ``force_tuple`` is False).

    >>> import numpy, chainlite.functions as F
    >>> [y.shape for y in F.split_axis(numpy.zeros((2, 6)), [1, 4], axis=1)]
    [(2, 1), (2, 3), (2, 2)]
    """
    ys = SplitAxis(indices_or_sections, axis).apply((x,))
    if len(ys) == 1 and not force_tuple:
        return ys[0]
    return ys
