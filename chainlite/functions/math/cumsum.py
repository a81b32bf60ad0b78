"""Cumulative sums and products along an axis: ``cumsum`` and ``cumprod``.

``axis=None`` works on the flattened input. ``cumprod``'s gradient is exact
with zeros in the input too (an O(n^2) path along the axis is taken then).

>>> import numpy, chainlite.functions as F
>>> F.cumsum(numpy.array([[1.0, 2.0], [3.0, 4.0]]), axis=1).array.tolist()
[[1.0, 3.0], [3.0, 7.0]]
>>> F.cumprod(numpy.array([1.0, 2.0, 3.0])).array.tolist()
[1.0, 2.0, 6.0]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.broadcast import broadcast_to
from chainlite.functions.array.flip import flip
from chainlite.functions.array.moveaxis import moveaxis
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math._util import check_float, constant, invalid
from chainlite.functions.math.sum import sum


class _Cumulative(FunctionNode):
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


class Cumsum(_Cumulative):
    label = 'Cumsum'
    _op = 'cumsum'

    def backward(self, indexes, grad_outputs):
        return _reverse_cumsum(grad_outputs[0], self.axis),


class Cumprod(_Cumulative):
    label = 'Cumprod'
    _op = 'cumprod'

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy, = grad_outputs
        if bool((x.array != 0).all()):
            y, = self.get_retained_outputs()
            return _reverse_cumsum(gy * y, self.axis) / x,
        return _cumprod_grad_with_zeros(x, gy, self.axis),


def _reverse_cumsum(v, axis):
    return flip(cumsum(flip(v, axis), axis), axis)


def _cumprod_grad_with_zeros(x, gy, axis):
    # gx_i = sum_{j >= i} gy_j * prod_{k <= j, k != i} x_k: row i of a cumprod in
    # which x_i is replaced by 1, masked to j >= i.
    xp = backend.get_array_module(x.array)
    x = moveaxis(x, axis, -1)
    gy = moveaxis(gy, axis, -1)
    n = x.shape[-1]
    rows = broadcast_to(reshape(x, x.shape[:-1] + (1, n)), x.shape[:-1] + (n, n))
    eye = constant(xp.eye(n, dtype=x.dtype))
    products = cumprod(rows * (1.0 - eye) + eye, axis=-1)
    upper = constant(xp.triu(xp.ones((n, n), dtype=x.dtype)))
    gy = reshape(gy, gy.shape[:-1] + (1, n))
    return moveaxis(sum(products * upper * gy, axis=-1), -1, axis)


def _apply(node_class, x, axis):
    if axis is None:
        x = reshape(x, (x.size,))
        axis = 0
    elif not isinstance(axis, (int, numpy.integer)) or isinstance(axis, bool):
        raise TypeError('%s: axis must be an int or None, got %r' % (node_class.label, axis))
    return node_class(int(axis)).apply((x,))[0]


def cumsum(x, axis=None):
    """Cumulative sum along ``axis`` (of the flattened input when None)."""
    return _apply(Cumsum, x, axis)


def cumprod(x, axis=None):
    """Cumulative product along ``axis`` (of the flattened input when None)."""
    return _apply(Cumprod, x, axis)
