"""Sigmoid cross entropy: binary logistic loss per element."""
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
        loss = (_util.softplus(xp, xc) - xc * t) * mask
        if self.reduce == 'mean':
            self.coef = 1.0 / max(_count(x, mask, self.normalize), 1)
            loss = loss.sum() * self.coef
        return force_array(loss, x.dtype),

    def backward(self, indexes, grad_outputs):
        x, t = self.get_retained_inputs()
        gy = grad_outputs[0]
        mask = (t.array != _IGNORE).astype(x.dtype)
        if self.reduce == 'mean':
            mask = mask * self.coef
        gx = gy * (F.sigmoid(x) - t.array.astype(x.dtype)) * mask
        return gx, None


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
    >>> F.sigmoid_cross_entropy(x, numpy.array([[1, 1]], numpy.int32), reduce='no').array
    array([[0.6931472, 0.       ]], dtype=float32)
    """
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    return SigmoidCrossEntropy(normalize, reduce).apply((x, t))[0]
