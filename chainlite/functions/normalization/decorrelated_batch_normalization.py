"""Decorrelated batch normalization: ZCA whitening of each group of channels.

Channels are split into ``groups`` consecutive blocks; each block is centred
and multiplied by ``(cov + eps I) ** -1/2`` (its covariance over the batch and
spatial axes), so its channels come out uncorrelated with unit variance.

>>> import numpy, chainlite.functions as F
>>> x = numpy.random.RandomState(0).randn(50, 4)
>>> y = F.decorrelated_batch_normalization(x, groups=2, eps=0.0).array
>>> numpy.allclose(y[:, :2].T @ y[:, :2] / 50, numpy.eye(2))
True
"""
from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.matmul import matmul
from chainlite.utils import type_check
from chainlite.variable import as_variable


def _check(name, x, groups):
    if getattr(x, 'ndim', 0) < 2 or x.dtype.kind != 'f' or x.shape[1] % groups:
        raise type_check.InvalidType(
            'x (N, C, ...) float with C % groups == 0', '%s %s' % (x.shape, x.dtype),
            '%s: x must be a float array (N, C, ...) whose C is divisible by groups=%d; got %s %s'
            % (name, groups, x.shape, x.dtype))


def _to_groups(x, groups):
    """``(N, C, ...)`` -> ``(groups, C // groups, N * spatial)``."""
    n, c = x.shape[:2]
    return x.reshape(n, groups, c // groups, -1).transpose(1, 2, 0, 3).reshape(
        groups, c // groups, -1)


def _from_groups(y, shape):
    n, c = shape[:2]
    g = y.shape[0]
    return y.reshape(g, c // g, n, -1).transpose(2, 0, 1, 3).reshape(shape)


class DecorrelatedBatchNormalization(FunctionNode):

    def __init__(self, groups, eps):
        self.groups = groups
        self.eps = eps

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        xs = _to_groups(x, self.groups)
        self.count = xs.shape[-1]
        self.mean = xs.mean(axis=-1)
        self.xc = xs - self.mean[..., None]
        cov = self.xc @ self.xc.transpose(0, 2, 1) / self.count
        cov += self.eps * xp.eye(cov.shape[-1], dtype=x.dtype)
        self.eigval, self.eigvec = xp.linalg.eigh(cov)
        v = self.eigvec
        self.projection = (v * self.eigval[:, None, :] ** -0.5) @ v.transpose(0, 2, 1)
        return _from_groups(self.projection @ self.xc, x.shape),

    def backward(self, indexes, grad_outputs):
        if config.enable_backprop:
            raise NotImplementedError(
                'Double backward is not implemented for decorrelated batch normalization.')
        gy = _to_groups(grad_outputs[0].array, self.groups)
        xp = backend.get_array_module(gy)
        xc, p, v, lam = self.xc, self.projection, self.eigvec, self.eigval
        # y = P xc with P = f(cov), f(l) = l ** -1/2, cov = xc xc^T / m + eps I.
        gp = gy @ xc.transpose(0, 2, 1)
        f = lam ** -0.5
        diff = lam[:, :, None] - lam[:, None, :]
        close = xp.abs(diff) <= 1e-12 * xp.abs(lam[:, :, None])
        mid = (lam[:, :, None] + lam[:, None, :]) / 2
        k = xp.where(close, -0.5 * mid ** -1.5,
                     (f[:, :, None] - f[:, None, :]) / xp.where(close, 1, diff))
        vt = v.transpose(0, 2, 1)
        gcov = v @ (k * (vt @ gp @ v)) @ vt
        gxc = p @ gy + (gcov + gcov.transpose(0, 2, 1)) @ xc / self.count
        gxc -= gxc.mean(axis=-1, keepdims=True)
        return as_variable(_from_groups(gxc, grad_outputs[0].shape)),


def decorrelated_batch_normalization(x, *, groups=16, eps=2e-5, running_mean=None,
                                     running_projection=None, decay=0.9):
    """Whitens ``x`` ``(N, C, ...)`` per group of ``C // groups`` channels with batch statistics.

    ``running_mean`` ``(groups, C // groups)`` and ``running_projection``
    ``(groups, C // groups, C // groups)`` are updated in place when given:
    ``r = decay * r + (1 - decay) * batch`` (the projection scaled by
    ``m / (m - 1)`` for ``m`` samples per channel, as Chainer does).
    Double backpropagation is not supported (as in Chainer).
    """
    _check('decorrelated_batch_normalization', x, groups)
    node = DecorrelatedBatchNormalization(groups, eps)
    y, = node.apply((x,))
    if running_mean is not None:
        running_mean *= decay
        running_mean += (1 - decay) * node.mean
    if running_projection is not None:
        m = node.count
        running_projection *= decay
        running_projection += (1 - decay) * m / max(m - 1, 1) * node.projection
    return y


def fixed_decorrelated_batch_normalization(x, mean, projection, groups=16):
    """Whitens ``x`` with given statistics: ``projection[g] @ (x_g - mean[g])`` per group.

    ``mean`` is ``(groups, C // groups)`` and ``projection`` ``(groups, C // groups, C // groups)``;
    differentiable (to any order) with respect to all three inputs.
    """
    _check('fixed_decorrelated_batch_normalization', x, groups)
    n, c = x.shape[:2]
    cg = c // groups
    x4 = reshape(as_variable(x), (n, groups, cg, -1))
    y = matmul(projection, x4 - reshape(mean, (1, groups, cg, 1)))
    return reshape(y, x.shape)
