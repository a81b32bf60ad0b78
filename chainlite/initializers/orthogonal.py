"""The Orthogonal initializer (Saxe et al., 2014)."""
from chainlite import backend
from chainlite.initializers._base import RandomInitializer

# mode -> (needs out <= in, needs out >= in)
_MODES = {
    'auto': (False, False),
    'projection': (True, False),
    'embedding': (False, True),
    'basis': (True, True),
}


class Orthogonal(RandomInitializer):
    """Fills ``scale`` times a random matrix with orthonormal rows or columns.

    The array is seen as a matrix of ``shape[0]`` outputs by ``prod(shape[1:])``
    inputs. With fewer outputs than inputs its rows are orthonormal (a
    projection), otherwise its columns are (an embedding); a square one is an
    orthogonal basis. ``mode`` ('auto', 'projection', 'embedding', 'basis')
    demands one of these and rejects shapes that cannot have it.

    The matrix is the sign-corrected Q of the QR decomposition of a standard
    normal draw, the same draw Chainer makes, so seeds reproduce its values.

    >>> import numpy
    >>> W = numpy.empty((2, 3), numpy.float64)
    >>> Orthogonal(scale=1.0)(W)
    >>> numpy.allclose(W @ W.T, numpy.eye(2))
    True
    """

    def __init__(self, scale=1.1, dtype=None, mode='auto', *, rng=None):
        if mode not in _MODES:
            raise ValueError('Orthogonal: invalid mode %r; choose from %s'
                             % (mode, ', '.join(repr(m) for m in _MODES)))
        super().__init__(dtype, rng)
        self.scale = scale
        self.mode = mode

    def __call__(self, array):
        self._check_dtype(array)
        if array.size == 0:
            raise ValueError('Orthogonal: the array to fill must be non-empty, got shape %s'
                             % (array.shape,))
        n_out = array.shape[0] if array.ndim else 1
        n_in = array.size // n_out
        need_projection, need_embedding = _MODES[self.mode]
        if (need_projection and n_out > n_in) or (need_embedding and n_out < n_in):
            raise ValueError('Orthogonal: cannot make an orthogonal %s of shape %s '
                             '(read as %d inputs and %d outputs)'
                             % (self.mode, array.shape, n_in, n_out))
        xp = backend.get_array_module(array)
        rng = self.rng if self.rng is not None else xp.random
        a = backend.get_device_from_array(array).send(rng.normal(size=(n_out, n_in)))
        transposed = n_out < n_in
        q, r = xp.linalg.qr(a.T if transposed else a)
        q *= xp.sign(xp.diag(r))
        if transposed:
            q = q.T
        array[...] = (q * self.scale).reshape(array.shape)
