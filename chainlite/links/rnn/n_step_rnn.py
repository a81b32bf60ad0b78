"""Stacked recurrent links over batches of variable-length sequences (the NStep* links)."""
import numpy

from chainlite import functions as F
from chainlite import initializers, link
from chainlite.links import _util
from chainlite.utils import argument
from chainlite.variable import Variable


class NStepRNNBase(link.ChainList):
    """The weights of ``n_layers`` layers (each direction its own child link) and the call.

    Child ``k`` (layer ``k // directions``, direction ``k % directions``) holds
    ``w0 .. w{n-1}`` of shape ``(out_size, in)`` and ``b0 .. b{n-1}`` of shape
    ``(out_size,)``, in the order of the ``n_step_*`` functions: the first half
    applies to the layer input (``in_size`` in the first layer,
    ``out_size * directions`` after), the second half to the state. Weights
    default to ``Normal(sqrt(1 / in))``, biases to 0, drawn in Chainer's order.
    ``ws`` and ``bs`` list them per child.

    The call takes a list of sequences ``(T_b, in_size)`` in any order and
    returns the outputs in the same order, with ``hy`` (and ``cy``) of shape
    ``(n_layers * directions, B, out_size)``; ``hx``/``cx`` None means zeros.
    """

    n_weights = 2
    n_cells = 1  # state arrays per call: h (and c for the LSTMs)
    use_bi_direction = False

    def __init__(self, n_layers, in_size, out_size, dropout, *, initialW=None,
                 initial_bias=None, **kwargs):
        argument.check_unexpected_kwargs(
            kwargs, use_cudnn='use_cudnn argument is not supported anymore. '
            'Use chainlite.using_config',
            use_bi_direction='use_bi_direction is not supported anymore',
            activation='activation is not supported anymore')
        argument.assert_kwargs_empty(kwargs)
        direction = 2 if self.use_bi_direction else 1
        layers = []
        for i in range(n_layers):
            for _ in range(direction):
                weights = link.Link()
                with weights.init_scope():
                    for j in range(self.n_weights):
                        w_in = out_size if j >= self.n_weights // 2 else \
                            in_size if i == 0 else out_size * direction
                        w_init = initializers.Normal(numpy.sqrt(1. / w_in)) \
                            if initialW is None else initialW
                        setattr(weights, 'w%d' % j, _util.param(w_init, (out_size, w_in)))
                        setattr(weights, 'b%d' % j, _util.bias_param(initial_bias, out_size))
                layers.append(weights)
        super().__init__(*layers)
        self.n_layers = n_layers
        self.dropout = dropout
        self.out_size = out_size
        self.direction = direction

    @property
    def ws(self):
        """The weights, a list per child (read from the children, so copies stay right)."""
        return [[getattr(w, 'w%d' % j) for j in range(self.n_weights)] for w in self]

    @property
    def bs(self):
        """The biases, a list per child."""
        return [[getattr(w, 'b%d' % j) for j in range(self.n_weights)] for w in self]

    def init_hx(self, xs):
        """A zero state ``(n_layers * directions, len(xs), out_size)``."""
        shape = (self.n_layers * self.direction, len(xs), self.out_size)
        return Variable(self.xp.zeros(shape, dtype=xs[0].dtype))

    def rnn(self, *args):
        """Calls the ``n_step_*`` function on time-major inputs."""
        raise NotImplementedError

    def _call(self, states, xs, **kwargs):
        argument.check_unexpected_kwargs(
            kwargs, train='train argument is not supported anymore. '
            'Use chainlite.using_config')
        argument.assert_kwargs_empty(kwargs)
        if not isinstance(xs, (list, tuple)) or not xs:
            raise TypeError('%s at %s: xs must be a non-empty list of sequences, got %r'
                            % (type(self).__name__, self.path, type(xs).__name__))
        in_size = self.ws[0][0].shape[1]
        for x in xs:
            if x.ndim != 2:
                raise ValueError('%s at %s: each sequence must be (length, %d), got shape %s'
                                 % (type(self).__name__, self.path, in_size, tuple(x.shape)))
            _util.check_input_size(self, in_size, x.shape[1], x.shape, 'features')
        order = sorted(range(len(xs)), key=lambda i: -len(xs[i]))
        permuted = order != list(range(len(xs)))
        indices = self.xp.asarray(order, numpy.int32)
        states = [self.init_hx(xs) if s is None else
                  F.permutate(s, indices, axis=1) if permuted else s for s in states]
        steps = F.transpose_sequence([xs[i] for i in order])
        *states, ys = self.rnn(self.n_layers, self.dropout, *states, self.ws, self.bs, steps)
        ys = F.transpose_sequence(ys)
        if permuted:
            states = [F.permutate(s, indices, axis=1, inv=True) for s in states]
            unsorted = [None] * len(ys)
            for y, i in zip(ys, order):
                unsorted[i] = y
            ys = unsorted
        return tuple(states) + (list(ys),)

    def forward(self, hx, xs, **kwargs):
        """Returns ``(hy, ys)`` for sequences ``xs`` from the initial state ``hx``."""
        return self._call([hx], xs, **kwargs)


class NStepRNNTanh(NStepRNNBase):
    """Stacked uni-directional Elman RNN with tanh (:func:`~chainlite.functions.n_step_rnn`).

    >>> import numpy, chainlite.links as L
    >>> rnn = L.NStepRNNTanh(2, 3, 4, 0.0)
    >>> hy, ys = rnn(None, [numpy.ones((5, 3), 'f'), numpy.ones((2, 3), 'f')])
    >>> hy.shape, [y.shape for y in ys]
    ((2, 2, 4), [(5, 4), (2, 4)])
    """

    def rnn(self, *args):
        return F.n_step_rnn(*args, activation='tanh')


class NStepRNNReLU(NStepRNNBase):
    """Stacked uni-directional Elman RNN with ReLU (:func:`~chainlite.functions.n_step_rnn`)."""

    def rnn(self, *args):
        return F.n_step_rnn(*args, activation='relu')


class NStepBiRNNTanh(NStepRNNBase):
    """Stacked bi-directional Elman RNN with tanh (:func:`~chainlite.functions.n_step_birnn`)."""

    use_bi_direction = True

    def rnn(self, *args):
        return F.n_step_birnn(*args, activation='tanh')


class NStepBiRNNReLU(NStepRNNBase):
    """Stacked bi-directional Elman RNN with ReLU (:func:`~chainlite.functions.n_step_birnn`)."""

    use_bi_direction = True

    def rnn(self, *args):
        return F.n_step_birnn(*args, activation='relu')


class NStepGRUBase(NStepRNNBase):
    """The GRU variants: six weights per layer and direction."""

    n_weights = 6


class NStepGRU(NStepGRUBase):
    """Stacked uni-directional GRU (:func:`~chainlite.functions.n_step_gru`).

    >>> import numpy, chainlite.links as L
    >>> gru = L.NStepGRU(1, 3, 4, 0.0)
    >>> hy, ys = gru(None, [numpy.ones((2, 3), 'f'), numpy.ones((5, 3), 'f')])
    >>> hy.shape, [y.shape for y in ys]
    ((1, 2, 4), [(2, 4), (5, 4)])
    """

    def rnn(self, *args):
        return F.n_step_gru(*args)


class NStepBiGRU(NStepGRUBase):
    """Stacked bi-directional GRU (:func:`~chainlite.functions.n_step_bigru`)."""

    use_bi_direction = True

    def rnn(self, *args):
        return F.n_step_bigru(*args)


class NStepLSTMBase(NStepRNNBase):
    """The LSTM variants: eight weights per layer and direction, and a cell state."""

    n_weights = 8
    n_cells = 2

    def forward(self, hx, cx, xs, **kwargs):
        """Returns ``(hy, cy, ys)`` for sequences ``xs`` from the states ``hx``, ``cx``."""
        return self._call([hx, cx], xs, **kwargs)


class NStepLSTM(NStepLSTMBase):
    """Stacked uni-directional LSTM (:func:`~chainlite.functions.n_step_lstm`).

    >>> import numpy, chainlite.links as L
    >>> lstm = L.NStepLSTM(2, 3, 4, 0.1)
    >>> hy, cy, ys = lstm(None, None, [numpy.ones((5, 3), 'f'), numpy.ones((2, 3), 'f')])
    >>> hy.shape, cy.shape, [y.shape for y in ys]
    ((2, 2, 4), (2, 2, 4), [(5, 4), (2, 4)])
    """

    def rnn(self, *args):
        return F.n_step_lstm(*args)


class NStepBiLSTM(NStepLSTMBase):
    """Stacked bi-directional LSTM (:func:`~chainlite.functions.n_step_bilstm`)."""

    use_bi_direction = True

    def rnn(self, *args):
        return F.n_step_bilstm(*args)
