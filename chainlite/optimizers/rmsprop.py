"""RMSprop (Tieleman & Hinton, 2012)."""
import numpy

from chainlite import optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 0.01
_default_hyperparam.alpha = 0.99
_default_hyperparam.eps = 1e-8
_default_hyperparam.eps_inside_sqrt = False


class RMSpropRule(optimizer.ElementwiseRule):
    """Update rule of :class:`RMSprop` (state ``ms``)."""

    def __init__(self, parent_hyperparam=None, lr=None, alpha=None, eps=None,
                 eps_inside_sqrt=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(lr=lr, alpha=alpha, eps=eps, eps_inside_sqrt=eps_inside_sqrt)

    def init_state(self, param):
        self.state['ms'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        hp = self.hyperparam
        if param.dtype == numpy.float16 and hp.eps != 0 and numpy.float16(hp.eps) == 0:
            # (as Chainer) an eps that float16 rounds to 0 would divide by zero
            raise ValueError('eps of RMSprop optimizer is too small for float16 (%s)'
                             % float(hp.eps))
        ms = state['ms']
        ms *= hp.alpha
        ms += (1 - hp.alpha) * grad * grad
        if hp.eps_inside_sqrt:
            denom = xp.sqrt(ms + hp.eps)
        else:
            denom = xp.sqrt(ms) + hp.eps
        param -= lr * grad / denom


class RMSprop(optimizer.GradientMethod):
    """RMSprop; ``eps_inside_sqrt=True`` puts eps under the square root.

    >>> import chainlite.optimizers
    >>> chainlite.optimizers.RMSprop().alpha
    0.99
    """

    lr = optimizer.HyperparameterProxy('lr')
    alpha = optimizer.HyperparameterProxy('alpha')
    eps = optimizer.HyperparameterProxy('eps')
    eps_inside_sqrt = optimizer.HyperparameterProxy('eps_inside_sqrt')

    def __init__(self, lr=_default_hyperparam.lr, alpha=_default_hyperparam.alpha,
                 eps=_default_hyperparam.eps, eps_inside_sqrt=_default_hyperparam.eps_inside_sqrt):
        super().__init__()
        self._set_hyperparams(lr=lr, alpha=alpha, eps=eps, eps_inside_sqrt=eps_inside_sqrt)

    def create_update_rule(self):
        return RMSpropRule(self.hyperparam)
