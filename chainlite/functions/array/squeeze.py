from chainlite.functions.array._axis import normalize_axes
from chainlite.functions.array.reshape import reshape


def squeeze(x, axis=None):
    """Removes axes of length one (all of them, or those in ``axis``).

    >>> import numpy, chainlite.functions as F
    >>> F.squeeze(numpy.zeros((1, 3, 1))).shape
    (3,)
    """
    shape = tuple(x.shape)
    if axis is None:
        axes = tuple(i for i, s in enumerate(shape) if s == 1)
    else:
        axes = normalize_axes('squeeze', axis, len(shape))
        bad = [a for a in axes if shape[a] != 1]
        if bad:
            raise ValueError('squeeze: cannot squeeze axis %r of shape %s (length is not one)'
                             % (bad[0], shape))
    return reshape(x, tuple(s for i, s in enumerate(shape) if i not in axes))
