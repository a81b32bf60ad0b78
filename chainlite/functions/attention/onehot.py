"""One-hot encoding and decoding of class labels (MATLAB's onehotencode / onehotdecode)."""
import numpy
from numpy.lib.array_utils import normalize_axis_index

from chainlite import backend


def onehot_encode(t, n_class, axis=1, dtype=numpy.float32):
    """Turns integer labels ``t`` into one-hot vectors along a new axis ``axis``.

    The output has ``t``'s shape with ``n_class`` inserted at ``axis`` (by
    default axis 1, the class axis of Chainer's functions, e.g. ``(N, C, L)``
    for labels ``(N, L)``). Returns an array, not a Variable.

    >>> import numpy, chainlite.functions as F
    >>> F.onehot_encode(numpy.array([2, 0]), 3)
    array([[0., 0., 1.],
           [1., 0., 0.]], dtype=float32)
    """
    t = getattr(t, 'array', t)
    xp = backend.get_array_module(t)
    t = xp.asarray(t)
    if t.dtype.kind not in 'iu':
        raise TypeError('onehot_encode: labels must be integers, got %s' % t.dtype)
    axis = normalize_axis_index(axis, t.ndim + 1, msg_prefix='onehot_encode')
    if t.size and (int(t.min()) < 0 or int(t.max()) >= n_class):
        raise ValueError('onehot_encode: labels must lie in [0, %d); got values in [%d, %d]'
                         % (n_class, int(t.min()), int(t.max())))
    classes = xp.arange(n_class).reshape((n_class,) + (1,) * (t.ndim - axis))
    return (xp.expand_dims(t, axis) == classes).astype(dtype)


def onehot_decode(y, axis=1, classes=None):
    """Returns the class with the largest score along ``axis`` (the inverse of onehot_encode).

    ``y`` holds one-hot vectors or scores (an array or Variable). With
    ``classes`` (a sequence), the class names are returned instead of indices.

    >>> import numpy, chainlite.functions as F
    >>> F.onehot_decode(numpy.array([[0.1, 0.7, 0.2]]), classes=['cat', 'dog', 'fox'])
    array(['dog'], dtype='<U3')
    """
    y = getattr(y, 'array', y)
    xp = backend.get_array_module(y)
    index = xp.asarray(y).argmax(axis=axis)
    if classes is None:
        return index
    classes = xp.asarray(classes)
    if classes.shape[0] != y.shape[axis]:
        raise ValueError('onehot_decode: %d classes given for %d scores along axis %d'
                         % (classes.shape[0], y.shape[axis], axis))
    return classes[index]
