"""Backprop without double backprop runs core nodes on raw arrays: same gradients, same API."""
import numpy
import pytest

import chainlite
import chainlite.functions as F


class Scale(chainlite.FunctionNode):
    """A user node that only knows Variables in backward."""

    def forward(self, inputs):
        return inputs[0] * 3,

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        assert isinstance(gy, chainlite.Variable)
        return gy * 3,


def composite(x, w, b):
    h = F.matmul(x, w) + b
    h = h * h - h / (abs(b) + 1)
    h = Scale().apply((F.reshape(h, (-1,)),))[0]
    h = F.transpose(F.reshape(h, (3, 2))) * 0.5
    return F.sum(F.broadcast_to(F.sum(h, axis=0, keepdims=True), (4, 3)) ** 2)


def grads(double, seed=0):
    rs = numpy.random.RandomState(seed)
    x = chainlite.Variable(rs.randn(3, 4))
    w = chainlite.Variable(rs.randn(4, 2))
    b = chainlite.Variable(rs.randn(2))
    composite(x, w, b).backward(enable_double_backprop=double)
    return x.grad, w.grad, b.grad


def test_array_path_gives_the_gradients_of_the_variable_path_bit_for_bit():
    for got, expected in zip(grads(False), grads(True)):
        assert type(got) is numpy.ndarray
        numpy.testing.assert_array_equal(got, expected)


def test_array_path_gradients_are_numerically_right():
    rs = numpy.random.RandomState(1)
    chainlite.gradient_check.check_backward(
        composite, (rs.randn(3, 4), rs.randn(4, 2), rs.randn(2)), None, dtype=numpy.float64)


def test_retained_intermediate_grads_are_variables():
    x = chainlite.Variable(numpy.arange(3.0))
    h = x * x
    y = F.sum(h + 1)
    y.backward(retain_grad=True)
    assert isinstance(h.grad_var, chainlite.Variable)
    numpy.testing.assert_array_equal(h.grad, numpy.ones(3))
    numpy.testing.assert_array_equal(x.grad, 2 * numpy.arange(3.0))


@pytest.mark.parametrize('double', [False, True])
def test_zero_dim_gradients_stay_arrays(double):
    x = chainlite.Variable(numpy.array(2.0, numpy.float32))
    y = x * x * x + x / x
    y.backward(enable_double_backprop=double)
    assert isinstance(x.grad, numpy.ndarray) and x.grad.dtype == numpy.float32
    assert float(x.grad) == 12.0


def test_grad_returns_variables_and_accumulates_grad_inputs():
    x = chainlite.Variable(numpy.array([1.0, 2.0]))
    gx, = chainlite.grad([F.sum(x * x)], [x], grad_inputs=[numpy.ones(2)])
    assert isinstance(gx, chainlite.Variable)
    numpy.testing.assert_array_equal(gx.array, [3.0, 5.0])
