"""Minimal gated units (Zhou et al., 2016): ``StatelessMGU`` and ``StatefulMGU``."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.linear import Linear
from chainlite.links.rnn._state import StateMixin


class MGUBase(link.Chain):
    """``W_f`` and ``W_h``, each a Linear from ``[h, x]`` (state then input) to the state."""

    def __init__(self, n_inputs, n_units):
        super().__init__()
        self.state_size = n_units
        with self.init_scope():
            self.W_f = Linear(n_inputs + n_units, n_units)
            self.W_h = Linear(n_inputs + n_units, n_units)

    def _step(self, h, x):
        f = F.sigmoid(self.W_f(F.concat([h, x])))
        h_bar = F.tanh(self.W_h(F.concat([f * h, x])))
        return F.linear_interpolate(f, h_bar, h)  # Chainer's rounding, gradients too


class StatelessMGU(MGUBase):
    """An MGU layer that takes and returns its state::

        f = sigmoid(W_f [h, x])    h_bar = tanh(W_h [f h, x])    h' = f h_bar + (1 - f) h

    >>> import numpy, chainlite.links as L
    >>> mgu = L.StatelessMGU(3, 2)
    >>> mgu(numpy.zeros((4, 2), numpy.float32), numpy.ones((4, 3), numpy.float32)).shape
    (4, 2)
    """

    def forward(self, h, x):
        """Returns the new state from ``h`` ``(B, n_units)`` and ``x`` ``(B, n_inputs)``."""
        return self._step(h, x)


class StatefulMGU(StateMixin, MGUBase):
    """An MGU layer keeping its state ``h`` (zeros before the first call).

    >>> import numpy, chainlite.links as L
    >>> mgu = L.StatefulMGU(3, 2)
    >>> mgu(numpy.ones((4, 3), numpy.float32)).shape
    (4, 2)
    """

    def __init__(self, in_size, out_size):
        super().__init__(in_size, out_size)
        self.reset_state()

    def set_state(self, h):
        """Sets the state ``h`` ``(batch, out_size)``."""
        self._set_states(h=h)

    def forward(self, x):
        """Advances one step with ``x`` ``(B, in_size)``; returns the new ``h``."""
        if self.h is None:
            self.h = self._zeros(x)
        self._check_batch(x, self.h)
        self.h = self._step(self.h, x)
        return self.h
