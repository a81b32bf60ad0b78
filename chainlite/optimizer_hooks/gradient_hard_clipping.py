"""Elementwise clipping of gradients."""
from chainlite import backend
from chainlite.optimizer_hooks._base import Hook


class GradientHardClipping(Hook):
    """Clips every gradient element into ``[lower_bound, upper_bound]``.

    >>> import numpy, chainlite
    >>> p = chainlite.Parameter(numpy.zeros(3, 'f'))
    >>> p.grad = numpy.array([-2., 0.5, 2.], 'f')
    >>> GradientHardClipping(-1, 1)(None, p)
    >>> p.grad.tolist()
    [-1.0, 0.5, 1.0]
    """

    name = 'GradientHardClipping'
    call_for_each_param = True
    timing = 'pre'

    def __init__(self, lower_bound, upper_bound):
        if lower_bound > upper_bound:
            raise ValueError('GradientHardClipping: lower_bound %r is above upper_bound %r'
                             % (lower_bound, upper_bound))
        self.lower_bound = lower_bound
        self.upper_bound = upper_bound

    def __call__(self, rule, param):
        g = param.grad
        if g is None:
            return
        with backend.get_device_from_array(g):
            self.apply_arrays(param.array, g)

    def apply_arrays(self, p, g, loss_scale=None):
        """Clips ``g`` in place (chainlite; ``p`` and the loss scale are not used)."""
        backend.get_array_module(g).clip(g, self.lower_bound, self.upper_bound, out=g)
