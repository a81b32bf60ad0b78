"""Hooks that modify gradients before (or after) an update.

Add one to an optimizer (``optimizer.add_hook(hook)``: every parameter) or to
one parameter's rule (``param.update_rule.add_hook(hook)``).

>>> import chainlite.optimizer_hooks
>>> chainlite.optimizer_hooks.WeightDecay(1e-4).timing
'pre'
"""
from chainlite.optimizer_hooks.gradient_clipping import GradientClipping
from chainlite.optimizer_hooks.gradient_hard_clipping import GradientHardClipping
from chainlite.optimizer_hooks.gradient_lars import GradientLARS
from chainlite.optimizer_hooks.gradient_noise import GradientNoise, exponential_decay_noise
from chainlite.optimizer_hooks.lasso import Lasso
from chainlite.optimizer_hooks.weight_decay import WeightDecay

__all__ = ['GradientClipping', 'GradientHardClipping', 'GradientLARS', 'GradientNoise',
           'Lasso', 'WeightDecay', 'hook_arguments']

BUILTIN = (GradientClipping, GradientHardClipping, GradientLARS, GradientNoise, Lasso,
           WeightDecay)
# per-parameter hooks whose work is elementwise (``apply_arrays``): the fused
# update applies them to whole groups of parameters at once
ELEMENTWISE = (GradientHardClipping, Lasso, WeightDecay)


def hook_arguments(hook):
    """The constructor arguments of a built-in hook as a dict, or None for other hooks.

    Checkpoints use it to save hooks by class and arguments (chainlite).

    >>> hook_arguments(WeightDecay(0.1))
    {'rate': 0.1}
    """
    if type(hook) not in BUILTIN:
        return None
    args = dict(vars(hook))
    if isinstance(hook, GradientNoise):
        if args.pop('noise_func') is not exponential_decay_noise:
            return None
    return args


from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.optimizer_hooks')
