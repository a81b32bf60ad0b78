"""Adam and its variants: AdamW, AMSGrad, AdaBound and AMSBound.

``lr_factor`` multiplies ``alpha``; the bias-corrected step size uses the
rule's own ``t``.
"""
import math
import warnings

import numpy

from chainlite import optimizer
from chainlite.optimizers import _jit

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.alpha = 0.001
_default_hyperparam.beta1 = 0.9
_default_hyperparam.beta2 = 0.999
_default_hyperparam.eps = 1e-8
_default_hyperparam.eta = 1.0
_default_hyperparam.weight_decay_rate = 0
_default_hyperparam.amsgrad = False
_default_hyperparam.adabound = False
_default_hyperparam.final_lr = 0.1
_default_hyperparam.gamma = 1e-3


def _learning_rate(hp, t):
    if t == 0:
        raise RuntimeError("Can't determine the learning rate of Adam optimizer "
                           'because the update steps have not been started.')
    return hp.alpha * math.sqrt(1 - hp.beta2 ** t) / (1 - hp.beta1 ** t)


def _warn_lr(owner):
    warnings.warn('%s.lr has been renamed to AdamRule.alpha_t. Use of %s.lr is deprecated in '
                  'Chainer v6.' % (owner, owner), DeprecationWarning)


class AdamRule(optimizer.ElementwiseRule):
    """Update rule of :class:`Adam` (states ``m``, ``v``, and ``vhat`` with amsgrad)."""

    _lr_name = 'alpha'
    _saved_attributes = ('initial_alpha',)

    def __init__(self, parent_hyperparam=None, alpha=None, beta1=None, beta2=None, eps=None,
                 eta=None, weight_decay_rate=None, amsgrad=None, adabound=None, final_lr=None,
                 gamma=None):
        super().__init__(parent_hyperparam or _default_hyperparam)
        self._override(alpha=alpha, beta1=beta1, beta2=beta2, eps=eps, eta=eta,
                       weight_decay_rate=weight_decay_rate, amsgrad=amsgrad, adabound=adabound,
                       final_lr=final_lr, gamma=gamma)
        # AdaBound's bounds scale with alpha / initial_alpha: the alpha when the
        # rule is made (the optimizer's at setup), as in Chainer
        self.initial_alpha = self.hyperparam.alpha

    def init_state(self, param):
        self.state['m'] = optimizer.zeros_like_param(param)
        self.state['v'] = optimizer.zeros_like_param(param)
        if self.hyperparam.amsgrad:
            self.state['vhat'] = optimizer.zeros_like_param(param)

    def step(self, xp, param, grad, state, lr):
        # In-place temporaries; the values are those of Chainer's
        # param *= 1 - eta * weight_decay_rate; param -= eta * (alpha_t / (sqrt(vhat) + eps) * m)
        hp = self.hyperparam
        m, v = state['m'], state['v']
        t = self.t
        alpha_t = lr * math.sqrt(1 - hp.beta2 ** t) / (1 - hp.beta1 ** t)
        if xp is numpy and not hp.amsgrad and not hp.adabound and _jit.adam_step(
                param, grad, m, v, 1 - hp.beta1, 1 - hp.beta2, alpha_t, hp.eps,
                1 - hp.eta * hp.weight_decay_rate, hp.eta):
            return
        if param.dtype == numpy.float16:
            # as Chainer: a float16 step is computed in float32 from the float16
            # states (each rounded when stored); the weight decay stays float16
            grad = grad.astype(numpy.float32)
        tmp = grad - m
        tmp *= 1 - hp.beta1
        m += tmp
        xp.multiply(grad, grad, out=tmp)
        tmp -= v
        tmp *= 1 - hp.beta2
        v += tmp
        vhat = v
        if hp.amsgrad:
            vhat = state['vhat']
            xp.maximum(vhat, v, out=vhat)
        step = xp.sqrt(vhat, out=tmp, dtype=tmp.dtype)
        step += hp.eps
        xp.divide(alpha_t, step, out=step)
        if hp.adabound:
            final_lr = hp.final_lr * lr / self.initial_alpha
            xp.clip(step, final_lr * (1 - 1 / (hp.gamma * t + 1)),
                    final_lr * (1 + 1 / (hp.gamma * t)), out=step)
        step *= m
        if hp.weight_decay_rate != 0:
            param *= 1 - hp.eta * hp.weight_decay_rate
        if hp.eta != 1:
            step *= hp.eta
        param -= step

    def single_pass_on_cpu(self):
        hp = self.hyperparam
        return not hp.amsgrad and not hp.adabound and _jit.has_adam()

    @property
    def alpha_t(self):
        """The bias-corrected step size at this rule's ``t``."""
        return _learning_rate(self.hyperparam, self.t)

    @property
    def lr(self):
        """Deprecated alias of :attr:`alpha_t` (as in Chainer)."""
        _warn_lr('AdamRule')
        return self.alpha_t


class Adam(optimizer.GradientMethod):
    """Adam (Kingma & Ba, 2015) with weight decay (AdamW), AMSGrad and AdaBound options.

    >>> import chainlite.optimizers
    >>> opt = chainlite.optimizers.Adam(alpha=0.01, amsgrad=True)
    >>> opt.alpha, opt.amsgrad
    (0.01, True)
    """

    _lr_name = 'alpha'
    alpha = optimizer.HyperparameterProxy('alpha')
    beta1 = optimizer.HyperparameterProxy('beta1')
    beta2 = optimizer.HyperparameterProxy('beta2')
    eps = optimizer.HyperparameterProxy('eps')
    eta = optimizer.HyperparameterProxy('eta')
    weight_decay_rate = optimizer.HyperparameterProxy('weight_decay_rate')
    amsgrad = optimizer.HyperparameterProxy('amsgrad')
    adabound = optimizer.HyperparameterProxy('adabound')
    final_lr = optimizer.HyperparameterProxy('final_lr')
    gamma = optimizer.HyperparameterProxy('gamma')

    def __init__(self, alpha=_default_hyperparam.alpha, beta1=_default_hyperparam.beta1,
                 beta2=_default_hyperparam.beta2, eps=_default_hyperparam.eps,
                 eta=_default_hyperparam.eta,
                 weight_decay_rate=_default_hyperparam.weight_decay_rate,
                 amsgrad=_default_hyperparam.amsgrad, adabound=_default_hyperparam.adabound,
                 final_lr=_default_hyperparam.final_lr, gamma=_default_hyperparam.gamma):
        super().__init__()
        self._set_hyperparams(alpha=alpha, beta1=beta1, beta2=beta2, eps=eps, eta=eta,
                              weight_decay_rate=weight_decay_rate, amsgrad=amsgrad,
                              adabound=adabound, final_lr=final_lr, gamma=gamma)

    def create_update_rule(self):
        return AdamRule(self.hyperparam)

    @property
    def alpha_t(self):
        """The bias-corrected step size at the optimizer's ``t``."""
        return _learning_rate(self.hyperparam, self.t)

    @property
    def lr(self):
        """Deprecated alias of :attr:`alpha_t` (as in Chainer)."""
        _warn_lr('Adam')
        return self.alpha_t


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter): ``weight_decay_rate``."""

    def __init__(self, alpha=_default_hyperparam.alpha, beta1=_default_hyperparam.beta1,
                 beta2=_default_hyperparam.beta2, eps=_default_hyperparam.eps,
                 eta=_default_hyperparam.eta,
                 weight_decay_rate=_default_hyperparam.weight_decay_rate):
        super().__init__(alpha=alpha, beta1=beta1, beta2=beta2, eps=eps, eta=eta,
                         weight_decay_rate=weight_decay_rate)


class AMSGrad(Adam):
    """Adam with ``amsgrad=True`` (Reddi et al., 2018)."""

    def __init__(self, alpha=_default_hyperparam.alpha, beta1=_default_hyperparam.beta1,
                 beta2=_default_hyperparam.beta2, eps=_default_hyperparam.eps,
                 eta=_default_hyperparam.eta):
        super().__init__(alpha=alpha, beta1=beta1, beta2=beta2, eps=eps, eta=eta, amsgrad=True)


class AdaBound(Adam):
    """Adam with ``adabound=True`` (Luo et al., 2019)."""

    def __init__(self, alpha=_default_hyperparam.alpha, beta1=_default_hyperparam.beta1,
                 beta2=_default_hyperparam.beta2, final_lr=_default_hyperparam.final_lr,
                 gamma=_default_hyperparam.gamma, eps=_default_hyperparam.eps,
                 eta=_default_hyperparam.eta):
        super().__init__(alpha=alpha, beta1=beta1, beta2=beta2, eps=eps, eta=eta,
                         adabound=True, final_lr=final_lr, gamma=gamma)


class AMSBound(Adam):
    """Adam with ``amsgrad=True`` and ``adabound=True``."""

    def __init__(self, alpha=_default_hyperparam.alpha, beta1=_default_hyperparam.beta1,
                 beta2=_default_hyperparam.beta2, final_lr=_default_hyperparam.final_lr,
                 gamma=_default_hyperparam.gamma, eps=_default_hyperparam.eps,
                 eta=_default_hyperparam.eta):
        super().__init__(alpha=alpha, beta1=beta1, beta2=beta2, eps=eps, eta=eta,
                         amsgrad=True, adabound=True, final_lr=final_lr, gamma=gamma)
