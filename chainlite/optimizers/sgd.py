"""Stochastic gradient descent: ``param -= lr * grad``."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.01


class SGDRule(optimizer.ElementwiseRule):
    """Update rule of :class:`SGD`."""

    def __init__(self, parent_hyperparam=None, lr=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr)

    def step(self, xp, param, grad, state, lr):
        param -= lr * grad


class SGD(optimizer.GradientMethod):
    """Vanilla stochastic gradient descent.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.SGD(lr=0.1).lr
    0.1
    """

    lr = optimizer.HyperparameterProxy('lr')

    def __init__(self, lr=_default_hyperparam.lr):
        super().__init__()
        self._set_hyperparams(lr=lr)

    def create_update_rule(self):
        return SGDRule(self.hyperparam)
