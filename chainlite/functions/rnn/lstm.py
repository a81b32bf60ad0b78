"""The LSTM activation."""
from chainlite.functions.rnn import _cell


class LSTM(_cell.GatedCell):
    """``(c_prev, x) -> (c, h)`` with gates ``(a, i, f, o)`` interleaved per unit in ``x``."""

    def check_type_forward(self, in_types):
        _cell.check_types(in_types, ('c',), ('x',), 4, same_batch=False)

    def preacts(self, xs):
        a, i, f, o = _cell.split_gates(xs[0], 4)
        return [(a, i)], o, [f]

    def grad_xs(self, gas, gis, go, gfs):
        return _cell.join_gates([gas[0], gis[0], gfs[0], go]),


def lstm(c_prev, x):
    """Long short-term memory activation (Chainer's gate layout).

    ``x`` of shape ``(B, 4 * n, ...)`` holds, for each of the ``n`` units, the
    pre-activations of the cell input ``a``, the input gate ``i``, the forget
    gate ``f`` and the output gate ``o``, interleaved per unit (column
    ``4 * u + k``). With ``c_prev`` of shape ``(B', n, ...)``, ``B <= B'``::

        c = tanh(a) * sigmoid(i) + sigmoid(f) * c_prev[:B]
        h = sigmoid(o) * tanh(c)

    The rows ``c_prev[B:]`` are appended to ``c`` unchanged (sequences that
    have ended). Returns ``(c, h)``; ``h`` has ``B`` rows.

    >>> import numpy, chainlite.functions as F
    >>> c, h = F.lstm(numpy.zeros((3, 2), numpy.float32), numpy.zeros((2, 8), numpy.float32))
    >>> c.shape, h.shape
    ((3, 2), (2, 2))
    """
    return tuple(LSTM().apply((c_prev, x)))
