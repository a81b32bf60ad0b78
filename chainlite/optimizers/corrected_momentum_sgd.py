"""Momentum SGD with the learning rate outside the momentum (Goyal et al., 2017)."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.01
_default_hyperparam.momentum = 0.9


class CorrectedMomentumSGDRule(optimizer.ElementwiseRule):
    """Update rule of :class:`CorrectedMomentumSGD` (state ``v``).

    ``v = momentum * v - grad; param += lr * v``
    """

    def __init__(self, parent_hyperparam=None, lr=None, momentum=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, momentum=momentum)

    def init_state(self, param):
        self.state['v'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        v = state['v']
        v *= self.hyperparam.momentum
        v -= grad
        param += lr * v


class CorrectedMomentumSGD(optimizer.GradientMethod):
    """Momentum SGD whose momentum is unaffected by learning-rate changes.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.CorrectedMomentumSGD().lr
    0.01
    """

    lr = optimizer.HyperparameterProxy('lr')
    momentum = optimizer.HyperparameterProxy('momentum')

    def __init__(self, lr=_default_hyperparam.lr, momentum=_default_hyperparam.momentum):
        super().__init__()
        self._set_hyperparams(lr=lr, momentum=momentum)

    def create_update_rule(self):
        return CorrectedMomentumSGDRule(self.hyperparam)
