from chainlite.functions.array.hstack import check_same_ndim, join
from chainlite.functions.array.reshape import reshape
from chainlite.utils import size_of_shape


def vstack(xs):
    """Concatenates variables vertically (``numpy.vstack``): 0-D and 1-D inputs become rows.

    >>> import numpy, chainlite.functions as F
    >>> F.vstack((numpy.zeros(3), numpy.ones(3))).shape
    (2, 3)
    """
    xs = list(xs)
    if check_same_ndim('vstack', xs) <= 1:
        xs = [reshape(x, (1, size_of_shape(x.shape))) for x in xs]
    return join('vstack', xs, 0)
