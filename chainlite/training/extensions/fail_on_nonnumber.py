"""FailOnNonNumber: stop training as soon as a parameter becomes NaN or Inf."""
from chainlite import backend
from chainlite.training import extension


class FailOnNonNumber(extension.Extension):
    """Raises RuntimeError naming the parameter whose values are not finite.

    >>> FailOnNonNumber().trigger
    (1, 'iteration')
    """

    def __init__(self, *, check_grad=True):
        self._check_grad = check_grad

    def __call__(self, trainer):
        for name, optimizer in trainer.updater.get_all_optimizers().items():
            for path, param in optimizer.target.namedparams(include_uninit=False):
                arrays = [('value', param.array)]
                if self._check_grad and param.grad is not None:
                    arrays.append(('gradient', param.grad))
                for what, a in arrays:
                    xp = backend.get_array_module(a)
                    if not bool(xp.isfinite(a).all()):
                        raise RuntimeError(
                            'Kill the process since parameters in optimizer %r diverge: the %s '
                            'of %s is not finite (R.I.P.)' % (name, what, path))
