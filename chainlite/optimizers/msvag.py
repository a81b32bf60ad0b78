"""M-SVAG: momentum SGD with variance adaptation (Balles & Hennig, 2018)."""
import numpy

from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.1
_default_hyperparam.beta = 0.9
_default_hyperparam.eta = 1.0
_default_hyperparam.weight_decay_rate = 0


class MSVAGRule(optimizer.ElementwiseRule):
    """Update rule of :class:`MSVAG` (states ``m`` and ``v``)."""

    def __init__(self, parent_hyperparam=None, lr=None, beta=None, eta=None,
                 weight_decay_rate=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, beta=beta, eta=eta, weight_decay_rate=weight_decay_rate)

    def init_state(self, param):
        self.state['m'] = optimizer.zeros_like_param(param)
        self.state['v'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        hp = self.hyperparam
        beta, t = hp.beta, self.t
        m, v = state['m'], state['v']
        m += (1 - beta) * (grad - m)
        v += (1 - beta) * (grad * grad - v)
        mt = m / (1 - beta ** t)
        vt = v / (1 - beta ** t)
        mt2 = mt * mt
        # rho is 1 at t=1; capping it keeps the variance estimate finite
        rho = min((1 - beta) * (1 + beta ** t) / ((1 + beta) * (1 - beta ** t)), 1 - 1e-4)
        s = (vt - mt2) / (1 - rho)
        with numpy.errstate(invalid='ignore', divide='ignore'):
            factor = xp.clip(mt2 / (mt2 + rho * s), 0, 1)
        factor = xp.where(factor == factor, factor, 0)  # 0/0 where m and v are 0
        # (lr * mt) * factor, Chainer 7.8.1's rounding order
        param -= hp.eta * (lr * mt * factor + hp.weight_decay_rate * param)


class MSVAG(optimizer.GradientMethod):
    """M-SVAG.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.MSVAG().beta
    0.9
    """

    lr = optimizer.HyperparameterProxy('lr')
    beta = optimizer.HyperparameterProxy('beta')
    eta = optimizer.HyperparameterProxy('eta')
    weight_decay_rate = optimizer.HyperparameterProxy('weight_decay_rate')

    def __init__(self, lr=_default_hyperparam.lr, beta=_default_hyperparam.beta,
                 eta=_default_hyperparam.eta,
                 weight_decay_rate=_default_hyperparam.weight_decay_rate):
        super().__init__()
        self._set_hyperparams(lr=lr, beta=beta, eta=eta, weight_decay_rate=weight_decay_rate)

    def create_update_rule(self):
        return MSVAGRule(self.hyperparam)
