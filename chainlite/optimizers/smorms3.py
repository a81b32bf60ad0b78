"""SMORMS3 (Simon Funk, 2015)."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.001
_default_hyperparam.eps = 1e-16


class SMORMS3Rule(optimizer.ElementwiseRule):
    """Update rule of :class:`SMORMS3` (states ``mem``, ``g``, ``g2``)."""

    def __init__(self, parent_hyperparam=None, lr=None, eps=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, eps=eps)

    def init_state(self, param):
        self.state['mem'] = optimizer.zeros_like_param(param, 1)
        self.state['g'] = optimizer.zeros_like_param(param)
        self.state['g2'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        eps = self.hyperparam.eps
        mem, g, g2 = state['mem'], state['g'], state['g2']
        r = 1 / (mem + 1)
        g[...] = (1 - r) * g + r * grad
        g2[...] = (1 - r) * g2 + r * grad * grad
        x = g * g / (g2 + eps)
        param -= grad * xp.minimum(x, lr) / (xp.sqrt(g2) + eps)
        mem[...] = 1 + mem * (1 - x)


class SMORMS3(optimizer.GradientMethod):
    """SMORMS3.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.SMORMS3().eps
    1e-16
    """

    lr = optimizer.HyperparameterProxy('lr')
    eps = optimizer.HyperparameterProxy('eps')

    def __init__(self, lr=_default_hyperparam.lr, eps=_default_hyperparam.eps):
        super().__init__()
        self._set_hyperparams(lr=lr, eps=eps)

    def create_update_rule(self):
        return SMORMS3Rule(self.hyperparam)
