"""Reductions to extremes: ``max``, ``min`` and the indexes ``argmax``, ``argmin``.

The gradient of ``max``/``min`` goes to every element equal to the extreme
(ties each get the full gradient, as in Chainer). ``argmax``/``argmin``
return int32 and take no gradient.

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[1.0, 3.0], [4.0, 2.0]])
>>> F.max(x, axis=1).array.tolist()
[3.0, 4.0]
>>> F.argmin(x, axis=0).array.tolist()
[0, 1]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import (
    broadcast_reduced, check_float, constant, invalid, reduced_shape)
from chainlite.functions.math.sum import _normalize_axis
from chainlite.utils import force_array


class _Extreme(FunctionNode):
    def __init__(self, axis=None, keepdims=False):
        self.axis = axis
        self.keepdims = keepdims

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        self.axis = _normalize_axis(self.axis, x.ndim, self.label)
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        return force_array(getattr(x, self._op)(axis=self.axis, keepdims=self.keepdims)),

    def backward(self, indexes, grad_outputs):
        x = self.get_retained_inputs()[0].array
        y = self.output_data[0]
        if not self.keepdims:
            y = y.reshape(reduced_shape(x.shape, self.axis))
        mask = constant((x == y).astype(x.dtype))
        return broadcast_reduced(grad_outputs[0], self.axis, self.keepdims, x.shape) * mask,


class Max(_Extreme):
    label = 'Max'
    _op = 'max'


class Min(_Extreme):
    label = 'Min'
    _op = 'min'


class _ArgExtreme(FunctionNode):
    def __init__(self, axis=None):
        if axis is not None and (not isinstance(axis, (int, numpy.integer))
                                 or isinstance(axis, bool)):
            raise TypeError('%s: axis must be None or an int, got %r' % (self.label, axis))
        self.axis = axis

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        if self.axis is not None and not -x.ndim <= self.axis < x.ndim:
            raise invalid(self.label, '-x.ndim <= axis < x.ndim',
                          'axis = %d, x.shape = %s' % (self.axis, x.shape))
        xp = backend.get_array_module(x)
        return xp.asarray(getattr(xp, self._op)(x, axis=self.axis), dtype=numpy.int32),

    def backward(self, indexes, grad_outputs):
        return None,


class ArgMax(_ArgExtreme):
    label = 'ArgMax'
    _op = 'argmax'


class ArgMin(_ArgExtreme):
    label = 'ArgMin'
    _op = 'argmin'


def max(x, axis=None, keepdims=False):
    """Maximum over ``axis`` (None, an int or a tuple of ints)."""
    return Max(axis, keepdims).apply((x,))[0]


def min(x, axis=None, keepdims=False):
    """Minimum over ``axis`` (None, an int or a tuple of ints)."""
    return Min(axis, keepdims).apply((x,))[0]


def argmax(x, axis=None):
    """Index (int32) of the maximum over the flattened input or along ``axis``."""
    return ArgMax(axis).apply((x,))[0]


def argmin(x, axis=None):
    """Index (int32) of the minimum over the flattened input or along ``axis``."""
    return ArgMin(axis).apply((x,))[0]
