"""Random matrices with prescribed singular values (``chainer.testing.generate_matrix``).

>>> import numpy
>>> m = generate_matrix((3, 3), singular_values=[3.0, 2.0, 1.0])
>>> numpy.allclose(numpy.linalg.svd(m, compute_uv=False), [3.0, 2.0, 1.0])
True
"""
import numpy


def generate_matrix(shape, dtype=float, **kwargs):
    """A random array of ``shape`` (``(..., m, n)``) whose matrices have the singular
    values ``singular_values`` (keyword, required; broadcast to ``(..., min(m, n))``)."""
    if 'singular_values' not in kwargs:
        raise TypeError('generate_matrix: singular_values is not given')
    singular_values = numpy.asarray(kwargs.pop('singular_values'))
    if kwargs:
        raise TypeError('generate_matrix got unexpected keyword argument(s) %s' % sorted(kwargs))
    dtype = numpy.dtype(dtype)
    if dtype.kind not in 'fc':
        raise TypeError('generate_matrix: dtype {} is not supported'.format(dtype))
    if len(shape) < 2:
        raise ValueError('generate_matrix: shape {} is invalid for matrices: too few axes'
                         .format(shape))
    if (singular_values < 0).any():
        raise ValueError('generate_matrix: negative singular value is given')
    *batch, m, n = shape
    k = min(m, n)
    s = numpy.broadcast_to(singular_values, tuple(batch) + (k,))
    u, _ = numpy.linalg.qr(numpy.random.randn(*batch, m, k))
    v, _ = numpy.linalg.qr(numpy.random.randn(*batch, n, k))
    a = numpy.einsum('...ik,...k,...jk->...ij', u, s, v)
    return a.astype(dtype)
