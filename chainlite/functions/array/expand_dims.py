from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.reshape import reshape


def expand_dims(x, axis):
    """Inserts an axis of length one at ``axis`` (``numpy.expand_dims``).

    >>> import numpy, chainlite.functions as F
    >>> F.expand_dims(numpy.zeros((2, 3)), -1).shape
    (2, 3, 1)
    """
    shape = tuple(x.shape)
    axis = normalize_axis('expand_dims', axis, len(shape) + 1)
    return reshape(x, shape[:axis] + (1,) + shape[axis:])
