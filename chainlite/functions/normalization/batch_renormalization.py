"""Batch renormalization (Ioffe, 2017): batch statistics corrected toward the running ones.

``y = gamma * (xhat * r + d) + beta`` with ``r = clip(sigma_batch / sigma_running, 1/rmax, rmax)``
and ``d = clip((mean_batch - mean_running) / sigma_running, -dmax, dmax)``, where
``r`` and ``d`` are constants for the gradient.

>>> import numpy, chainlite.functions as F
>>> x = numpy.array([[1.0], [3.0]], numpy.float32)
>>> one, zero = numpy.ones(1, numpy.float32), numpy.zeros(1, numpy.float32)
>>> F.batch_renormalization(x, one, zero, 1.0, 0.0, eps=0.0, running_mean=zero.copy(),
...                         running_var=one.copy()).array.ravel().tolist()
[-1.0, 1.0]
"""
from chainlite import backend
from chainlite.configuration import config
from chainlite.functions.normalization._standardize import (AffineStandardize, default_axes,
                                                            param_shape, update_running)
from chainlite.functions.normalization.batch_normalization import fixed_batch_normalization
from chainlite.variable import as_variable


def batch_renormalization(x, gamma, beta, rmax, dmax, eps=2e-5, running_mean=None,
                          running_var=None, decay=0.9, update_statistics=False):
    """Batch renormalization (training mode); ``update_statistics`` updates the running ones.

    ``running_mean`` and ``running_var`` are required (they define ``r`` and ``d``).
    In test mode use :func:`fixed_batch_renormalization`.
    """
    if running_mean is None:
        raise TypeError('running_mean is required')
    if running_var is None:
        raise TypeError('running_var is required')
    if not config.train:
        raise RuntimeError('batch_renormalization works in training mode only (config.train is '
                           'False); use fixed_batch_renormalization for inference')
    axes = default_axes(x.ndim, gamma.ndim)
    shape = param_shape('batch_renormalization', x, (gamma, beta, running_mean, running_var),
                        axes)
    xp = backend.get_array_module(running_var)
    data = getattr(x, 'array', x)
    mean = data.mean(axis=axes)
    var = data.var(axis=axes)
    sigma = xp.sqrt(running_var + eps)
    r = xp.clip(xp.sqrt(var + eps) / sigma, 1 / rmax, rmax).astype(data.dtype, copy=False)
    d = xp.clip((mean - running_mean) / sigma, -dmax, dmax).astype(data.dtype, copy=False)
    # y = gamma * (xhat * r + d) + beta, with r and d constants.
    gamma = as_variable(gamma)
    node = AffineStandardize(axes, eps, shape)
    y, = node.apply((x, gamma * r, gamma * d + beta))
    if update_statistics:
        update_running(node.std, running_mean, running_var, decay)
    return y


def fixed_batch_renormalization(x, gamma, beta, mean, var, eps=2e-5):
    """Inference form of batch renormalization: :func:`fixed_batch_normalization`."""
    return fixed_batch_normalization(x, gamma, beta, mean, var, eps)
