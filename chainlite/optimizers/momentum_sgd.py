"""Momentum SGD: ``v = momentum * v - lr * grad; param += v``."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.01
_default_hyperparam.momentum = 0.9


class MomentumSGDRule(optimizer.ElementwiseRule):
    """Update rule of :class:`MomentumSGD` (state ``v``)."""

    def __init__(self, parent_hyperparam=None, lr=None, momentum=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, momentum=momentum)

    def init_state(self, param):
        self.state['v'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        v = state['v']
        v *= self.hyperparam.momentum
        v -= lr * grad
        param += v


class MomentumSGD(optimizer.GradientMethod):
    """Momentum SGD.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.MomentumSGD().momentum
    0.9
    """

    lr = optimizer.HyperparameterProxy('lr')
    momentum = optimizer.HyperparameterProxy('momentum')

    def __init__(self, lr=_default_hyperparam.lr, momentum=_default_hyperparam.momentum):
        super().__init__()
        self._set_hyperparams(lr=lr, momentum=momentum)

    def create_update_rule(self):
        return MomentumSGDRule(self.hyperparam)
