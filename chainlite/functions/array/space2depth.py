from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.utils import type_check


def space2depth(X, r):
    """Moves spatial ``r x r`` blocks into channels: ``(B, C, H, W) -> (B, r*r*C, H/r, W/r)``.

    The inverse of :func:`depth2space`.

    >>> import numpy, chainlite.functions as F
    >>> F.space2depth(numpy.zeros((1, 2, 4, 6)), 2).shape
    (1, 8, 2, 3)
    """
    if len(X.shape) != 4 or X.shape[2] % r or X.shape[3] % r:
        raise type_check.InvalidType(
            'X.ndim == 4 and X.shape[2] % r == X.shape[3] % r == 0',
            'X.shape = %s' % (tuple(X.shape),),
            'space2depth: expects a 4-D input whose height and width divide by r = %d; got '
            'shape %s' % (r, tuple(X.shape)))
    b, c, h, w = X.shape
    h //= r
    w //= r
    y = transpose(reshape(X, (b, c, h, r, w, r)), (0, 3, 5, 1, 2, 4))
    return reshape(y, (b, r * r * c, h, w))
