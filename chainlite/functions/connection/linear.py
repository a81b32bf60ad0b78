"""Fully connected layer: ``y = x W^T + b``.

Kept lean because every MLP calls it: one matmul forward, one per gradient,
and the checks are plain comparisons. The three nodes (``LinearFunction``,
``LinearGradData``, ``LinearGradWeight``) differentiate into each other.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((2, 3), numpy.float32)
>>> W = numpy.ones((4, 3), numpy.float32)
>>> F.linear(x, W, numpy.zeros(4, numpy.float32)).array.tolist()[0]
[3.0, 3.0, 3.0, 3.0]
"""
from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.functions.array.reshape import Reshape, reshape
from chainlite.functions.math.sum import Sum
from chainlite.utils import size_of_shape, type_check


def _invalid(expect, actual):
    return type_check.InvalidType(
        expect, actual, 'Invalid operation is performed in: LinearFunction (Forward)\n\n'
        'Expect: %s\nActual: %s' % (expect, actual))


def _flat(x):
    """``x`` as a matrix: the first axis is the batch, the rest the features."""
    return x if x.ndim == 2 else x.reshape(x.shape[0], size_of_shape(x.shape[1:]))


class LinearFunction(FunctionNode):

    def forward(self, inputs):
        x, W = inputs[0], inputs[1]
        if x.dtype.kind != 'f':
            raise _invalid('x.dtype.kind == f', '%s != f' % x.dtype.kind)
        if W.ndim != 2:
            raise _invalid('W.ndim == 2', '%d != 2' % W.ndim)
        if x.ndim < 2:
            raise _invalid('x.ndim >= 2', '%d < 2 (x.shape = %s)' % (x.ndim, x.shape))
        x2 = _flat(x)
        if x2.shape[1] != W.shape[1]:
            raise _invalid('x.shape[1] == W.shape[1]', '%d != %d (x.shape = %s, W.shape = %s)'
                           % (x2.shape[1], W.shape[1], x.shape, W.shape))
        if W.dtype != x.dtype:
            raise _invalid('W.dtype == x.dtype', '%s != %s' % (W.dtype, x.dtype))
        self.retain_inputs((0, 1))
        y = x2 @ W.T
        if len(inputs) == 3:
            b = inputs[2]
            if b.ndim != 1 or b.shape[0] != W.shape[0] or b.dtype != x.dtype:
                raise _invalid('b.ndim == 1, b.shape[0] == W.shape[0], b.dtype == x.dtype',
                               'b: %s %s, W.shape = %s, x.dtype = %s'
                               % (b.shape, b.dtype, W.shape, x.dtype))
            y += b
        return y,

    backward_on_arrays = True  # the same backward runs on arrays when no graph is needed

    def backward(self, indexes, grad_outputs):
        x, W = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        if 0 in indexes:
            gx = forward_or_apply(LinearGradData(), (W, gy))
            ret.append(gx if x.ndim == 2 else forward_or_apply(Reshape(x.shape), (gx,)))
        if 1 in indexes:
            ret.append(forward_or_apply(LinearGradWeight(), (x, gy)))
        if 2 in indexes:
            ret.append(forward_or_apply(Sum(axis=0), (gy,)))
        return tuple(ret)


class LinearGradData(FunctionNode):
    """``gx = gy W`` (as a matrix; the caller restores x's shape)."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        W, gy = inputs
        return gy @ W,

    def backward(self, indexes, grad_outputs):
        W, gy = self.get_retained_inputs()
        ggx, = grad_outputs
        ret = []
        if 0 in indexes:
            ret.append(LinearGradWeight().apply((ggx, gy))[0])
        if 1 in indexes:
            ret.append(LinearFunction().apply((ggx, W))[0])
        return tuple(ret)


class LinearGradWeight(FunctionNode):
    """``gW = gy^T x`` (x flattened to a matrix)."""

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, gy = inputs
        return gy.T @ _flat(x),

    def backward(self, indexes, grad_outputs):
        x, gy = self.get_retained_inputs()
        ggw, = grad_outputs
        ret = []
        if 0 in indexes:
            gx = LinearGradData().apply((ggw, gy))[0]
            ret.append(gx if x.ndim == 2 else reshape(gx, x.shape))
        if 1 in indexes:
            ret.append(LinearFunction().apply((x, ggw))[0])
        return tuple(ret)


def linear(x, W, b=None, n_batch_axes=1):
    """Linear map ``y = x W^T + b`` of ``x`` ``(*batch, in)``; ``W`` is ``(out, in)``.

    The first ``n_batch_axes`` axes of ``x`` are batch axes; the remaining
    axes are flattened into the input features.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((2, 5, 3), numpy.float32)
    >>> F.linear(x, numpy.ones((4, 3), numpy.float32), n_batch_axes=2).shape
    (2, 5, 4)
    """
    if n_batch_axes <= 0:
        raise ValueError('n_batch_axes should be greater than 0.')
    if n_batch_axes > 1:
        batch_shape = x.shape[:n_batch_axes]
        x = reshape(x, (size_of_shape(batch_shape), -1))
    y, = LinearFunction().apply((x, W) if b is None else (x, W, b))
    if n_batch_axes > 1:
        y = reshape(y, batch_shape + (-1,))
    return y
