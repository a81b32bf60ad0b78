"""Nesterov's accelerated gradient (in the form of Sutskever et al., 2013)."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.01
_default_hyperparam.momentum = 0.9


class NesterovAGRule(optimizer.ElementwiseRule):
    """Update rule of :class:`NesterovAG` (state ``v``)."""

    def __init__(self, parent_hyperparam=None, lr=None, momentum=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, momentum=momentum)

    def init_state(self, param):
        self.state['v'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        mu = self.hyperparam.momentum
        v = state['v']
        v *= mu
        v -= lr * grad
        param += mu * mu * v
        param -= (1 + mu) * lr * grad


class NesterovAG(optimizer.GradientMethod):
    """Nesterov's accelerated gradient.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.NesterovAG(lr=0.1).hyperparam.get_dict()
    {'lr': 0.1, 'momentum': 0.9}
    """

    lr = optimizer.HyperparameterProxy('lr')
    momentum = optimizer.HyperparameterProxy('momentum')

    def __init__(self, lr=_default_hyperparam.lr, momentum=_default_hyperparam.momentum):
        super().__init__()
        self._set_hyperparams(lr=lr, momentum=momentum)

    def create_update_rule(self):
        return NesterovAGRule(self.hyperparam)
