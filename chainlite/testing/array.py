"""Array comparison for tests (``chainer.testing.array``).

>>> import numpy
>>> assert_allclose(numpy.ones(2), numpy.ones(2) + 1e-7)
"""
import numpy

from chainlite import backend


def _host(x):
    return backend.CPU.send(getattr(x, 'array', x))


def assert_allclose(x, y, atol=1e-5, rtol=1e-4, verbose=True):
    """Asserts that two arrays (NumPy, CuPy or Variables) are elementwise close."""
    x, y = _host(x), _host(y)
    numpy.testing.assert_allclose(x, y, atol=atol, rtol=rtol, verbose=verbose)
