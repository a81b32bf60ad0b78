"""RMSprop in the form of Graves (2013), with momentum."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 1e-4
_default_hyperparam.alpha = 0.95
_default_hyperparam.momentum = 0.9
_default_hyperparam.eps = 1e-4


class RMSpropGravesRule(optimizer.ElementwiseRule):
    """Update rule of :class:`RMSpropGraves` (states ``n``, ``g``, ``delta``)."""

    def __init__(self, parent_hyperparam=None, lr=None, alpha=None, momentum=None, eps=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, alpha=alpha, momentum=momentum, eps=eps)

    def init_state(self, param):
        for key in ('n', 'g', 'delta'):
            self.state[key] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        hp = self.hyperparam
        n, g, delta = state['n'], state['g'], state['delta']
        n *= hp.alpha
        n += (1 - hp.alpha) * grad * grad
        g *= hp.alpha
        g += (1 - hp.alpha) * grad
        delta *= hp.momentum
        delta -= lr * grad / xp.sqrt(n - g * g + hp.eps)
        param += delta


class RMSpropGraves(optimizer.GradientMethod):
    """Alex Graves's RMSprop.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.RMSpropGraves().momentum
    0.9
    """

    lr = optimizer.HyperparameterProxy('lr')
    alpha = optimizer.HyperparameterProxy('alpha')
    momentum = optimizer.HyperparameterProxy('momentum')
    eps = optimizer.HyperparameterProxy('eps')

    def __init__(self, lr=_default_hyperparam.lr, alpha=_default_hyperparam.alpha,
                 momentum=_default_hyperparam.momentum, eps=_default_hyperparam.eps):
        super().__init__()
        self._set_hyperparams(lr=lr, alpha=alpha, momentum=momentum, eps=eps)

    def create_update_rule(self):
        return RMSpropGravesRule(self.hyperparam)
