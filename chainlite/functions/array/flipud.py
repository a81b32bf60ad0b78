from chainlite.functions.array.flip import flip
from chainlite.utils import type_check


def flipud(a):
    """Reverses axis 0 (up/down) of an array with at least one dimension.

    >>> import numpy, chainlite.functions as F
    >>> F.flipud(numpy.arange(3.0)).array
    array([2., 1., 0.])
    """
    if len(a.shape) < 1:
        raise type_check.InvalidType(
            'a.ndim >= 1', '0', 'flipud: needs an array of 1 or more dimensions, got shape ()')
    return flip(a, 0)
