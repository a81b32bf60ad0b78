"""Batch normalization with batch statistics, or with given ones (``fixed_...``).

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[1.0, 2.0], [3.0, 6.0]], numpy.float32)
>>> g, b = numpy.ones(2, numpy.float32), numpy.zeros(2, numpy.float32)
>>> F.batch_normalization(x, g, b, eps=0.0).array.tolist()
[[-1.0, -1.0], [1.0, 1.0]]
"""
import warnings

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sqrt import sqrt
from chainlite.functions.math.sum import sum as _sum
from chainlite.functions.normalization._standardize import (AffineStandardize, default_axes,
                                                            param_shape, update_running)
from chainlite.utils import size_of_shape

# Chainer's words
_ONE_SAMPLE = ('A batch with no more than one sample has been given to F.batch_normalization. '
               'F.batch_normalization will always output a zero tensor for such batches. This '
               'could be caused by incorrect configuration in your code (such as running '
               'evaluation while chainer.config.train=True), but could also happen in the last '
               'batch of training if non-repeating iterator is used.')


class BatchNormalization(AffineStandardize):
    """The node of :func:`batch_normalization`, under Chainer's name (graph dumps and
    function hooks show it)."""


class FixedBatchNormalization(FunctionNode):
    """The node of :func:`fixed_batch_normalization`, rounded as Chainer 7.8.1's, forward
    and backward: ``inv = sqrt(1 / (var + eps))``, ``y = gamma ((x - mean) inv) + beta``;
    its backward is made of chainlite functions, so it is differentiable again."""

    def __init__(self, axes, eps, pshape):
        self.axes = axes
        self.eps = eps
        self.pshape = pshape

    def forward(self, inputs):
        x, gamma, beta, mean, var = inputs
        self.retain_inputs((0, 1, 3, 4))
        p = self.pshape
        inv = backend.get_array_module(x).sqrt(1 / (var + self.eps)).reshape(p)
        return gamma.reshape(p) * ((x - mean.reshape(p)) * inv) + beta.reshape(p),

    def backward(self, indexes, grad_outputs):
        x, gamma, mean, var = self.get_retained_inputs()
        gy, = grad_outputs
        p = self.pshape
        inv_var = 1 / (var + self.eps)
        inv = sqrt(inv_var)
        gamma_inv = gamma * inv
        xhat = (x - reshape(mean, p)) * reshape(inv, p)
        ggamma = _sum(gy * xhat, self.axes)
        gbeta = _sum(gy, self.axes)
        gvar = gamma * ggamma * inv_var * -0.5
        return gy * reshape(gamma_inv, p), ggamma, gbeta, -gamma_inv * gbeta, gvar


def _axes(x, gamma, axis):
    if axis is None:
        return default_axes(x.ndim, gamma.ndim)
    axes = axis if isinstance(axis, tuple) else (axis,)
    return tuple(a % x.ndim for a in axes)


def batch_normalization(x, gamma, beta, *, eps=2e-5, running_mean=None, running_var=None,
                        decay=0.9, axis=None):
    """Normalizes ``x`` by its mean and variance over ``axis``, then scales and shifts.

    ``axis`` defaults to the batch axis and the axes after ``gamma``'s (so
    ``gamma`` of shape ``(C,)`` normalizes per channel of ``(N, C, H, W)``).
    When given, ``running_mean``/``running_var`` are updated in place:
    ``r = decay * r + (1 - decay) * batch`` with the unbiased batch variance.
    Batch statistics are used whatever ``config.train`` says (as in Chainer).
    """
    axes = _axes(x, gamma, axis)
    shape = param_shape('batch_normalization', x, (gamma, beta), axes)
    if x.size <= size_of_shape(gamma.shape):  # one sample per statistic
        warnings.warn(_ONE_SAMPLE, UserWarning, stacklevel=2)
    node = BatchNormalization(axes, eps, shape)
    y, = node.apply((x, gamma, beta))
    update_running(node.std, running_mean, running_var, decay)
    return y


def fixed_batch_normalization(x, gamma, beta, mean, var, eps=2e-5, axis=None):
    """``gamma * (x - mean) / sqrt(var + eps) + beta`` with given statistics (for inference).

    Differentiable with respect to every input, ``mean`` and ``var`` included.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.full((1, 2), 3.0, numpy.float32)
    >>> one, zero = numpy.ones(2, numpy.float32), numpy.zeros(2, numpy.float32)
    >>> F.fixed_batch_normalization(x, one, zero, one, 4 * one, eps=0.0).array.tolist()
    [[1.0, 1.0]]
    """
    axes = _axes(x, gamma, axis)
    shape = param_shape('fixed_batch_normalization', x, (gamma, beta, mean, var), axes)
    return FixedBatchNormalization(axes, eps, shape).apply((x, gamma, beta, mean, var))[0]
