"""Standardization over axes, the core of every batch-statistics normalization (private).

``Standardize`` returns ``xhat = (x - mean) * s`` and ``s = (var + eps) ** -0.5``
(kept dims). Its backward is written with chainlite functions of the retained
outputs, so gradients of every order follow.

``AffineStandardize`` fuses ``gamma * xhat + beta`` into one node: plain array
arithmetic for the usual first-order backward, and the composite of
``Standardize`` when the gradient must itself be differentiable.
"""
from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sum import sum as _sum
from chainlite.utils import type_check
from chainlite.variable import Variable


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
        # 1 / sqrt(...), not ** -0.5: Chainer's rounding
        s = 1 / backend.get_array_module(x).sqrt(self.var + x.dtype.type(self.eps))
        self.retain_outputs((0, 1))
        return xc * s, s

    def backward(self, indexes, grad_outputs):
        xhat, s = self.get_retained_outputs()
        g, gs = grad_outputs
        inv_m = 1.0 / self.count
        gx = None
        if g is not None:
            # means as sum / m (not sum * (1 / m)): Chainer's rounding (group_normalization)
            m = backend.get_array_module(g).full((1,) * g.ndim, self.count, g.dtype)
            mean_g = _sum(g, self.axes, keepdims=True) / m
            mean_gx = _sum(g * xhat, self.axes, keepdims=True) / m
            gx = s * (g - mean_g - xhat * mean_gx)
        if gs is not None:  # s depends on x too: ds/dx = -s^2 xhat / m
            gx_s = xhat * (gs * s * s * -inv_m)
            gx = gx_s if gx is None else gx + gx_s
        return gx,


class AffineStandardize(FunctionNode):
    """``y = xhat * gamma + beta`` with ``xhat`` standardized over ``axes``.

    ``gamma`` and ``beta`` are reshaped to ``pshape`` (x's shape with the reduced axes
    set to 1). ``self.std`` holds the batch statistics after forward.
    """

    def __init__(self, axes, eps, pshape):
        self.axes = axes
        self.eps = eps
        self.pshape = pshape

    def forward(self, inputs):
        x, gamma, beta = inputs
        self.retain_inputs((0, 1))
        self.std = Standardize(self.axes, self.eps)
        self.xhat, self.s = self.std.forward((x,))
        y = self.xhat * gamma.reshape(self.pshape)
        y += beta.reshape(self.pshape)
        return y,

    def backward(self, indexes, grad_outputs):
        x, gamma = self.get_retained_inputs()
        gy, = grad_outputs
        if config.enable_backprop:
            return self._differentiable_backward(x, gamma, gy)
        gy, xhat = gy.array, self.xhat
        gamma = gamma.array.reshape(self.pshape)
        paxes = self._param_axes()
        gbeta = gy.sum(axis=paxes, keepdims=True)
        ggamma = (gy * xhat).sum(axis=paxes, keepdims=True)
        inv_m = 1.0 / self.std.count
        if paxes == self.axes:
            # batch normalization: the parameters' sums serve, rounded in Chainer's order
            gx = xhat * ggamma
            gx += gbeta
            gx *= inv_m
            gx = gy - gx
            gx *= gamma * self.s
        else:
            # gx = s * (gxhat - mean(gxhat) - xhat * mean(gxhat * xhat)), over self.axes
            gxhat = gy * gamma
            gx = xhat * ((gxhat * xhat).sum(axis=self.axes, keepdims=True) * inv_m)
            gx += gxhat.sum(axis=self.axes, keepdims=True) * inv_m
            gx = gxhat - gx
            gx *= self.s
        shape = self.inputs[1].shape
        return Variable(gx), Variable(ggamma.reshape(shape)), Variable(gbeta.reshape(shape))

    def _param_axes(self):
        return tuple(i for i, d in enumerate(self.pshape) if d == 1)

    def _differentiable_backward(self, x, gamma, gy):
        std = Standardize(self.axes, self.eps)
        xhat, _ = std.apply((x,))
        gx, = std.backward((0,), (gy * reshape(gamma, self.pshape), None))
        paxes = self._param_axes()
        ggamma = reshape(_sum(gy * xhat, paxes, keepdims=True), gamma.shape)
        gbeta = reshape(_sum(gy, paxes, keepdims=True), gamma.shape)
        return gx, ggamma, gbeta


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


def update_running(std, running_mean, running_var, decay):
    """Moves the running statistics toward the batch's (variance unbiased), in place."""
    if running_mean is not None:
        running_mean *= decay
        running_mean += (1 - decay) * std.mean.reshape(running_mean.shape)
    if running_var is not None:
        m = std.count
        running_var *= decay
        running_var += (1 - decay) * m / max(m - 1, 1) * std.var.reshape(running_var.shape)
