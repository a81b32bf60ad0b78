"""Stacked GRUs over variable-length sequences (cuDNN's weight layout)."""
from chainlite.functions.activation.sigmoid import sigmoid
from chainlite.functions.activation.tanh import tanh
from chainlite.functions.array.concat import concat
from chainlite.functions.array.split_axis import split_axis
from chainlite.functions.connection.linear import linear
from chainlite.functions.rnn.n_step_rnn import Cell, check_kwargs, n_step_rnn_base


class GRUCell(Cell):
    n_weights = 6

    def prepare(self, w, b):
        return concat(w[:3], axis=0), concat(b[:3], axis=0), concat(w[3:], axis=0), \
            concat(b[3:], axis=0)

    def step(self, xw, h, c, Wh, bh):
        xr, xz, xn = split_axis(xw, 3, axis=1)
        hr, hz, hn = split_axis(linear(h, Wh, bh), 3, axis=1)
        r = sigmoid(xr + hr)
        z = sigmoid(xz + hz)
        n = tanh(xn + r * hn)
        return (1 - z) * n + z * h, None  # Chainer 7.8.1's rounding order


def n_step_gru(n_layers, dropout_ratio, hx, ws, bs, xs, **kwargs):
    """Stacked uni-directional GRU over time-major ``xs``: ``xs[t]`` is ``(B_t, I)``,
    ``B_t`` non-increasing (see :mod:`~chainlite.functions.rnn.n_step_rnn`).

    ``ws[l]`` holds six weights: ``W0..W2`` ``(N, I)`` (``(N, N)`` after the
    first layer) for the input and ``W3..W5`` ``(N, N)`` for the state::

        r = sigmoid(W0 x + b0 + W3 h + b3)
        z = sigmoid(W1 x + b1 + W4 h + b4)
        n = tanh(W2 x + b2 + r (W5 h + b5))
        h' = (1 - z) n + z h

    ``hx`` is ``(n_layers, B, N)`` (None: zeros). Returns ``(hy, ys)``.

    >>> import numpy, chainlite.functions as F
    >>> ws = [[numpy.ones((2, 3), 'f')] * 3 + [numpy.ones((2, 2), 'f')] * 3]
    >>> bs = [[numpy.zeros(2, 'f')] * 6]
    >>> hy, ys = F.n_step_gru(1, 0.0, None, ws, bs, [numpy.ones((3, 3), 'f')])
    >>> hy.shape, [y.shape for y in ys]
    ((1, 3, 2), [(3, 2)])
    """
    check_kwargs(kwargs)
    hy, _, ys = n_step_rnn_base('n_step_gru', GRUCell(), n_layers, dropout_ratio, hx, None, ws,
                                bs, xs, False)
    return hy, ys


def n_step_bigru(n_layers, dropout_ratio, hx, ws, bs, xs, **kwargs):
    """Stacked bi-directional GRU (see :func:`n_step_gru`).

    ``hx`` is ``(2 * n_layers, B, N)``; ``ws``/``bs`` hold ``2 * n_layers``
    lists, forward then backward for each layer; the outputs are ``2 N`` wide.

    >>> import numpy, chainlite.functions as F
    >>> ws = [[numpy.ones((2, 3), 'f')] * 3 + [numpy.ones((2, 2), 'f')] * 3] * 2
    >>> bs = [[numpy.zeros(2, 'f')] * 6] * 2
    >>> hy, ys = F.n_step_bigru(1, 0.0, None, ws, bs, [numpy.ones((3, 3), 'f')])
    >>> hy.shape, [y.shape for y in ys]
    ((2, 3, 2), [(3, 4)])
    """
    check_kwargs(kwargs)
    hy, _, ys = n_step_rnn_base('n_step_bigru', GRUCell(), n_layers, dropout_ratio, hx, None, ws,
                                bs, xs, True)
    return hy, ys
