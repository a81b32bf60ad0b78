"""Recurrent state kept by the stateful links (private)."""
import numpy

from chainlite import backend
from chainlite.variable import Variable, as_variable


class StateMixin:
    """Keeps the state Variables named in ``_state_names`` (None until the first call).

    ``reset_state()`` forgets them; ``to_device`` (on the link or any parent) moves them
    with the parameters.
    """

    _state_names = ('h',)

    def reset_state(self):
        """Forgets the state: the next call starts from zeros."""
        for name in self._state_names:
            setattr(self, name, None)

    def _to_device_own(self, device):
        super()._to_device_own(device)
        for name in self._state_names:
            state = getattr(self, name)
            if state is not None:
                state.to_device(device)

    def _set_states(self, **states):
        """Sets states of shape ``(batch, state_size)``, checking them (Variables or arrays)."""
        batch = None
        for name, value in states.items():
            if not isinstance(value, (Variable, numpy.ndarray)) and not backend.is_gpu_array(value):
                raise TypeError('%s at %s: set_state needs a Variable or an array for %s, got %s'
                                % (type(self).__name__, self.path, name, type(value).__name__))
            shape = tuple(value.shape)
            if len(shape) != 2 or shape[1] != self.state_size or \
                    (batch is not None and shape[0] != batch):
                raise ValueError('%s at %s: %s must be (batch, %d) like the other states, got %s'
                                 % (type(self).__name__, self.path, name, self.state_size, shape))
            batch = shape[0]
        for name, value in states.items():
            setattr(self, name, as_variable(value))

    def _zeros(self, x):
        """A zero state for the batch of ``x``."""
        xp = backend.get_array_module(x)
        return Variable(xp.zeros((x.shape[0], self.state_size), x.dtype))

    def _check_batch(self, x, state):
        if x.shape[0] != state.shape[0]:
            raise ValueError('%s at %s: the batch size of x (shape %s) must equal that of the '
                             'state (shape %s); call reset_state() to start a new batch'
                             % (type(self).__name__, self.path, tuple(x.shape), tuple(state.shape)))
