"""``cumsum``: cumulative sum along an axis (of the flattened input for ``axis=None``).

>>> import numpy, chainlite.functions as F
>>> F.cumsum(numpy.array([[1.0, 2.0], [3.0, 4.0]]), axis=1).array.tolist()
[[1.0, 3.0], [3.0, 7.0]]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.flip import flip
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math._util import check_float, invalid


class Cumulative(FunctionNode):
    """The base of ``Cumsum`` and ``Cumprod``: ``xp.<_op>`` along one axis."""

    def __init__(self, axis):
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        if not -x.ndim <= self.axis < x.ndim:
            raise invalid(self.label, '-x.ndim <= axis < x.ndim',
                          'axis = %d, x.shape = %s' % (self.axis, x.shape))
        self.axis %= x.ndim
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        xp = backend.get_array_module(x)
        return getattr(xp, self._op)(x, axis=self.axis),

    @classmethod
    def apply_along(cls, x, axis):
        """Applies the node along ``axis`` (an int, or None for the flattened input)."""
        if axis is None:
            x = reshape(x, (x.size,))
            axis = 0
        elif not isinstance(axis, (int, numpy.integer)) or isinstance(axis, bool):
            raise TypeError('%s: axis must be an int or None, got %r' % (cls.label, axis))
        return cls(int(axis)).apply((x,))[0]


class Cumsum(Cumulative):
    label = 'Cumsum'
    _op = 'cumsum'

    def backward(self, indexes, grad_outputs):
        return reverse_cumsum(grad_outputs[0], self.axis),


def reverse_cumsum(v, axis):
    """``v[::-1].cumsum()[::-1]`` along ``axis`` (the adjoint of cumsum)."""
    return flip(cumsum(flip(v, axis), axis), axis)


def cumsum(x, axis=None):
    """Cumulative sum along ``axis`` (of the flattened input when None)."""
    return Cumsum.apply_along(x, axis)
