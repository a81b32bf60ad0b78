"""Triplet loss: the anchor should be nearer the positive than the negative by a margin."""
import chainlite.functions as F
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.utils import force_array, type_check

_NAME = 'triplet'


class Triplet(FunctionNode):

    def __init__(self, margin, reduce='mean'):
        self.margin = float(margin)
        self.reduce = reduce

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('anchor', 'positive', 'negative'))
        a, p, n = in_types
        type_check.expect(a.dtype.kind == 'f', a.dtype == p.dtype, a.dtype == n.dtype,
                          a.ndim >= 2, a.shape == p.shape, a.shape == n.shape)

    def forward(self, inputs):
        self.retain_inputs((0, 1, 2))
        a, p, n = inputs
        xp = backend.get_array_module(a)
        # elementwise difference of the squares, summed, then the margin: Chainer's order
        dist = ((a - p) ** 2 - (a - n) ** 2).sum(axis=1) + self.margin
        self.active = (dist > 0).astype(a.dtype)
        loss = xp.maximum(dist, 0)
        if self.reduce == 'mean':
            loss = loss.sum() / max(a.shape[0], 1)
        return force_array(loss, a.dtype),

    def backward(self, indexes, grad_outputs):
        a, p, n = self.get_retained_inputs()
        gy = grad_outputs[0]
        if self.reduce == 'mean':
            gy = gy * (1.0 / max(a.shape[0], 1))
        g = gy * self.active * 2
        g = F.reshape(g, g.shape[:1] + (1,) + g.shape[1:])
        return g * (n - p), g * (p - a), g * (a - n)


def triplet(anchor, positive, negative, margin=0.2, reduce='mean'):
    """Triplet loss ``max(|a - p|**2 - |a - n|**2 + margin, 0)``, squared norms along axis 1.

    ``reduce='mean'`` sums over the remaining axes and averages over the batch (axis 0);
    ``'no'`` keeps them.

    >>> import numpy, chainlite.functions as F
    >>> a = numpy.zeros((1, 2)); p = numpy.array([[0.5, 0.0]]); n = numpy.array([[1.0, 0.0]])
    >>> F.triplet(a, p, n, margin=1.0).array
    array(0.25)
    """
    if margin <= 0:
        raise ValueError('%s: margin should be positive value; got %r' % (_NAME, margin))
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    return Triplet(margin, reduce).apply((anchor, positive, negative))[0]
