"""The S-LSTM activation: an LSTM cell merging two children."""
from chainlite.functions.rnn import _cell


class SLSTM(_cell.GatedCell):
    """``(c_prev1, c_prev2, x1, x2) -> (c, h)``."""

    n_cells = 2

    def check_type_forward(self, in_types):
        _cell.check_types(in_types, ('c_prev1', 'c_prev2'), ('x1', 'x2'), 4, same_batch=True)

    def preacts(self, xs):
        a1, i1, f1, o1 = _cell.split_gates(xs[0], 4)
        a2, i2, f2, o2 = _cell.split_gates(xs[1], 4)
        return [(a1, i1), (a2, i2)], o1 + o2, [f1, f2]

    def grad_xs(self, gas, gis, go, gfs):
        return tuple(_cell.join_gates([ga, gi, gf, go]) for ga, gi, gf in zip(gas, gis, gfs))


def slstm(c_prev1, c_prev2, x1, x2):
    """S-LSTM: an LSTM unit with two predecessors (Zhu et al., 2015).

    ``x1`` and ``x2`` of shape ``(B, 4 * n, ...)`` hold gates laid out as in
    :func:`lstm`; each child has its own cell input, input and forget gates,
    the output gate is shared::

        c = tanh(a1) * sigmoid(i1) + tanh(a2) * sigmoid(i2)
            + sigmoid(f1) * c_prev1 + sigmoid(f2) * c_prev2
        h = sigmoid(o1 + o2) * tanh(c)

    >>> import numpy, chainlite.functions as F
    >>> c = numpy.zeros((2, 3), numpy.float32)
    >>> x = numpy.zeros((2, 12), numpy.float32)
    >>> [v.shape for v in F.slstm(c, c, x, x)]
    [(2, 3), (2, 3)]
    """
    return tuple(SLSTM().apply((c_prev1, c_prev2, x1, x2)))
