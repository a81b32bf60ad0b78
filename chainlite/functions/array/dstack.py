from chainlite.functions.array.hstack import check_same_ndim, join
from chainlite.functions.array.reshape import reshape


def dstack(xs):
    """Concatenates variables along the third axis (``numpy.dstack``).

    0-D inputs become ``(1, 1, 1)``, 1-D ``(N,)`` become ``(1, N, 1)`` and
    2-D ``(M, N)`` become ``(M, N, 1)`` first.

    >>> import numpy, chainlite.functions as F
    >>> F.dstack((numpy.zeros((2, 3)), numpy.ones((2, 3)))).shape
    (2, 3, 2)
    """
    xs = list(xs)
    ndim = check_same_ndim('dstack', xs)
    if ndim <= 2:
        xs = [reshape(x, ((1, 1) + tuple(x.shape) + (1,))[-3:]) for x in xs]
    return join('dstack', xs, 2)
