"""Piecewise-constant functions: ``floor``, ``ceil``, ``fix`` and ``sign`` (no gradient).

Like Chainer, they accept integer inputs too (returned unchanged in dtype)
and backpropagate nothing (the inputs' gradients stay None).

>>> import numpy, chainlite.functions as F
>>> F.fix(numpy.array([1.5, -2.5])).array.tolist()
[1.0, -2.0]
>>> F.sign(numpy.array([-3.0, 0.0, 2.0])).array.tolist()
[-1.0, 0.0, 1.0]
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import force_array


class _Rounding(FunctionNode):
    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        if x.dtype.kind in 'iub' and self.label != 'sign':
            return x.copy(),
        return force_array(getattr(xp, self.label)(x), x.dtype),

    def backward(self, indexes, grad_outputs):
        return None,


class Floor(_Rounding):
    label = 'floor'


class Ceil(_Rounding):
    label = 'ceil'


class Fix(_Rounding):
    label = 'fix'


class Sign(_Rounding):
    label = 'sign'


def floor(x):
    """Elementwise floor."""
    return Floor().apply((x,))[0]


def ceil(x):
    """Elementwise ceiling."""
    return Ceil().apply((x,))[0]


def fix(x):
    """Elementwise rounding toward zero."""
    return Fix().apply((x,))[0]


def sign(x):
    """Elementwise sign: -1, 0 or 1."""
    return Sign().apply((x,))[0]
