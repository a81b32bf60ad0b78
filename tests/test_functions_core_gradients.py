"""Numerical gradients of the core array ops that were only tested forward:
get_item, broadcast and batch_matmul (first and second order, float64)."""
import numpy
import pytest

import chainlite.functions as F
from chainlite import gradient_check


@pytest.mark.parametrize('slices', [
    (slice(None), 1), (Ellipsis, slice(0, 3, 2)), (None, 0, slice(1, None)),
    numpy.array([0, 2, 2]), (slice(None), numpy.array([[1, 0], [3, 3]])),
    numpy.array([True, False, True])])
def test_get_item_gradient(rng, slices):
    x = rng.normal(size=(3, 4))
    y_shape = x[slices].shape
    gy, ggx = rng.normal(size=y_shape), rng.normal(size=x.shape)

    def f(x):
        return F.get_item(x, slices)
    gradient_check.check_backward(f, x, gy, dtype=numpy.float64)
    gradient_check.check_double_backward(f, x, gy, ggx, dtype=numpy.float64)


def test_broadcast_gradient(rng):
    xs = (rng.normal(size=(3, 1)), rng.normal(size=(1, 4)), rng.normal(size=(4,)))
    gys = tuple(rng.normal(size=(3, 4)) for _ in xs)
    ggxs = tuple(rng.normal(size=x.shape) for x in xs)
    gradient_check.check_backward(F.broadcast, xs, gys, dtype=numpy.float64)
    gradient_check.check_double_backward(F.broadcast, xs, gys, ggxs, dtype=numpy.float64)


@pytest.mark.parametrize('transa,transb', [(False, False), (True, False), (False, True)])
def test_batch_matmul_gradient(rng, transa, transb):
    a = rng.normal(size=(2, 4, 3) if transa else (2, 3, 4))
    b = rng.normal(size=(2, 5, 4) if transb else (2, 4, 5))
    gy = rng.normal(size=(2, 3, 5))
    ggs = (rng.normal(size=a.shape), rng.normal(size=b.shape))

    def f(a, b):
        return F.batch_matmul(a, b, transa=transa, transb=transb)
    gradient_check.check_backward(f, (a, b), gy, dtype=numpy.float64)
    gradient_check.check_double_backward(f, (a, b), gy, ggs, dtype=numpy.float64)
