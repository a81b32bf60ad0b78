import numpy

from chainlite.functions.array._axis import normalize_axis
from chainlite.functions.array.transpose import transpose
from chainlite.utils import type_check


def rollaxis(x, axis, start=0):
    """Rolls ``axis`` backwards until it lies before position ``start`` (``numpy.rollaxis``).

    >>> import numpy, chainlite.functions as F
    >>> F.rollaxis(numpy.zeros((2, 3, 4)), 2).shape
    (4, 2, 3)
    """
    ndim = len(x.shape)
    axis = normalize_axis('rollaxis', axis, ndim)
    if not isinstance(start, (int, numpy.integer)) or isinstance(start, bool):
        raise TypeError('rollaxis: start must be an int, not %r' % (start,))
    if not -ndim <= start <= ndim:
        raise type_check.InvalidType(
            '-%d <= start <= %d' % (ndim, ndim), 'start = %d' % start,
            'rollaxis: start %d is out of range for an array of dimension %d' % (start, ndim))
    start = start + ndim if start < 0 else start
    if axis < start:
        start -= 1
    axes = [a for a in range(ndim) if a != axis]
    axes.insert(start, axis)
    return transpose(x, tuple(axes))
