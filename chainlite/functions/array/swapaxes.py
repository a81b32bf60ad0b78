from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.transpose import transpose


def swapaxes(x, axis1, axis2):
    """Interchanges two axes of ``x`` (``numpy.swapaxes``).

    >>> import numpy, chainlite.functions as F
    >>> F.swapaxes(numpy.zeros((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
    """
    ndim = len(x.shape)
    a = normalize_axis('swapaxes', axis1, ndim)
    b = normalize_axis('swapaxes', axis2, ndim)
    axes = list(range(ndim))
    axes[a], axes[b] = b, a
    return transpose(x, tuple(axes))
