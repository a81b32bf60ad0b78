"""Stacked LSTMs over variable-length sequences (cuDNN's weight layout)."""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.stack import stack
from chainlite.functions.connection.linear import linear
from chainlite.functions.rnn.lstm import lstm
from chainlite.functions.rnn.n_step_rnn import Cell, check_kwargs, n_step_rnn_base

# ws[k] and ws[4 + k] feed the gates (i, f, a, o); F.lstm reads them as (a, i, f, o).
_ORDER = (2, 0, 1, 3)  # a from w2, i from w0, f from w1, o from w3


def _interleave(params, offset):
    """The four gates' parameters stacked in F.lstm's per-unit interleaved layout."""
    p = stack([params[offset + k] for k in _ORDER], axis=1)
    return reshape(p, (p.shape[0] * 4,) + tuple(p.shape[2:]))


class LSTMCell(Cell):
    n_weights = 8
    has_cell = True

    def prepare(self, w, b):
        return _interleave(w, 0), _interleave(b, 0), _interleave(w, 4), _interleave(b, 4)

    def step(self, xw, h, c, Wh, bh):
        c, h = lstm(c, xw + linear(h, Wh, bh))
        return h, c


def n_step_lstm(n_layers, dropout_ratio, hx, cx, ws, bs, xs, **kwargs):
    """Stacked uni-directional LSTM over time-major ``xs``: ``xs[t]`` is ``(B_t, I)``,
    ``B_t`` non-increasing (see :mod:`~chainlite.functions.rnn.n_step_rnn`).

    ``ws[l]`` holds eight weights: ``W0..W3`` ``(N, I)`` (``(N, N)`` after the
    first layer) apply to the input and ``W4..W7`` ``(N, N)`` to the previous
    state, for the input gate, forget gate, cell input and output gate::

        i = sigmoid(W0 x + b0 + W4 h + b4)    f = sigmoid(W1 x + b1 + W5 h + b5)
        a = tanh(W2 x + b2 + W6 h + b6)       o = sigmoid(W3 x + b3 + W7 h + b7)
        c' = a i + f c                        h' = o tanh(c')

    ``bs[l]`` holds the eight ``(N,)`` biases. ``hx`` and ``cx`` are
    ``(n_layers, B, N)`` (None: zeros); ``dropout_ratio`` applies to each
    layer's input after the first. Returns ``(hy, cy, ys)``, ``ys[t]`` ``(B_t, N)``.

    >>> import numpy, chainlite.functions as F
    >>> ws = [[numpy.ones((2, 3), 'f')] * 4 + [numpy.ones((2, 2), 'f')] * 4]
    >>> bs = [[numpy.zeros(2, 'f')] * 8]
    >>> xs = [numpy.ones((3, 3), 'f'), numpy.ones((1, 3), 'f')]
    >>> hy, cy, ys = F.n_step_lstm(1, 0.0, None, None, ws, bs, xs)
    >>> hy.shape, cy.shape, [y.shape for y in ys]
    ((1, 3, 2), (1, 3, 2), [(3, 2), (1, 2)])
    """
    check_kwargs(kwargs)
    return n_step_rnn_base('n_step_lstm', LSTMCell(), n_layers, dropout_ratio, hx, cx, ws, bs,
                           xs, False)


def n_step_bilstm(n_layers, dropout_ratio, hx, cx, ws, bs, xs, **kwargs):
    """Stacked bi-directional LSTM (see :func:`n_step_lstm`).

    ``hx`` and ``cx`` are ``(2 * n_layers, B, N)``; ``ws``/``bs`` hold
    ``2 * n_layers`` lists, forward then backward for each layer. Layers after
    the first take inputs of size ``2 N``, and the outputs ``ys`` are ``2 N``
    wide (forward then backward).

    >>> import numpy, chainlite.functions as F
    >>> ws = [[numpy.ones((2, 3), 'f')] * 4 + [numpy.ones((2, 2), 'f')] * 4] * 2
    >>> bs = [[numpy.zeros(2, 'f')] * 8] * 2
    >>> hy, cy, ys = F.n_step_bilstm(1, 0.0, None, None, ws, bs, [numpy.ones((3, 3), 'f')])
    >>> hy.shape, [y.shape for y in ys]
    ((2, 3, 2), [(3, 4)])
    """
    check_kwargs(kwargs)
    return n_step_rnn_base('n_step_bilstm', LSTMCell(), n_layers, dropout_ratio, hx, cx, ws, bs,
                           xs, True)
