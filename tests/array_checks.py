"""Shared checks for the array-function tests: forward vs a NumPy reference, then
first- and second-order gradient checks in float64."""
import numpy

from chainlite import gradient_check, testing


def as_tuple(y):
    return tuple(y) if isinstance(y, (tuple, list)) else (y,)


def check_all(f, xs, expected, double=True, rng=None, atol=1e-12, rtol=1e-12):
    """``f`` takes the float64 arrays ``xs``; ``expected`` is the reference output(s)."""
    rng = numpy.random.RandomState(1) if rng is None else rng
    xs = tuple(numpy.asarray(x, numpy.float64) for x in as_tuple(xs))
    ys = as_tuple(f(*xs))
    expected = as_tuple(expected)
    assert len(ys) == len(expected)
    for y, e in zip(ys, expected):
        assert y.shape == numpy.shape(e), (y.shape, numpy.shape(e))
        assert y.dtype == numpy.float64
        testing.assert_allclose(y.array, e, atol=atol, rtol=rtol)
    gys = tuple(rng.standard_normal(y.shape) for y in ys)
    gradient_check.check_backward(f, xs, gys, dtype=numpy.float64, atol=1e-7, rtol=1e-6)
    if double:
        ggxs = tuple(rng.standard_normal(x.shape) for x in xs)
        gradient_check.check_double_backward(f, xs, gys, ggxs, dtype=numpy.float64,
                                             atol=1e-7, rtol=1e-6)
