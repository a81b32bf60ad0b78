"""LSTM links: the stateful ``LSTM`` and ``StatelessLSTM``."""
from chainlite import functions as F
from chainlite import initializers, link
from chainlite.links.connection.linear import Linear
from chainlite.links.rnn._state import StateMixin


class LSTMBase(link.Chain):
    """The weights of an LSTM: ``upward`` (input to gates, with the bias) and ``lateral``.

    Both hold ``4 * out_size`` rows, the gates of each unit interleaved as
    :func:`chainlite.functions.lstm` reads them. The weights are drawn in
    blocks of ``out_size`` rows, alternating lateral and upward, and the bias
    gate by gate (``bias_init``, forget gate ``forget_bias_init``), in
    Chainer's order, so a seed reproduces Chainer's values. ``in_size=None``
    (or a single size argument) draws them on the first call.
    """

    def __init__(self, in_size, out_size=None, lateral_init=None, upward_init=None,
                 bias_init=None, forget_bias_init=None):
        super().__init__()
        if out_size is None:
            in_size, out_size = None, in_size
        self.state_size = out_size
        self.lateral_init = lateral_init
        self.upward_init = upward_init
        self.bias_init = 0 if bias_init is None else bias_init
        self.forget_bias_init = 1 if forget_bias_init is None else forget_bias_init
        with self.init_scope():
            self.upward = Linear(in_size, 4 * out_size, initialW=0)
            self.lateral = Linear(out_size, 4 * out_size, initialW=0, nobias=True)
        if in_size is not None:
            self._initialize_params()

    def _initialize_params(self):
        n = self.state_size
        lateral_init = initializers._get_initializer(self.lateral_init)
        upward_init = initializers._get_initializer(self.upward_init)
        for i in range(0, 4 * n, n):
            lateral_init(self.lateral.W.array[i:i + n])
            upward_init(self.upward.W.array[i:i + n])
        initializers.UnitForgetGate(self.bias_init, self.forget_bias_init)(self.upward.b.array)

    def _lstm_in(self, x, h):
        """``upward(x) + lateral(h)`` (h may be None), drawing the weights on the first call."""
        if self.upward.W.array is None:
            self.upward.W.initialize((4 * self.state_size, x.size // x.shape[0]))
            self._initialize_params()
        lstm_in = self.upward(x)
        return lstm_in if h is None else lstm_in + self.lateral(h)


class StatelessLSTM(LSTMBase):
    """An LSTM layer that takes and returns its state: ``c, h = lstm(c, h, x)``.

    >>> import numpy, chainlite.links as L
    >>> lstm = L.StatelessLSTM(3, 2)
    >>> c, h = lstm(None, None, numpy.ones((4, 3), numpy.float32))
    >>> c, h = lstm(c, h, numpy.ones((4, 3), numpy.float32))
    >>> c.shape, h.shape
    ((4, 2), (4, 2))
    """

    def forward(self, c, h, x):
        """Returns the new ``(c, h)``; ``c`` and ``h`` may be None (zeros)."""
        lstm_in = self._lstm_in(x, h)
        if c is None:
            xp = self.xp
            c = xp.zeros((x.shape[0], self.state_size), x.dtype)
        return F.lstm(c, lstm_in)


class LSTM(StateMixin, LSTMBase):
    """A fully-connected LSTM layer keeping its state (``c`` and ``h``) between calls.

    ``LSTM(in_size, out_size)``, or ``LSTM(out_size)`` to infer ``in_size``
    from the first input. The upward bias has its forget-gate part set to 1
    (``forget_bias_init``). A call with a smaller batch than the state updates
    only the first rows (sequences sorted longest first).

    >>> import numpy, chainlite.links as L
    >>> lstm = L.LSTM(3, 2)
    >>> y = lstm(numpy.ones((4, 3), numpy.float32))
    >>> y = lstm(numpy.ones((3, 3), numpy.float32))
    >>> y.shape, lstm.h.shape, lstm.c.shape
    ((3, 2), (4, 2), (4, 2))
    >>> lstm.reset_state()
    """

    _state_names = ('c', 'h')

    def __init__(self, in_size, out_size=None, lateral_init=None, upward_init=None,
                 bias_init=None, forget_bias_init=None):
        super().__init__(in_size, out_size, lateral_init, upward_init, bias_init,
                         forget_bias_init)
        self.reset_state()

    def set_state(self, c, h):
        """Sets the cell state ``c`` and the output ``h``, both ``(batch, out_size)``."""
        self._set_states(c=c, h=h)

    def forward(self, x):
        """Advances one step with ``x`` ``(B, in_size)``; returns ``h`` ``(B, out_size)``."""
        h, h_rest = self.h, None
        if h is not None:
            if x.shape[0] > h.shape[0]:
                raise TypeError('%s at %s: the batch size of x (shape %s) must be equal to or '
                                'less than that of the previous state h (shape %s)'
                                % (type(self).__name__, self.path, tuple(x.shape),
                                   tuple(h.shape)))
            if x.shape[0] < h.shape[0]:
                h, h_rest = F.split_axis(h, [x.shape[0]], axis=0)
        lstm_in = self._lstm_in(x, h)
        if self.c is None:
            self.c = self._zeros(x)
        self.c, y = F.lstm(self.c, lstm_in)
        self.h = y if h_rest is None else F.concat([y, h_rest], axis=0)
        return y
