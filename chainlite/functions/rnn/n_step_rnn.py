"""Multi-layer recurrent networks over batches of variable-length sequences.

As in Chainer, the inputs are time-major: ``xs[t]`` is ``(B_t, I)``, the
batch at time ``t``, with ``B_t`` non-increasing (sequences sorted longest
first; :func:`chainlite.functions.transpose_sequence` makes this from a list
of sequences). At time ``t`` the first ``B_t`` state rows are updated and the
rows of the sequences that have ended pass through unchanged.

:func:`n_step_rnn_base` runs any cell: per layer and direction, it applies
the input weights to all time steps at once and loops over time for the
recurrent part, vectorised over the batch.
"""
from chainlite import backend
from chainlite.functions.activation.relu import relu
from chainlite.functions.activation.tanh import tanh
from chainlite.functions.array.concat import concat
from chainlite.functions.array.separate import separate
from chainlite.functions.array.stack import stack
from chainlite.functions.connection.linear import linear
from chainlite.functions.noise.dropout import dropout
from chainlite.functions.rnn._cell import split_rows
from chainlite.utils import argument


class Cell:
    """How one recurrent cell uses its weights ``w`` and biases ``b`` (lists).

    ``prepare(w, b) -> (Wx, bx, Wh, bh)`` stacks the input-side and the
    hidden-side weights; ``step(xw, h, c, Wh, bh) -> (h, c)`` advances the
    active rows given ``xw = x Wx^T + bx``. ``c`` is None for cells without
    memory.
    """

    n_weights = 2
    has_cell = False

    def prepare(self, w, b):
        return w[0], b[0], w[1], b[1]

    def step(self, xw, h, c, Wh, bh):
        raise NotImplementedError


class _Elman(Cell):

    def __init__(self, activation):
        self.activation = activation

    def step(self, xw, h, c, Wh, bh):
        return self.activation(xw + linear(h, Wh, bh)), None


ACTIVATIONS = {'tanh': tanh, 'relu': relu}


def _join_rows(head, rest):
    return head if rest is None else concat([head, rest], axis=0)


def _one_direction(cell, h, c, w, b, xs, sizes, reverse):
    """Runs one layer in one direction over ``xs``, one input per time step (``sizes[t]``
    rows each); returns the final ``h``, ``c`` and the outputs per step."""
    Wx, bx, Wh, bh = cell.prepare(w, b)
    # one input product per time step (not one for all steps): Chainer 7.8.1's order,
    # so the weights' gradients sum the steps' products as Chainer's do
    ys = [None] * len(sizes)
    for t in (reversed(range(len(sizes))) if reverse else range(len(sizes))):
        h_t, h_rest = split_rows(h, sizes[t])
        c_t, c_rest = split_rows(c, sizes[t])
        h_t, c_t = cell.step(linear(xs[t], Wx, bx), h_t, c_t, Wh, bh)
        ys[t] = h_t
        h = _join_rows(h_t, h_rest)
        if c is not None:
            c = _join_rows(c_t, c_rest)
    return h, c, ys


def _check(name, cell, n_layers, n_dir, hx, cx, ws, bs, xs):
    if not isinstance(n_layers, int) or n_layers < 1:
        raise ValueError('%s: n_layers must be a positive int, got %r' % (name, n_layers))
    n = n_layers * n_dir
    if len(ws) != n or len(bs) != n:
        raise ValueError('%s: needs %d lists of weights and of biases (n_layers=%d, %d '
                         'direction(s)), got %d and %d' % (name, n, n_layers, n_dir, len(ws),
                                                           len(bs)))
    for i, (w, b) in enumerate(zip(ws, bs)):
        if len(w) != cell.n_weights or len(b) != cell.n_weights:
            raise ValueError('%s: ws[%d] and bs[%d] must hold %d arrays each, got %d and %d'
                             % (name, i, i, cell.n_weights, len(w), len(b)))
    if not len(xs):
        raise ValueError('%s: xs must hold at least one time step' % name)
    in_size, out_size = ws[0][0].shape[1], ws[0][0].shape[0]
    for x in xs:
        if x.ndim != 2 or x.shape[1] != in_size:
            raise ValueError('%s: each xs[t] must be (batch, %d) to match ws[0][0] of shape %s, '
                             'got %s' % (name, in_size, ws[0][0].shape, x.shape))
    sizes = [len(x) for x in xs]
    if sizes != sorted(sizes, reverse=True) or sizes[-1] == 0:
        raise ValueError('%s: the batch sizes of xs[t] must be positive and non-increasing '
                         '(sequences sorted longest first, time-major), got %s' % (name, sizes))
    state = (n, sizes[0], out_size)
    for label, s in (('hx', hx), ('cx', cx)):
        if s is not None and s.shape != state:
            raise ValueError('%s: %s must have shape (n_layers * directions, batch, out_size) '
                             '= %s, got %s' % (name, label, state, s.shape))


def n_step_rnn_base(name, cell, n_layers, dropout_ratio, hx, cx, ws, bs, xs,
                    use_bi_direction):
    """Runs ``cell`` over ``n_layers`` layers (both directions if ``use_bi_direction``).

    Returns ``(hy, cy, ys)``, ``ys`` time-major like ``xs``; ``cy`` is None
    for cells without memory. ``hx`` (and ``cx``) may be None for zero
    states. Dropout of ``dropout_ratio`` applies to each layer's input but the
    first layer's.
    """
    n_dir = 2 if use_bi_direction else 1
    _check(name, cell, n_layers, n_dir, hx, cx, ws, bs, xs)
    xp = backend.get_array_module(*xs)
    state = (n_layers * n_dir, xs[0].shape[0], ws[0][0].shape[0])
    hx = xp.zeros(state, xs[0].dtype) if hx is None else hx
    if cell.has_cell and cx is None:
        cx = xp.zeros(state, xs[0].dtype)
    hxs = separate(hx)
    cxs = separate(cx) if cell.has_cell else [None] * len(hxs)
    sizes = [x.shape[0] for x in xs]
    steps = xs
    hy, cy = [], []
    for layer in range(n_layers):
        outs = []
        for d in range(n_dir):
            i = layer * n_dir + d
            inputs = steps
            if layer:
                # masks per direction and time step, drawn from numpy.random at ratio 0 too,
                # as in Chainer
                inputs = [dropout(x, dropout_ratio) for x in steps]
            h, c, ys = _one_direction(cell, hxs[i], cxs[i], ws[i], bs[i], inputs, sizes, d == 1)
            hy.append(h)
            cy.append(c)
            outs.append(ys)
        steps = outs[0] if n_dir == 1 else [concat(pair, axis=1) for pair in zip(*outs)]
    return stack(hy), (stack(cy) if cell.has_cell else None), tuple(steps)


def check_kwargs(kwargs):
    """Rejects Chainer 1's ``train`` and ``use_cudnn`` arguments, and any other keyword."""
    argument.check_unexpected_kwargs(
        kwargs, train='train argument is not supported anymore. '
        'Use chainlite.using_config', use_cudnn='use_cudnn argument is not supported anymore. '
        'Use chainlite.using_config')
    argument.assert_kwargs_empty(kwargs)


def _elman(name, activation):
    if activation not in ACTIVATIONS:
        raise ValueError("%s: activation must be 'tanh' or 'relu', got %r" % (name, activation))
    return _Elman(ACTIVATIONS[activation])


def n_step_rnn(n_layers, dropout_ratio, hx, ws, bs, xs, activation='tanh', **kwargs):
    """Stacked uni-directional Elman RNN: ``h_t = f(W0 x_t + b0 + W1 h_{t-1} + b1)``.

    Args:
        n_layers (int): number of layers.
        dropout_ratio (float): dropout applied to the input of each layer after the first.
        hx: initial states ``(n_layers, B, N)`` (None: zeros).
        ws: ``n_layers`` lists ``[W0, W1]``; ``W0`` is ``(N, I)`` in the first layer,
            ``(N, N)`` after, ``W1`` is ``(N, N)``.
        bs: ``n_layers`` lists ``[b0, b1]`` of shape ``(N,)``.
        xs: ``T`` time steps ``(B_t, I)``, ``B_t`` non-increasing (time-major).
        activation (str): ``'tanh'`` or ``'relu'``.

    Returns:
        ``(hy, ys)``: the final states ``(n_layers, B, N)`` and the top layer's
        outputs, one ``(B_t, N)`` per time step.

    >>> import numpy, chainlite.functions as F
    >>> ws = [[numpy.ones((2, 3), 'f'), numpy.ones((2, 2), 'f')]]
    >>> bs = [[numpy.zeros(2, 'f'), numpy.zeros(2, 'f')]]
    >>> xs = [numpy.ones((2, 3), 'f'), numpy.ones((1, 3), 'f')]
    >>> hy, ys = F.n_step_rnn(1, 0.0, None, ws, bs, xs)
    >>> hy.shape, [y.shape for y in ys]
    ((1, 2, 2), [(2, 2), (1, 2)])
    """
    check_kwargs(kwargs)
    hy, _, ys = n_step_rnn_base('n_step_rnn', _elman('n_step_rnn', activation), n_layers,
                                dropout_ratio, hx, None, ws, bs, xs, False)
    return hy, ys


def n_step_birnn(n_layers, dropout_ratio, hx, ws, bs, xs, activation='tanh', **kwargs):
    """Stacked bi-directional Elman RNN (see :func:`n_step_rnn`).

    ``hx`` is ``(2 * n_layers, B, N)`` and ``ws``/``bs`` hold ``2 * n_layers``
    lists, forward then backward for each layer; layers after the first take
    inputs of size ``2 N`` (forward and backward outputs concatenated), and so
    are the outputs ``ys``.

    >>> import numpy, chainlite.functions as F
    >>> ws = [[numpy.ones((2, 3), 'f'), numpy.ones((2, 2), 'f')]] * 2
    >>> bs = [[numpy.zeros(2, 'f'), numpy.zeros(2, 'f')]] * 2
    >>> hy, ys = F.n_step_birnn(1, 0.0, None, ws, bs, [numpy.ones((4, 3), 'f')])
    >>> hy.shape, [y.shape for y in ys]
    ((2, 4, 2), [(4, 4)])
    """
    check_kwargs(kwargs)
    hy, _, ys = n_step_rnn_base('n_step_birnn', _elman('n_step_birnn', activation), n_layers,
                                dropout_ratio, hx, None, ws, bs, xs, True)
    return hy, ys
