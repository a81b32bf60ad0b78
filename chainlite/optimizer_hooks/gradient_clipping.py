"""Clipping of the global gradient norm."""
import math

from chainlite import backend
from chainlite.optimizer_hooks._base import Hook


def _sum_sqnorm(arrays):
    total = 0.0
    for a in arrays:
        a = a.ravel()
        total += float(a.dot(a))
    return total


class GradientClipping(Hook):
    """Rescales all gradients so that their joint L2 norm is at most ``threshold``.

    It works on the whole optimizer (``optimizer.add_hook``), not on one rule.

    >>> import numpy, chainlite, chainlite.optimizers
    >>> net = chainlite.Chain()
    >>> with net.init_scope():
    ...     net.w = chainlite.Parameter(numpy.array([3., 4.], 'f'))
    >>> opt = chainlite.optimizers.SGD(lr=0).setup(net)
    >>> opt.add_hook(GradientClipping(1.0))
    >>> net.w.grad = numpy.array([3., 4.], 'f')
    >>> opt.update()
    >>> net.w.grad.tolist()
    [0.6000000238418579, 0.800000011920929]
    """

    name = 'GradientClipping'
    call_for_each_param = False
    timing = 'pre'

    def __init__(self, threshold):
        self.threshold = threshold

    def __call__(self, opt):
        rate = self.scale_factor(opt)
        if rate is not None:
            for g in _grads(opt):
                with backend.get_device_from_array(g):
                    g *= rate

    def scale_factor(self, opt):
        """The factor the grads are multiplied by, None when their norm is within the
        threshold (chainlite; the fused update applies it to whole groups)."""
        norm = math.sqrt(_sum_sqnorm(_grads(opt)))
        if norm == 0:
            return None
        rate = self.threshold / norm
        return rate if rate < 1 else None


def _grads(opt):
    return [p.grad for p in opt.target.params(include_uninit=False) if p.grad is not None]
