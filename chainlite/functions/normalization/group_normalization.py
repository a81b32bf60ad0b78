"""Group normalization: channels split into groups, each normalized per sample.

Instance normalization is the case ``groups == channels``.

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(8.0, dtype=numpy.float32).reshape(1, 4, 2)
>>> one, zero = numpy.ones(4, numpy.float32), numpy.zeros(4, numpy.float32)
>>> F.group_normalization(x, 2, one, zero).shape
(1, 4, 2)
"""
from chainlite.functions.array.reshape import reshape
from chainlite.functions.normalization._standardize import Standardize, affine, param_shape


def group_normalization(x, groups, gamma, beta, eps=1e-5):
    """Normalizes ``x`` ``(N, C, ...)`` per sample over groups of ``C // groups`` channels.

    ``gamma`` and ``beta`` are per channel, shape ``(C,)``.
    """
    if x.ndim < 2:
        raise ValueError('group_normalization: x must be (N, C, ...); got shape %s' % (x.shape,))
    n, c = x.shape[:2]
    if c % groups:
        raise ValueError("The number of channels {} is not divisible by 'groups' argument {}."
                         .format(c, groups))
    shape = param_shape('group_normalization', x, (gamma, beta), (0,) + tuple(range(2, x.ndim)))
    xhat, _ = Standardize((2,), eps).apply((reshape(x, (n, groups, -1)),))
    return affine(reshape(xhat, x.shape), gamma, beta, shape)


def instance_normalization(x, gamma, beta, eps=1e-5):
    """Normalizes each channel of each sample of ``x`` ``(N, C, ...)`` on its own.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.array([[[1.0, 3.0], [2.0, 6.0]]], numpy.float32)
    >>> one, zero = numpy.ones(2, numpy.float32), numpy.zeros(2, numpy.float32)
    >>> F.instance_normalization(x, one, zero, eps=0.0).array.tolist()
    [[[-1.0, 1.0], [-1.0, 1.0]]]
    """
    return group_normalization(x, x.shape[1], gamma, beta, eps)
