from chainlite.functions.array.concat import check_same_shapes_except, concat
from chainlite.functions.array.reshape import reshape


def check_same_ndim(name, xs):
    if not xs:
        raise ValueError('%s: needs at least one input' % name)
    ndims = [len(x.shape) for x in xs]
    if any(n != ndims[0] for n in ndims):
        raise ValueError('%s: inputs must have the same ndim; got shapes %s'
                         % (name, [tuple(x.shape) for x in xs]))
    return ndims[0]


def join(name, xs, axis):
    """Concatenates after checking the shapes, so errors name the public function."""
    check_same_shapes_except(name, xs, axis)
    return concat(xs, axis)


def hstack(xs):
    """Concatenates variables horizontally (``numpy.hstack``): along axis 1, or 0 for 1-D.

    >>> import numpy, chainlite.functions as F
    >>> F.hstack((numpy.zeros((2, 3)), numpy.ones((2, 1)))).shape
    (2, 4)
    """
    xs = list(xs)
    ndim = check_same_ndim('hstack', xs)
    if ndim == 0:
        xs = [reshape(x, (1,)) for x in xs]
    return join('hstack', xs, 0 if ndim <= 1 else 1)
