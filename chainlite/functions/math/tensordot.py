"""``tensordot``: sums products over chosen axes of two tensors (``numpy.tensordot``).

>>> import numpy, chainlite.functions as F
>>> F.tensordot(numpy.ones((2, 3, 4)), numpy.ones((3, 4, 5))).shape
(2, 5)
>>> F.tensordot(numpy.ones((2, 3)), numpy.ones((4, 3)), axes=([1], [1])).shape
(2, 4)
"""
import numbers

import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math._util import check_float, check_same_dtype, invalid
from chainlite.utils import force_array


def _normalize_axes(axes, a_ndim, b_ndim):
    if isinstance(axes, numbers.Integral):
        if not 0 <= axes <= min(a_ndim, b_ndim):
            raise ValueError('tensordot: axes = %d out of range for ndims %d and %d'
                             % (axes, a_ndim, b_ndim))
        return tuple(range(a_ndim - axes, a_ndim)), tuple(range(axes))
    try:
        a_axes, b_axes = axes
    except (TypeError, ValueError):
        raise ValueError('tensordot: axes must be an int or a pair of axis sequences, got %r'
                         % (axes,))
    if isinstance(a_axes, numbers.Integral):
        a_axes = (a_axes,)
    if isinstance(b_axes, numbers.Integral):
        b_axes = (b_axes,)
    if len(a_axes) != len(b_axes):
        raise ValueError('tensordot: axes %r pair %d axes of a with %d of b'
                         % (axes, len(a_axes), len(b_axes)))
    for ax, ndim in ((a_axes, a_ndim), (b_axes, b_ndim)):
        if any(not -ndim <= i < ndim for i in ax):
            raise ValueError('tensordot: axes %r out of range for ndims %d and %d'
                             % (axes, a_ndim, b_ndim))
    return tuple(i % a_ndim for i in a_axes), tuple(i % b_ndim for i in b_axes)


class TensorDot(FunctionNode):
    label = 'tensordot'

    def __init__(self, axes):
        self.axes = axes

    def forward(self, inputs):
        a, b = inputs
        check_float(self.label, a=a, b=b)
        check_same_dtype(self.label, a=a, b=b)
        a_axes, b_axes = self.axes = _normalize_axes(self.axes, a.ndim, b.ndim)
        if tuple(a.shape[i] for i in a_axes) != tuple(b.shape[i] for i in b_axes):
            raise invalid(self.label, 'a.shape[a_axes] == b.shape[b_axes]',
                          'a.shape = %s, b.shape = %s, axes = %s' % (a.shape, b.shape, self.axes))
        self.retain_inputs((0, 1))
        xp = backend.get_array_module(a)
        return force_array(xp.tensordot(a, b, axes=self.axes), a.dtype),

    def backward(self, indexes, grad_outputs):
        a, b = self.get_retained_inputs()
        gy, = grad_outputs
        a_axes, b_axes = self.axes
        a_free = [i for i in range(a.ndim) if i not in a_axes]
        b_free = [i for i in range(b.ndim) if i not in b_axes]
        n_a = len(a_free)
        ret = []
        for i in indexes:
            if i == 0:
                # Result axes: a_free, then b's summed axes in order (each paired with an a axis).
                g = tensordot(gy, b, (tuple(range(n_a, gy.ndim)), tuple(b_free)))
                order = a_free + [a_axes[b_axes.index(j)] for j in sorted(b_axes)]
            else:
                # Result axes: a's summed axes in order (paired with b axes), then b_free.
                g = tensordot(a, gy, (tuple(a_free), tuple(range(n_a))))
                order = [b_axes[a_axes.index(j)] for j in sorted(a_axes)] + b_free
            ret.append(transpose(g, tuple(numpy.argsort(order))) if order else g)
        return tuple(ret)


def tensordot(a, b, axes=2):
    """Tensor dot product of ``a`` and ``b`` over ``axes`` (as ``numpy.tensordot``).

    ``axes`` is an int N (the last N axes of ``a`` with the first N of ``b``) or a
    pair of axis sequences.
    """
    return TensorDot(axes).apply((a, b))[0]
