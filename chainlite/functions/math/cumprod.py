"""``cumprod``: cumulative product along an axis (of the flattened input for ``axis=None``).

The gradient is exact with zeros in the input too (an O(n^2) path along the
axis is taken then; otherwise a reversed cumsum divided by the input).

>>> import numpy, chainlite.functions as F
>>> F.cumprod(numpy.array([1.0, 2.0, 3.0])).array.tolist()
[1.0, 2.0, 6.0]
"""
from chainlite import backend
from chainlite.functions.array.broadcast import broadcast_to
from chainlite.functions.array.moveaxis import moveaxis
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math._util import constant
from chainlite.functions.math.cumsum import Cumulative, reverse_cumsum
from chainlite.functions.math.sum import sum


class Cumprod(Cumulative):
    label = 'Cumprod'
    _op = 'cumprod'

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy, = grad_outputs
        if bool((x.array != 0).all()):
            y, = self.get_retained_outputs()
            return reverse_cumsum(gy * y, self.axis) / x,
        return _grad_with_zeros(x, gy, self.axis),


def _grad_with_zeros(x, gy, axis):
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


def cumprod(x, axis=None):
    """Cumulative product along ``axis`` (of the flattened input when None)."""
    return Cumprod.apply_along(x, axis)
