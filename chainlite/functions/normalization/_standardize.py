"""Standardization over axes, the core of every batch-statistics normalization (private).

``Standardize`` returns ``xhat = (x - mean) * s`` and ``s = (var + eps) ** -0.5``
(kept dims). Its backward is written with chainlite functions of the retained
outputs, so gradients of every order follow.
"""
from chainlite.function_node import FunctionNode
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sum import sum as _sum
from chainlite.utils import type_check


class Standardize(FunctionNode):

    def __init__(self, axes, eps):
        self.axes = axes
        self.eps = eps

    def forward(self, inputs):
        x, = inputs
        self.mean = x.mean(axis=self.axes, keepdims=True)
        self.count = x.size // max(1, self.mean.size)
        xc = x - self.mean
        self.var = (xc * xc).mean(axis=self.axes, keepdims=True)
        s = (self.var + x.dtype.type(self.eps)) ** x.dtype.type(-0.5)
        self.retain_outputs((0, 1))
        return xc * s, s

    def backward(self, indexes, grad_outputs):
        xhat, s = self.get_retained_outputs()
        g, gs = grad_outputs
        inv_m = 1.0 / self.count
        gx = None
        if g is not None:
            mean_g = _sum(g, self.axes, keepdims=True) * inv_m
            mean_gx = _sum(g * xhat, self.axes, keepdims=True) * inv_m
            gx = s * (g - mean_g - xhat * mean_gx)
        if gs is not None:  # s depends on x too: ds/dx = -s^2 xhat / m
            gx_s = xhat * (gs * s * s * -inv_m)
            gx = gx_s if gx is None else gx + gx_s
        return gx,


def default_axes(x_ndim, gamma_ndim):
    """Chainer's default: the batch axis and the axes after gamma's."""
    return (0,) + tuple(range(gamma_ndim + 1, x_ndim))


def param_shape(name, x, params, axes):
    """Checks each of ``params`` has the shape of x's kept axes; returns the kept-dims shape."""
    kept = tuple(d for i, d in enumerate(x.shape) if i not in axes)
    for p in params:
        if p.shape != kept or p.dtype != x.dtype or x.dtype.kind != 'f':
            raise type_check.InvalidType(
                'parameter.shape == %s and dtype == x.dtype' % (kept,),
                '%s %s' % (p.shape, p.dtype),
                '%s: x %s %s reduced over axes %s needs parameters of shape %s and dtype %s; '
                'got %s %s' % (name, x.shape, x.dtype, axes, kept, x.dtype, p.shape, p.dtype))
    return tuple(1 if i in axes else d for i, d in enumerate(x.shape))


def affine(xhat, gamma, beta, shape):
    """``xhat * gamma + beta`` with the parameters reshaped to broadcast as ``shape``."""
    return xhat * reshape(gamma, shape) + reshape(beta, shape)


def update_running(node, running_mean, running_var, decay):
    """Moves the running statistics toward the batch's (variance unbiased), in place."""
    if running_mean is not None:
        running_mean *= decay
        running_mean += (1 - decay) * node.mean.reshape(running_mean.shape)
    if running_var is not None:
        m = node.count
        running_var *= decay
        running_var += (1 - decay) * m / max(m - 1, 1) * node.var.reshape(running_var.shape)
