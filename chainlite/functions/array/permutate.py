from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array._axis import normalize_axis


class Permutate(FunctionNode):
    """Reorders one axis by a permutation; the gradient applies the inverse."""

    def __init__(self, indices, axis, inv):
        self.indices = indices
        self.axis = axis
        self.inv = inv

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        idx = xp.argsort(self.indices) if self.inv else self.indices
        return xp.take(x, idx, axis=self.axis),

    def backward(self, indexes, grad_outputs):
        return Permutate(self.indices, self.axis, not self.inv).apply(grad_outputs)


def permutate(x, indices, axis=0, inv=False):
    """Permutes ``x`` along ``axis``: ``y[i] = x[indices[i]]`` (or ``y[indices[i]] = x[i]``
    with ``inv=True``).

    >>> import numpy, chainlite.functions as F
    >>> F.permutate(numpy.array([10.0, 20.0, 30.0]), numpy.array([2, 0, 1])).array
    array([30., 10., 20.])
    """
    indices = getattr(indices, 'array', indices)
    axis = normalize_axis('permutate', axis, len(x.shape))
    n = x.shape[axis]
    if getattr(indices, 'ndim', None) != 1 or indices.dtype.kind not in 'iu':
        raise ValueError('permutate: indices must be a one-dimensional int array, got %r'
                         % (indices,))
    xp = backend.get_array_module(indices)
    if indices.shape[0] != n or not bool((xp.sort(indices) == xp.arange(n)).all()):
        raise ValueError('permutate: indices must be a permutation of range(%d) (the length of '
                         'axis %d of shape %s)' % (n, axis, tuple(x.shape)))
    return Permutate(indices, axis, inv).apply((x,))[0]
