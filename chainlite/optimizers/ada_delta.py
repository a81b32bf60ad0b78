"""AdaDelta (Zeiler, 2012); it has no learning rate, so ``lr_factor`` scales its step."""
from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.rho = 0.95
_default_hyperparam.eps = 1e-6


class AdaDeltaRule(optimizer.ElementwiseRule):
    """Update rule of :class:`AdaDelta` (states ``msg`` and ``msdx``)."""

    _lr_name = None

    def __init__(self, parent_hyperparam=None, rho=None, eps=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(rho=rho, eps=eps)

    def init_state(self, param):
        self.state['msg'] = optimizer.zeros_like_param(param)
        self.state['msdx'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        rho, eps = self.hyperparam.rho, self.hyperparam.eps
        msg, msdx = state['msg'], state['msdx']
        msg *= rho
        msg += (1 - rho) * grad * grad
        dx = xp.sqrt((msdx + eps) / (msg + eps)) * grad
        msdx *= rho
        msdx += (1 - rho) * dx * dx
        param -= lr * dx  # lr is the lr_factor (exact when 1)


class AdaDelta(optimizer.GradientMethod):
    """AdaDelta.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.AdaDelta().rho
    0.95
    """

    _lr_name = None
    rho = optimizer.HyperparameterProxy('rho')
    eps = optimizer.HyperparameterProxy('eps')

    def __init__(self, rho=_default_hyperparam.rho, eps=_default_hyperparam.eps):
        super().__init__()
        self._set_hyperparams(rho=rho, eps=eps)

    def create_update_rule(self):
        return AdaDeltaRule(self.hyperparam)
