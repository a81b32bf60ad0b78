"""GRU links: ``StatelessGRU``, ``StatefulGRU`` and ``GRU`` (stateful, as in Chainer 2+)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.linear import Linear
from chainlite.links.rnn._state import StateMixin


class GRUBase(link.Chain):
    """The six linear maps of a GRU: ``W_*`` from the input, ``U_*`` from the state.

    Created in the order W_r, U_r, W_z, U_z, W, U (Chainer's draw order);
    ``init`` initializes the ``W`` weights, ``inner_init`` the ``U`` weights,
    ``bias_init`` every bias.
    """

    def __init__(self, in_size, out_size, init=None, inner_init=None, bias_init=None):
        super().__init__()
        self.state_size = out_size
        with self.init_scope():
            for gate in ('_r', '_z', ''):
                setattr(self, 'W' + gate, Linear(in_size, out_size, initialW=init,
                                                 initial_bias=bias_init))
                setattr(self, 'U' + gate, Linear(out_size, out_size, initialW=inner_init,
                                                 initial_bias=bias_init))


class StatelessGRU(GRUBase):
    """A GRU layer that takes and returns its state::

        z = sigmoid(W_z x + U_z h)      r = sigmoid(W_r x + U_r h)
        h_bar = tanh(W x + U (r h))     h' = z h_bar + (1 - z) h

    >>> import numpy, chainlite.links as L
    >>> gru = L.StatelessGRU(3, 2)
    >>> h = numpy.zeros((4, 2), numpy.float32)
    >>> gru(h, numpy.ones((4, 3), numpy.float32)).shape
    (4, 2)
    """

    def forward(self, h, x):
        """Returns the new state from ``h`` ``(B, out_size)`` and ``x`` ``(B, in_size)``."""
        z = F.sigmoid(self.W_z(x) + self.U_z(h))
        r = F.sigmoid(self.W_r(x) + self.U_r(h))
        h_bar = F.tanh(self.W(x) + self.U(r * h))
        return F.linear_interpolate(z, h_bar, h)  # Chainer's rounding


class StatefulGRU(StateMixin, GRUBase):
    """A GRU layer keeping its state ``h`` between calls (see :class:`StatelessGRU`).

    The first step (no state) computes ``h' = z h_bar`` with ``z`` and
    ``h_bar`` from the input alone.

    >>> import numpy, chainlite.links as L
    >>> gru = L.StatefulGRU(3, 2)
    >>> y = gru(numpy.ones((4, 3), numpy.float32))
    >>> gru(numpy.ones((4, 3), numpy.float32)).shape
    (4, 2)
    """

    def __init__(self, in_size, out_size, init=None, inner_init=None, bias_init=0):
        super().__init__(in_size, out_size, init, inner_init, bias_init)
        self.reset_state()

    def set_state(self, h):
        """Sets the state ``h`` ``(batch, out_size)``."""
        self._set_states(h=h)

    def forward(self, x):
        """Advances one step with ``x`` ``(B, in_size)``; returns the new ``h``."""
        z, h_bar, h = self.W_z(x), self.W(x), self.h
        if h is not None:
            self._check_batch(x, h)
            r = F.sigmoid(self.W_r(x) + self.U_r(h))
            z = z + self.U_z(h)
            h_bar = h_bar + self.U(r * h)
        z, h_bar = F.sigmoid(z), F.tanh(h_bar)
        self.h = z * h_bar if h is None else F.linear_interpolate(z, h_bar, h)
        return self.h


class GRU(StatefulGRU):
    """Chainer's ``L.GRU``: the stateful GRU (:class:`StatefulGRU`).

    Called with two arguments (Chainer 1's stateless ``GRU(h, x)``) it raises
    ValueError pointing to :class:`StatelessGRU`.

    >>> import numpy, chainlite.links as L
    >>> L.GRU(3, 2)(numpy.ones((1, 3), numpy.float32)).shape
    (1, 2)
    """

    def forward(self, *args):
        if len(args) != 1:
            raise ValueError('Invalid argument. The length of GRU.forward must be 1. But %d is '
                             'given. In Chainer v2, chainer.links.GRU is changed from stateless '
                             'to stateful. One possibility is you assume GRU to be stateless. '
                             'Use chainlite.links.StatelessGRU instead.' % len(args))
        return super().forward(args[0])
