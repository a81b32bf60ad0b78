"""Array-shape helpers of ``chainer.utils.array`` (plain arrays, not Variables).

>>> import numpy
>>> as_mat(numpy.zeros((2, 3, 4))).shape
(2, 12)
>>> sum_to(numpy.ones((2, 3)), (1, 3)).tolist()
[[2.0, 2.0, 2.0]]
"""
from chainlite import backend
from chainlite.utils import size_of_shape  # NOQA  (also part of this module in Chainer)


def as_vec(x):
    """``x`` flattened to 1-D (a view when possible)."""
    return x if x.ndim == 1 else x.ravel()


def as_mat(x):
    """``x`` reshaped to 2-D, keeping the first axis."""
    return x if x.ndim == 2 else x.reshape(len(x), -1)


def empty_like(x):
    """An uninitialized array of ``x``'s shape and dtype on ``x``'s device."""
    return backend.get_array_module(x).empty_like(x)


def sum_to(x, shape):
    """Sums array ``x`` over its leading and broadcast (size-1 in ``shape``) axes, so that
    it gets ``shape``: the adjoint of broadcasting ``shape`` to ``x.shape``."""
    shape = tuple(shape)
    if x.shape == shape:
        return x
    lead = x.ndim - len(shape)
    if lead > 0 and x.shape[lead:] == shape:  # the common case: summing leading axes away
        return x.sum(axis=tuple(range(lead)))
    if lead < 0:
        raise ValueError('sum_to: cannot sum shape %s to the larger shape %s' % (x.shape, shape))
    for i, s in enumerate(shape):
        if s != 1 and x.shape[i + lead] != s:
            raise ValueError('sum_to: cannot sum shape %s to shape %s' % (x.shape, shape))
    axes = tuple(range(lead)) + tuple(
        i + lead for i, s in enumerate(shape) if s == 1 and x.shape[i + lead] != 1)
    y = x.sum(axis=axes, keepdims=True) if axes else x
    return y.reshape(shape) if lead else y
