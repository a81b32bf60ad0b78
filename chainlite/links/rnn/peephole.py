"""The LSTM with peephole connections: ``StatefulPeepholeLSTM``."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.linear import Linear
from chainlite.links.rnn._state import StateMixin


class StatefulPeepholeLSTM(StateMixin, link.Chain):
    """An LSTM layer whose gates also see the cell (Gers and Schmidhuber, 2000)::

        i = sigmoid(i_x + peep_i(c))    f = sigmoid(f_x + peep_f(c))
        c' = tanh(a_x) i + f c          o = sigmoid(o_x + peep_o(c'))    h' = o tanh(c')

    where ``a_x, i_x, f_x, o_x`` are ``upward(x) + lateral(h)`` read as
    :func:`chainlite.functions.lstm` reads its gates. Keeps ``c`` and ``h``.

    >>> import numpy, chainlite.links as L
    >>> lstm = L.StatefulPeepholeLSTM(3, 2)
    >>> lstm(numpy.ones((4, 3), numpy.float32)).shape
    (4, 2)
    """

    _state_names = ('c', 'h')

    def __init__(self, in_size, out_size):
        super().__init__()
        self.state_size = out_size
        with self.init_scope():
            self.upward = Linear(in_size, 4 * out_size)
            self.lateral = Linear(out_size, 4 * out_size, nobias=True)
            self.peep_i = Linear(out_size, out_size, nobias=True)
            self.peep_f = Linear(out_size, out_size, nobias=True)
            self.peep_o = Linear(out_size, out_size, nobias=True)
        self.reset_state()

    def forward(self, x):
        """Advances one step with ``x`` ``(B, in_size)``; returns the new ``h``."""
        lstm_in = self.upward(x)
        if self.h is not None:
            self._check_batch(x, self.h)
            lstm_in = lstm_in + self.lateral(self.h)
        if self.c is None:
            self.c = self._zeros(x)
        gates = F.reshape(lstm_in, (x.shape[0], self.state_size, 4))
        a, i, f, o = F.separate(gates, axis=2)
        i = F.sigmoid(i + self.peep_i(self.c))
        f = F.sigmoid(f + self.peep_f(self.c))
        self.c = F.tanh(a) * i + f * self.c
        o = F.sigmoid(o + self.peep_o(self.c))
        self.h = o * F.tanh(self.c)
        return self.h
