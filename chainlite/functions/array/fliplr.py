from chainlite.functions.array.flip import flip
from chainlite.utils import type_check


def fliplr(a):
    """Reverses axis 1 (left/right) of an array with at least two dimensions.

    >>> import numpy, chainlite.functions as F
    >>> F.fliplr(numpy.arange(4.0).reshape(2, 2)).array
    array([[1., 0.],
           [3., 2.]])
    """
    if len(a.shape) < 2:
        raise type_check.InvalidType(
            'a.ndim >= 2', str(len(a.shape)),
            'fliplr: needs an array of 2 or more dimensions, got shape %s' % (tuple(a.shape),))
    return flip(a, 1)
