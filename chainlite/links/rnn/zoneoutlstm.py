"""The LSTM with zoneout (Krueger et al., 2016): ``StatefulZoneoutLSTM``."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.linear import Linear
from chainlite.links.rnn._state import StateMixin
from chainlite.utils import argument


class StatefulZoneoutLSTM(StateMixin, link.Chain):
    """An LSTM layer whose units keep their previous ``c`` (``h``) with probability
    ``c_ratio`` (``h_ratio``) in training (:func:`chainlite.functions.zoneout`).

    Outside training it is a plain LSTM. Keeps ``c`` and ``h``.

    >>> import numpy, chainlite.links as L
    >>> lstm = L.StatefulZoneoutLSTM(3, 2)
    >>> lstm(numpy.ones((4, 3), numpy.float32)).shape
    (4, 2)
    """

    _state_names = ('c', 'h')

    def __init__(self, in_size, out_size, c_ratio=0.5, h_ratio=0.5, **kwargs):
        argument.check_unexpected_kwargs(
            kwargs, train='train argument is not supported anymore. '
            'Use chainlite.using_config')
        argument.assert_kwargs_empty(kwargs)
        super().__init__()
        self.state_size = out_size
        self.c_ratio = c_ratio
        self.h_ratio = h_ratio
        self.reset_state()
        with self.init_scope():
            self.upward = Linear(in_size, 4 * out_size)
            self.lateral = Linear(out_size, 4 * out_size, nobias=True)

    def set_state(self, c, h):
        """Sets the cell state ``c`` and the output ``h``, both ``(batch, out_size)``."""
        self._set_states(c=c, h=h)

    def forward(self, x):
        """Advances one step with ``x`` ``(B, in_size)``; returns the new ``h``."""
        lstm_in = self.upward(x)
        if self.h is None:
            self.h = self._zeros(x)
        else:
            self._check_batch(x, self.h)
            lstm_in = lstm_in + self.lateral(self.h)
        if self.c is None:
            self.c = self._zeros(x)
        c, h = F.lstm(self.c, lstm_in)
        self.c = F.zoneout(self.c, c, self.c_ratio)
        self.h = F.zoneout(self.h, h, self.h_ratio)
        return self.h
