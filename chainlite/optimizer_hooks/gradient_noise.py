"""Gaussian gradient noise (Neelakantan et al., 2015)."""
from chainlite import backend
from chainlite.optimizer_hooks._base import Hook


def exponential_decay_noise(xp, shape, dtype, hook, opt):
    """Gaussian noise with standard deviation ``sqrt(hook.eta / (1 + opt.t) ** 0.55)``.

    ``opt`` is the update rule when the hook runs per parameter.
    """
    std = (hook.eta / (1 + opt.t) ** 0.55) ** 0.5
    return xp.random.normal(0, std, shape).astype(dtype)


class GradientNoise(Hook):
    """Adds ``noise_func(xp, shape, dtype, hook, rule)`` to every gradient.

    >>> import numpy, chainlite
    >>> p = chainlite.Parameter(numpy.zeros(2, 'f'))
    >>> p.grad = numpy.zeros(2, 'f')
    >>> hook = GradientNoise(1.0, noise_func=lambda xp, shape, dtype, hook, opt:
    ...                      xp.ones(shape, dtype))
    >>> hook(None, p)
    >>> p.grad.tolist()
    [1.0, 1.0]
    """

    name = 'GradientNoise'
    call_for_each_param = True
    timing = 'pre'

    def __init__(self, eta, noise_func=exponential_decay_noise):
        self.eta = eta
        self.noise_func = noise_func

    def __call__(self, rule, param):
        g = param.grad
        if g is None:
            return
        xp = backend.get_array_module(g)
        with backend.get_device_from_array(g):
            g += self.noise_func(xp, g.shape, g.dtype, self, rule)
