"""Sigmoid cross entropy: binary logistic loss per element."""
import numpy

import chainlite.functions as F
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.utils import force_array, type_check

_NAME = 'sigmoid_cross_entropy'
_IGNORE = -1


class SigmoidCrossEntropy(FunctionNode):

    def __init__(self, normalize=True, reduce='mean'):
        self.normalize = normalize
        self.reduce = reduce

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x', 't'))
        x_type, t_type = in_types
        type_check.expect(x_type.dtype.kind == 'f', t_type.dtype.kind == 'i',
                          x_type.shape == t_type.shape)

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, t = inputs
        xp = backend.get_array_module(x)
        _util.check_values(_NAME, t, (0, 1, _IGNORE))
        dtype = _util.compute_dtype(x.dtype)
        xc = x.astype(dtype, copy=False)
        mask = t != _IGNORE
        # Chainer's form, and one rounding fewer than softplus(x) - x t: t - [x >= 0] is
        # -1, 0 or 1, and the int labels promote the loss to float64 until the cast back
        loss = -(xc * (t - (xc >= 0)) - xp.log1p(xp.exp(-abs(xc)))) * mask
        if self.reduce == 'mean':
            self.coef = 1.0 / max(_count(x, mask, self.normalize), 1)
            loss = loss.sum() * self.coef
        return force_array(loss, x.dtype),

    def backward(self, indexes, grad_outputs):
        x, t = self.get_retained_inputs()
        t = t.array
        weight = (t != _IGNORE) * (self.coef if self.reduce == 'mean' else 1.0)
        # in float64, as the int labels make Chainer's gradient, then back to x's dtype
        wide = numpy.float64
        gx = F.cast(grad_outputs[0], wide) * (F.cast(F.sigmoid(x), wide) - t) * weight
        return F.cast(gx, x.dtype), None


def _count(x, mask, normalize):
    if normalize:
        return int(mask.sum())
    return x.shape[0] if x.ndim else 1


def sigmoid_cross_entropy(x, t, normalize=True, reduce='mean'):
    """Cross entropy between ``sigmoid(x)`` and binary labels ``t`` (``-1`` is ignored).

    ``reduce='mean'`` divides the summed loss by the number of non-ignored labels
    (``normalize=True``) or by the batch size ``x.shape[0]``; ``reduce='no'`` returns the
    elementwise loss. Stable for any finite ``x``.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.array([[0.0, 1e4]], numpy.float32)
    >>> F.sigmoid_cross_entropy(x, numpy.array([[1, 0]], numpy.int32), reduce='no').array
    array([[6.931472e-01, 1.000000e+04]], dtype=float32)
    """
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    return SigmoidCrossEntropy(normalize, reduce).apply((x, t))[0]
