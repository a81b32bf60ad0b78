"""Sampling from a Gaussian with the reparameterization trick."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.noise import _util
from chainlite.utils import force_array, type_check


def _scaled_noise(ln_var, eps):
    xp = backend.get_array_module(ln_var)
    return xp.exp(ln_var * ln_var.dtype.type(0.5)) * eps


class ScaledNoise(FunctionNode):
    """``exp(ln_var / 2) * eps`` for a fixed ``eps``; its own derivative up to a factor."""

    def __init__(self, eps):
        self.eps = eps

    def forward(self, inputs):
        self.retain_inputs((0,))
        return force_array(_scaled_noise(inputs[0], self.eps)),

    def backward(self, indexes, grad_outputs):
        ln_var, = self.get_retained_inputs()
        return grad_outputs[0] * ScaledNoise(self.eps).apply((ln_var,))[0] * 0.5,


class Gaussian(FunctionNode):
    """``mean + exp(ln_var / 2) * eps`` with ``eps ~ N(0, 1)`` drawn on the first call."""

    def __init__(self, eps=None):
        self.eps = eps

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('mean', 'ln_var'))
        m, v = in_types
        type_check.expect(m.dtype.kind == 'f', m.dtype == v.dtype, m.shape == v.shape)
        if self.eps is not None:
            type_check.expect(m.shape == self.eps.shape)

    def forward(self, inputs):
        mean, ln_var = inputs
        xp = backend.get_array_module(mean)
        if self.eps is None:
            # numpy.random.standard_normal then a cast, as Chainer draws it (seed parity).
            self.eps = xp.asarray(xp.random.standard_normal(ln_var.shape)).astype(mean.dtype)
        self.eps = self.eps.astype(mean.dtype, copy=False)
        self.retain_inputs((1,))
        return force_array(mean + _scaled_noise(ln_var, self.eps)),

    def backward(self, indexes, grad_outputs):
        ln_var, = self.get_retained_inputs()
        gy, = grad_outputs
        ret = []
        if 0 in indexes:
            ret.append(gy)
        if 1 in indexes:
            ret.append(gy * ScaledNoise(self.eps).apply((ln_var,))[0] * 0.5)
        return tuple(ret)


def gaussian(mean, ln_var, **kwargs):
    """Samples ``mean + exp(ln_var / 2) * eps``, ``eps ~ N(0, I)``, differentiably.

    The sample is drawn in training and in test mode alike (as in Chainer).
    Keyword arguments: ``eps`` (use this noise instead of drawing it) and
    ``return_eps`` (also return the noise used).

    >>> import numpy, chainlite.functions as F
    >>> y = F.gaussian(numpy.zeros(2), numpy.zeros(2), eps=numpy.array([1.0, -1.0]))
    >>> y.array
    array([ 1., -1.])
    """
    eps, return_eps = _util.pop_kwargs('gaussian', kwargs, eps=None, return_eps=False)
    func = Gaussian(eps)
    y, = func.apply((mean, ln_var))
    return (y, func.eps) if return_eps else y
