"""Embedding lookup: rows of ``W`` picked by integer ids.

>>> import numpy, chainlite.functions as F
>>> W = numpy.arange(6.0, dtype=numpy.float32).reshape(3, 2)
>>> F.embed_id(numpy.array([2, 0]), W).array.tolist()
[[4.0, 5.0], [0.0, 1.0]]
>>> F.embed_id(numpy.array([2, -1]), W, ignore_label=-1).array.tolist()
[[4.0, 5.0], [0.0, 0.0]]
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


class EmbedIDFunction(FunctionNode):

    def __init__(self, ignore_label=None):
        self.ignore_label = ignore_label

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x', 'W'))
        x_type, w_type = in_types
        type_check.expect(x_type.dtype.kind == 'i', w_type.ndim == 2)

    def forward(self, inputs):
        x, W = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        self.w_shape = W.shape
        valid = (x >= 0) & (x < len(W))
        ignored = None
        if self.ignore_label is not None:
            ignored = x == self.ignore_label
            valid |= ignored
        if not bool(valid.all()):
            bad = x[~valid]
            raise ValueError('embed_id: ids must lie in [0, %d) (W.shape = %s)%s; got %s'
                             % (len(W), W.shape, '' if ignored is None else
                                ' or equal ignore_label %r' % self.ignore_label,
                                bad[:5].tolist()))
        if ignored is None:
            return W[x],
        return xp.where(ignored[..., None], W.dtype.type(0), W[xp.where(ignored, 0, x)]),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        gy, = grad_outputs
        return None, EmbedIDGrad(self.w_shape, self.ignore_label).apply((x, gy))[0]


class EmbedIDGrad(FunctionNode):
    """``gW``: rows of ``gy`` summed into the rows their ids name."""

    def __init__(self, w_shape, ignore_label):
        self.w_shape = w_shape
        self.ignore_label = ignore_label

    def forward(self, inputs):
        x, gy = inputs
        xp = backend.get_array_module(gy)
        self.retain_inputs((0,))
        gw = xp.zeros(self.w_shape, dtype=gy.dtype)
        gy = gy.reshape(-1, self.w_shape[1])
        x = x.ravel()
        if self.ignore_label is not None:
            keep = x != self.ignore_label
            x, gy = x[keep], gy[keep]
        xp.add.at(gw, x, gy)
        return gw,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        ggw, = grad_outputs
        return None, embed_id(x, ggw, self.ignore_label)


def embed_id(x, W, ignore_label=None):
    """Returns ``W[x]``; ids equal to ``ignore_label`` give zero vectors.

    ``x`` is an integer array of any shape; the output is ``x.shape + (W.shape[1],)``.
    """
    return EmbedIDFunction(ignore_label).apply((x, W))[0]
