"""Multi-class hinge loss (one-vs-all)."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.functions.math.average import _DivideByCount
from chainlite.utils import force_array, type_check

_NAME = 'hinge'


class Hinge(FunctionNode):

    def __init__(self, norm='L1', reduce='mean'):
        self.norm = norm
        self.reduce = reduce

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x', 't'))
        x_type, t_type = in_types
        type_check.expect(x_type.dtype.kind == 'f', t_type.dtype.kind == 'i',
                          x_type.ndim == 2, t_type.ndim == 1,
                          x_type.shape[0] == t_type.shape[0])

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, t = inputs
        xp = backend.get_array_module(x)
        _util.check_labels(_NAME, t, x.shape[1])
        # sign is -1 at the true class and +1 elsewhere: margin = 1 + sign * x
        sign = xp.where(xp.arange(x.shape[1])[None, :] == t[:, None], -1, 1).astype(x.dtype)
        margin = xp.maximum(1 + sign * x, 0)
        self.sign = sign
        self.active = (margin > 0).astype(x.dtype)
        loss = margin if self.norm == 'L1' else margin * margin
        if self.reduce == 'mean':
            loss = loss.sum() / max(x.shape[0], 1)
        return force_array(loss, x.dtype),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy = grad_outputs[0]
        if self.reduce == 'mean':
            # gy / n (divided, as Chainer's, not times 1 / n), differentiable
            gy = _DivideByCount(max(x.shape[0], 1)).apply((gy,))[0]
        slope = self.sign * self.active
        if self.norm == 'L1':
            return gy * slope, None
        return gy * (2 * (1 + x * self.sign) * slope), None


def hinge(x, t, norm='L1', reduce='mean'):
    """One-vs-all hinge loss ``max(0, 1 - s x)`` per class (``s = 1`` for the true class).

    Args:
        x: Scores of shape ``(N, C)``.
        t: Labels in ``[0, C)`` of shape ``(N,)``.
        norm: ``'L1'`` or ``'L2'`` (the squared hinge).
        reduce: ``'mean'`` (sum over classes, mean over the batch) or ``'no'`` (shape ``(N, C)``).

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.array([[2.0, -0.5]])
    >>> F.hinge(x, numpy.array([0], numpy.int32)).array
    array(0.5)
    """
    if norm not in ('L1', 'L2'):
        raise ValueError("%s: norm should be either 'L1' or 'L2', but %r is given" % (_NAME, norm))
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    return Hinge(norm, reduce).apply((x, t))[0]
