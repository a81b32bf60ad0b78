"""The Tree-LSTM activation: an LSTM cell merging any number of children."""
from chainlite.functions.rnn import _cell
from chainlite.utils import type_check


class TreeLSTM(_cell.GatedCell):
    """``(c_1, ..., c_N, x) -> (c, h)`` with gate blocks ``(a, i, o, f_1, ..., f_N)`` in ``x``."""

    forget_terms_first = True

    def __init__(self, n_cells):
        self.n_cells = n_cells

    def check_type_forward(self, in_types):
        names = tuple('c%d' % (k + 1) for k in range(self.n_cells))
        _cell.check_types(in_types, names, ('x',), 3 + self.n_cells, same_batch=True)
        type_check.expect(in_types[0].ndim == 2)

    def preacts(self, xs):
        a, i, o, *fs = _cell.split_gates(xs[0], 3 + self.n_cells, interleaved=False)
        return [(a, i)], o, fs

    def grad_xs(self, gas, gis, go, gfs):
        return _cell.join_gates([gas[0], gis[0], go] + list(gfs), interleaved=False),


def tree_lstm(*inputs):
    """Child-sum Tree-LSTM activation (Tai et al., 2015), as Chainer lays it out.

    ``tree_lstm(c_1, ..., c_N, x)``: ``N >= 1`` children's cells of shape
    ``(B, n)`` and ``x`` of shape ``(B, (3 + N) * n)`` holding the
    pre-activations ``a, i, o, f_1, ..., f_N`` in blocks of ``n`` columns::

        c = tanh(a) * sigmoid(i) + sum_k sigmoid(f_k) * c_k
        h = sigmoid(o) * tanh(c)

    >>> import numpy, chainlite.functions as F
    >>> c = numpy.zeros((2, 3), numpy.float32)
    >>> [v.shape for v in F.tree_lstm(c, c, numpy.zeros((2, 15), numpy.float32))]
    [(2, 3), (2, 3)]
    """
    if len(inputs) < 2:
        raise type_check.InvalidType('len(inputs) >= 2', '%d < 2' % len(inputs),
                                     'tree_lstm: needs at least one cell and x, got %d inputs'
                                     % len(inputs))
    return tuple(TreeLSTM(len(inputs) - 1).apply(inputs))
