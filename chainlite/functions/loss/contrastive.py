"""Contrastive loss for pairs of embeddings (similar pairs pulled, dissimilar pushed apart)."""
import chainlite.functions as F
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.utils import force_array, type_check

_NAME = 'contrastive'


class Contrastive(FunctionNode):

    def __init__(self, margin, reduce='mean'):
        self.margin = float(margin)
        self.reduce = reduce

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x0', 'x1', 'y'))
        x0, x1, y = in_types
        type_check.expect(x0.dtype.kind == 'f', x0.dtype == x1.dtype, y.dtype.kind == 'i',
                          x0.ndim == 2, x0.shape == x1.shape, y.ndim == 1,
                          x0.shape[0] == y.shape[0])

    def forward(self, inputs):
        self.retain_inputs((0, 1, 2))
        x0, x1, y = inputs
        xp = backend.get_array_module(x0)
        _util.check_values(_NAME, y, (0, 1), what='y')
        diff = x0 - x1
        dist_sq = (diff * diff).sum(axis=1)
        gap = xp.maximum(self.margin - xp.sqrt(dist_sq), 0)
        loss = (y * dist_sq + (1 - y) * gap * gap) * 0.5
        if self.reduce == 'mean':
            loss = loss.sum() / max(x0.shape[0], 1)
        return force_array(loss, x0.dtype),

    def backward(self, indexes, grad_outputs):
        x0, x1, y = self.get_retained_inputs()
        gy = grad_outputs[0]
        if self.reduce == 'mean':
            gy = gy * (1.0 / max(x0.shape[0], 1))
        diff = x0 - x1
        dist_sq = F.sum(diff * diff, axis=1)
        similar = y.array.astype(x0.dtype)
        # Chainer's order: gy diff for similar pairs, -(gy gap) (diff / dist) for dissimilar
        # ones (gap = max(margin - dist, 0), free of the cancellation in 1 - margin / dist);
        # at dist == 0 the gradient is 0 (diff is 0), so the division is made safe there.
        zero = (dist_sq.array == 0).astype(x0.dtype)
        dist = F.sqrt(dist_sq + zero)
        gap = F.relu(self.margin - dist)
        n = x0.shape[0]
        g_similar = F.reshape(gy * similar, (n, 1)) * diff
        g_dissimilar = F.reshape(-(gy * gap * (1 - similar)), (n, 1)) * (
            diff / F.broadcast_to(F.reshape(dist, (n, 1)), diff.shape))
        g = g_similar + g_dissimilar
        return g, -g, None


def contrastive(x0, x1, y, margin=1, reduce='mean'):
    """Contrastive loss ``(y d**2 + (1 - y) max(margin - d, 0)**2) / 2`` with ``d = |x0 - x1|``.

    Args:
        x0, x1: Embeddings of shape ``(N, D)``.
        y: 1 for similar pairs, 0 for dissimilar ones (shape ``(N,)``, integer).
        margin: Positive distance beyond which dissimilar pairs cost nothing.
        reduce: ``'mean'`` (averaged over the batch) or ``'no'`` (shape ``(N,)``).

    >>> import numpy, chainlite.functions as F
    >>> x0 = numpy.array([[0.0, 0.0]]); x1 = numpy.array([[0.3, 0.4]])
    >>> F.contrastive(x0, x1, numpy.array([0], numpy.int32)).array
    array(0.125)
    """
    if margin <= 0:
        raise ValueError('%s: margin should be positive value; got %r' % (_NAME, margin))
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    return Contrastive(margin, reduce).apply((x0, x1, y))[0]
