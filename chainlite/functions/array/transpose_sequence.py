from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


def _batch_sizes(lengths):
    """How many sequences (sorted longest first) are longer than ``t``, for each ``t``."""
    return [sum(1 for n in lengths if n > t) for t in range(lengths[0])]


def _transpose(xs, lengths):
    """Pads the sequences into one ``(T, B, ...)`` array and cuts each step to its batch."""
    xp = backend.get_array_module(*xs)
    padded = xp.zeros((lengths[0], len(xs)) + xs[0].shape[1:], xs[0].dtype)
    for i, (x, n) in enumerate(zip(xs, lengths)):
        padded[:n, i] = x
    return tuple(padded[t, :b] for t, b in enumerate(_batch_sizes(lengths)))


class TransposeSequence(FunctionNode):
    """Turns a batch of sequences into a sequence of batches; its own inverse."""

    def forward(self, xs):
        lengths = [x.shape[0] if x.ndim else -1 for x in xs]
        if min(lengths) < 0 or lengths != sorted(lengths, reverse=True) \
                or any(x.shape[1:] != xs[0].shape[1:] or x.dtype != xs[0].dtype for x in xs):
            shapes = [x.shape for x in xs]
            raise type_check.InvalidType(
                'sorted lengths, one dtype and trailing shape', str(shapes),
                'transpose_sequence: sequences must be sorted by non-increasing length and '
                'share dtype and trailing shape; got shapes %s' % shapes)
        return _transpose(xs, lengths)

    def backward(self, indexes, grad_outputs):
        xs = self.inputs
        xp = backend.get_array_module(*[g for g in grad_outputs if g is not None])
        sizes = _batch_sizes([x.shape[0] for x in xs])
        gys = [xp.zeros((b,) + xs[0].shape[1:], xs[0].dtype) if g is None else g
               for g, b in zip(grad_outputs, sizes)]
        return TransposeSequence().apply(gys)


def transpose_sequence(xs):
    """Transposes a list of sequences (sorted by non-increasing length) into a list of
    time steps: ``ys[t]`` stacks ``xs[i][t]`` over the sequences longer than ``t``.

    >>> import numpy, chainlite.functions as F
    >>> [y.shape for y in F.transpose_sequence([numpy.ones((3, 2)), numpy.ones((1, 2))])]
    [(2, 2), (1, 2), (1, 2)]
    """
    if not xs:
        return ()
    return TransposeSequence().apply(tuple(xs))
