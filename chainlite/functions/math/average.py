"""Means: ``mean`` and ``average`` (optionally weighted).

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
>>> F.mean(x, axis=1).array.tolist()
[2.0, 5.0]
>>> F.average(x, axis=1, weights=numpy.array([1.0, 0.0, 1.0])).array.tolist()
[2.0, 5.0]
"""
import numpy

from chainlite.function_node import FunctionNode
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math._util import check_float, check_same_dtype, invalid
from chainlite.functions.math.sum import Sum, _normalize_axis, sum
from chainlite.utils import force_array
from chainlite.variable import as_variable


def _broadcasts_to(shape, target):
    try:
        return numpy.broadcast_shapes(shape, target) == target
    except ValueError:
        return False


class _DivideByCount(FunctionNode):
    """``y = x / n`` for the count ``n`` of a mean; its gradient is ``gy * (1 / n)``
    (Chainer rounds both so, and so does this)."""

    backward_on_arrays = True

    def __init__(self, n):
        self.n = n

    def forward(self, inputs):
        return force_array(inputs[0] / self.n),

    def backward(self, indexes, grad_outputs):
        return grad_outputs[0] * (1.0 / self.n),


class Mean(Sum):
    """The mean over axes, as ``ndarray.mean`` computes it (float16 summed in float32,
    as in Chainer); its gradient is ``gy * (1 / n)`` broadcast back (Chainer rounds so)."""

    def forward(self, inputs):
        x, = inputs
        y = force_array(x.mean(axis=self.axis, keepdims=self.keepdims))
        self.n = x.size // y.size
        return y,

    def backward(self, indexes, grad_outputs):
        return super().backward(indexes, (grad_outputs[0] * (1.0 / self.n),))


def average(x, axis=None, weights=None, keepdims=False):
    """Mean of ``x`` over ``axis`` (None, an int, or a tuple of ints without weights).

    With ``weights``, returns ``sum(x * w, axis) / sum(w)``: for an int ``axis``
    the weights hold one value per position along it; for ``axis=None`` they
    broadcast against ``x``.
    """
    check_float('Mean', x=x)
    axes = _normalize_axis(axis, x.ndim, 'Mean')
    if weights is None:
        if not x.size:
            return sum(x, axis=axes, keepdims=keepdims) * numpy.nan
        return Mean(axes, keepdims).apply((x,))[0]
    check_float('Mean', weights=weights)
    check_same_dtype('average', x=x, weights=weights)
    if isinstance(axis, tuple):
        raise ValueError('average: tuple axis is not supported when weights is given '
                         '(axis = %r)' % (axis,))
    x = as_variable(x)
    if axes is not None:
        n = x.shape[axes[0]]
        if weights.size != n:
            raise invalid('average', 'weights.size == x.shape[axis]',
                          '%d != %d (weights.shape = %s, x.shape = %s, axis = %d)'
                          % (weights.size, n, weights.shape, x.shape, axis))
        shape = tuple(n if i == axes[0] else 1 for i in range(x.ndim))
        weights = reshape(weights, shape)
    elif not _broadcasts_to(weights.shape, x.shape):
        raise invalid('average', 'weights broadcastable to x',
                      'weights.shape = %s, x.shape = %s' % (weights.shape, x.shape))
    return sum(x * weights, axis=axes, keepdims=keepdims) / sum(weights)


def mean(x, axis=None, weights=None, keepdims=False):
    """Mean over ``axis``; the same function as ``average``."""
    return average(x, axis=axis, weights=weights, keepdims=keepdims)
