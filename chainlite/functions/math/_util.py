"""Input checks and small graph helpers shared by the math functions."""
import numpy

from chainlite.utils import force_array, type_check
from chainlite.variable import Variable


def invalid(label, expect, actual):
    """Returns an InvalidType naming the function, in Chainer's message format."""
    return type_check.InvalidType(
        expect, actual, 'Invalid operation is performed in: %s (Forward)\n\nExpect: %s\n'
        'Actual: %s' % (label, expect, actual))


def check_float(label, **arrays):
    """Raises InvalidType unless every named array has a floating dtype."""
    for name, a in arrays.items():
        if a.dtype.kind != 'f':
            raise invalid(label, '%s.dtype.kind == f' % name,
                          '%s != f (%s.dtype = %s, %s.shape = %s)'
                          % (a.dtype.kind, name, a.dtype, name, a.shape))


def check_same_dtype(label, **arrays):
    """Raises InvalidType unless the named arrays share one dtype."""
    (n0, a0), *rest = arrays.items()
    for name, a in rest:
        if a.dtype != a0.dtype:
            raise invalid(label, '%s.dtype == %s.dtype' % (n0, name),
                          '%s != %s (shapes %s and %s)' % (a0.dtype, a.dtype, a0.shape, a.shape))


def check_broadcastable(label, x1, x2):
    """Returns the broadcast shape of two arrays; raises InvalidType naming the shapes."""
    try:
        return numpy.broadcast_shapes(x1.shape, x2.shape)
    except ValueError:
        raise invalid(label, 'x1 and x2 broadcastable',
                      'x1.shape = %s, x2.shape = %s' % (x1.shape, x2.shape))


def constant(array):
    """Wraps an array as a Variable that takes no gradient (a mask, a fixed factor)."""
    return Variable(force_array(array), requires_grad=False)


def sum_to_shape(gx, shape):
    """Sums a broadcast gradient back to ``shape`` (a no-op when it already has it)."""
    if gx.shape == tuple(shape):
        return gx
    from chainlite.functions.math.sum import sum_to
    return sum_to(gx, shape)


def reduced_shape(shape, axis):
    """The shape of a reduction over ``axis`` (normalized tuple or None) with keepdims."""
    if axis is None:
        return (1,) * len(shape)
    return tuple(1 if i in axis else s for i, s in enumerate(shape))


def broadcast_reduced(v, axis, keepdims, shape):
    """Broadcasts the result ``v`` of a reduction over ``axis`` back to the input ``shape``."""
    from chainlite.functions.array.broadcast import broadcast_to
    from chainlite.functions.array.reshape import reshape
    if not keepdims:
        v = reshape(v, reduced_shape(shape, axis))
    return broadcast_to(v, shape)


def check_square(label, a, ndim):
    """Raises InvalidType unless ``a`` is a float array of square matrices of ``ndim``."""
    check_float(label, a=a)
    if a.ndim != ndim:
        raise invalid(label, 'a.ndim == %d' % ndim, '%d != %d (a.shape = %s)'
                      % (a.ndim, ndim, a.shape))
    if a.shape[-1] != a.shape[-2]:
        raise invalid(label, 'a.shape[-1] == a.shape[-2]', '%d != %d (a.shape = %s)'
                      % (a.shape[-1], a.shape[-2], a.shape))


def linalg(xp, fn, a):
    """Applies ``xp.linalg.<fn>``, in float32 for float16 input."""
    work = a.astype(numpy.float32) if a.dtype == numpy.float16 else a
    return getattr(xp.linalg, fn)(work).astype(a.dtype, copy=False)
