from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.utils import type_check


def depth2space(X, r):
    """Moves channel blocks into spatial blocks: ``(B, r*r*C, H, W) -> (B, C, r*H, r*W)``.

    The channel axis is read as ``(r, r, C)`` (row offset, column offset, channel),
    the inverse of :func:`space2depth`.

    >>> import numpy, chainlite.functions as F
    >>> F.depth2space(numpy.zeros((1, 8, 2, 3)), 2).shape
    (1, 2, 4, 6)
    """
    if len(X.shape) != 4 or X.shape[1] % (r * r):
        raise type_check.InvalidType(
            'X.ndim == 4 and X.shape[1] % r ** 2 == 0', 'X.shape = %s' % (tuple(X.shape),),
            'depth2space: expects a 4-D input whose channels divide by r*r = %d; got shape %s'
            % (r * r, tuple(X.shape)))
    b, c, h, w = X.shape
    c //= r * r
    y = transpose(reshape(X, (b, r, r, c, h, w)), (0, 3, 4, 1, 5, 2))
    return reshape(y, (b, c, h * r, w * r))
