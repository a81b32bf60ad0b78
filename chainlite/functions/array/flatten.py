from chainlite.functions.array.reshape import reshape
from chainlite.utils import size_of_shape


def flatten(x):
    """Returns ``x`` as a one-dimensional variable (C order).

    >>> import numpy, chainlite.functions as F
    >>> F.flatten(numpy.zeros((2, 3))).shape
    (6,)
    """
    return reshape(x, (size_of_shape(x.shape),))
