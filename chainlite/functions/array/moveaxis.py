from chainlite.functions.array._axis import normalize_axes
from chainlite.functions.array.transpose import transpose


def moveaxis(x, source, destination):
    """Moves axes ``source`` to positions ``destination`` (``numpy.moveaxis``).

    >>> import numpy, chainlite.functions as F
    >>> F.moveaxis(numpy.zeros((2, 3, 4)), 0, -1).shape
    (3, 4, 2)
    """
    ndim = len(x.shape)
    src = normalize_axes('moveaxis', source, ndim)
    dst = normalize_axes('moveaxis', destination, ndim)
    if len(src) != len(dst):
        raise ValueError('moveaxis: source %r and destination %r must have the same '
                         'number of elements' % (source, destination))
    axes = [a for a in range(ndim) if a not in src]
    for d, s in sorted(zip(dst, src)):
        axes.insert(d, s)
    return transpose(x, tuple(axes))
