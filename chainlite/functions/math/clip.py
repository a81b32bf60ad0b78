"""``clip``: limits values to ``[x_min, x_max]``.

The gradient passes where ``x_min <= x <= x_max`` (the bounds included) and
is zero outside, as in Chainer.

>>> import numpy, chainlite.functions as F
>>> F.clip(numpy.array([-1.0, 0.5, 2.0]), 0.0, 1.0).array.tolist()
[0.0, 0.5, 1.0]
"""
import numbers

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_float, constant
from chainlite.utils import force_array


class Clip(FunctionNode):
    label = 'Clip'

    def __init__(self, x_min, x_max):
        for name, v in (('x_min', x_min), ('x_max', x_max)):
            if v is not None and (not isinstance(v, numbers.Real) or isinstance(v, bool)):
                raise TypeError('clip: %s must be a real scalar or None, got %r' % (name, v))
        if x_min is None and x_max is None:
            raise ValueError('clip: must set either x_min or x_max')
        if x_min is not None and x_max is not None and x_min >= x_max:
            raise ValueError('clip: x_min must be less than x_max (x_min = %r, x_max = %r)'
                             % (x_min, x_max))
        self.x_min = x_min
        self.x_max = x_max

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        self.retain_inputs((0,))
        xp = backend.get_array_module(x)
        return force_array(xp.clip(x, self.x_min, self.x_max), x.dtype),

    def backward(self, indexes, grad_outputs):
        x = self.get_retained_inputs()[0].array
        inside = x == x  # all True, except for nan
        if self.x_min is not None:
            inside &= x >= self.x_min
        if self.x_max is not None:
            inside &= x <= self.x_max
        return grad_outputs[0] * constant(inside.astype(x.dtype)),


def clip(x, x_min, x_max):
    """Elementwise clipping to ``[x_min, x_max]`` (either bound may be None)."""
    return Clip(x_min, x_max).apply((x,))[0]
