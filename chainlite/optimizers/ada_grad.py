"""AdaGrad: ``h += grad ** 2; param -= lr * grad / (sqrt(h) + eps)``."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.001
_default_hyperparam.eps = 1e-8


class AdaGradRule(optimizer.ElementwiseRule):
    """Update rule of :class:`AdaGrad` (state ``h``)."""

    def __init__(self, parent_hyperparam=None, lr=None, eps=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, eps=eps)

    def init_state(self, param):
        self.state['h'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        h = state['h']
        h += grad * grad
        param -= lr * grad / (xp.sqrt(h) + self.hyperparam.eps)


class AdaGrad(optimizer.GradientMethod):
    """AdaGrad (Duchi et al., 2011).

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.AdaGrad().eps
    1e-08
    """

    lr = optimizer.HyperparameterProxy('lr')
    eps = optimizer.HyperparameterProxy('eps')

    def __init__(self, lr=_default_hyperparam.lr, eps=_default_hyperparam.eps):
        super().__init__()
        self._set_hyperparams(lr=lr, eps=eps)

    def create_update_rule(self):
        return AdaGradRule(self.hyperparam)
