"""F.relu6 and F.forget (Chainer names added by the API-surface audit)."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check


def test_relu6_forward_and_gradient(rng):
    x = rng.uniform(-3, 9, size=(3, 4))
    x[numpy.abs(x) < 0.05] = 0.5  # keep away from the kinks at 0 and 6
    x[numpy.abs(x - 6) < 0.05] = 5.0
    numpy.testing.assert_array_equal(F.relu6(x).array, numpy.minimum(numpy.maximum(x, 0), 6))
    gy = rng.normal(size=x.shape)
    gradient_check.check_backward(F.relu6, x, gy, dtype=numpy.float64)
    gradient_check.check_double_backward(F.relu6, x, gy, rng.normal(size=x.shape),
                                         dtype=numpy.float64)


def _cube_and_sum(a, b):
    return a * a * b, F.sum(a + b, axis=1)


def test_forget_equals_the_function_and_its_gradient(rng):
    a, b = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    expected = (a * a * b, (a + b).sum(axis=1))
    got = F.forget(_cube_and_sum, a, b)
    for e, g in zip(expected, got):
        numpy.testing.assert_allclose(g.array, e)
    assert got[0].creator is got[1].creator  # one node: the inner graph is not kept
    gys = (rng.normal(size=(2, 3)), rng.normal(size=(2,)))
    gradient_check.check_backward(lambda a, b: F.forget(_cube_and_sum, a, b), (a, b), gys,
                                  dtype=numpy.float64)
    # Only one output used: the other's gradient is None.
    gradient_check.check_backward(lambda a, b: F.forget(_cube_and_sum, a, b)[1], (a, b),
                                  gys[1], dtype=numpy.float64)


def test_forget_errors():
    x = chainlite.Variable(numpy.array([1.0, 2.0]))
    with pytest.raises(RuntimeError, match='forget: the function must return'):
        F.forget(lambda a: a.array, x)
    with pytest.raises(TypeError, match='forget: inputs'):
        F.forget(lambda a: a, 3.0)
    y = F.forget(lambda a: a * a, x)
    with pytest.raises(RuntimeError, match='double backpropagation'):
        chainlite.grad([F.sum(y)], [x], enable_double_backprop=True)
