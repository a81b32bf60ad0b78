"""Numerics at extreme inputs: finite results that match a float64 reference, and debug mode.

Inputs reach +-1e4 (where a naive exp overflows float32 and float64), mix
scales within a row, and batch normalization sees nearly constant features
(variances far below ``eps``, or large offsets with tiny spread, where
``E[x^2] - E[x]^2`` cancels catastrophically). References are computed in
float64 by the stable textbook formulas on the very same (rounded) inputs;
the tolerance of a float32 result is scaled by its condition (``eps32`` times
the input's magnitude), so a correct float32 implementation passes and an
unstable one does not.
"""
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import chainlite
import chainlite.functions as F

EPS = {numpy.float32: numpy.finfo(numpy.float32).eps, numpy.float64: numpy.finfo(numpy.float64).eps}
DTYPES = st.sampled_from([numpy.float32, numpy.float64])
SCALES = st.sampled_from([1.0, 30.0, 1e3, 1e4])
FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None)


@st.composite
def logits(draw, min_rows=1, max_rows=5, min_cols=2, max_cols=7):
    """A 2-d array of logits: each row at its own scale up to 1e4, with exact extremes mixed in."""
    dtype = draw(DTYPES)
    shape = draw(st.tuples(st.integers(min_rows, max_rows), st.integers(min_cols, max_cols)))
    base = draw(hnp.arrays(numpy.float64, shape, elements=st.floats(-1, 1, width=32)))
    scales = numpy.array(draw(st.lists(SCALES, min_size=shape[0], max_size=shape[0])))
    x = base * scales[:, None]
    extremes = draw(hnp.arrays(numpy.int8, shape, elements=st.sampled_from([0, 0, 0, 1, -1])))
    x = numpy.where(extremes != 0, 1e4 * extremes, x)
    return x.astype(dtype)


def ref_logsumexp(x, axis):
    x = x.astype(numpy.float64)
    m = x.max(axis=axis, keepdims=True)
    return (m + numpy.log(numpy.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def ref_log_softmax(x, axis=1):
    x64 = x.astype(numpy.float64)
    return x64 - numpy.expand_dims(ref_logsumexp(x64, axis), axis)


def tolerance(x):
    """Absolute tolerance for a result computed from ``x`` in its own precision."""
    return 8 * EPS[x.dtype.type] * max(1.0, float(numpy.abs(x).max()))


def check(got, want, x, what):
    got = chainlite.variable.as_array(got)
    assert got.dtype == x.dtype, '%s: dtype %s for %s input' % (what, got.dtype, x.dtype)
    assert numpy.isfinite(got).all(), '%s is not finite: %s' % (what, got)
    numpy.testing.assert_allclose(got.astype(numpy.float64), want, rtol=0, atol=tolerance(x),
                                  err_msg=what)


@FAST
@given(x=logits())
def test_log_softmax_and_its_grad(x):
    v = chainlite.Variable(x)
    y = F.log_softmax(v)
    check(y, ref_log_softmax(x), x, 'log_softmax')
    gy = numpy.ones_like(x)
    y.grad = gy
    y.backward()
    softmax = numpy.exp(ref_log_softmax(x))
    check(v.grad, gy - softmax * gy.sum(axis=1, keepdims=True), x, 'log_softmax grad')


@FAST
@given(x=logits(), axis=st.sampled_from([None, 0, 1, (0, 1)]))
def test_logsumexp(x, axis):
    want = ref_logsumexp(x.reshape(-1) if axis in (None, (0, 1)) else x,
                         0 if axis in (None, (0, 1)) else axis)
    v = chainlite.Variable(x)
    y = F.logsumexp(v, axis=axis)
    check(y, want, x, 'logsumexp')
    F.sum(y).backward()
    weights = numpy.exp(x.astype(numpy.float64) - numpy.expand_dims(want, axis) if
                        axis in (0, 1) else x.astype(numpy.float64) - want)
    check(v.grad, weights, x, 'logsumexp grad')


@FAST
@given(x=logits(), data=st.data(), reduce=st.sampled_from(['mean', 'no']))
def test_softmax_cross_entropy(x, data, reduce):
    n, c = x.shape
    t = numpy.array(data.draw(st.lists(st.integers(-1, c - 1), min_size=n, max_size=n)),
                    numpy.int32)
    valid = t != -1
    per_sample = numpy.where(valid, -ref_log_softmax(x)[numpy.arange(n), numpy.maximum(t, 0)], 0)
    count = valid.sum()
    v = chainlite.Variable(x)
    loss = F.softmax_cross_entropy(v, t, reduce=reduce)
    if reduce == 'no':
        check(loss, per_sample, x, 'softmax_cross_entropy(reduce=no)')
        return
    want = per_sample.sum() / max(count, 1)
    check(loss, want, x, 'softmax_cross_entropy')
    loss.backward()
    onehot = numpy.zeros((n, c))
    onehot[numpy.arange(n)[valid], t[valid]] = 1
    grad = (numpy.exp(ref_log_softmax(x)) - onehot) * valid[:, None] / max(count, 1)
    check(v.grad, grad, x, 'softmax_cross_entropy grad')


@FAST
@given(x=logits(max_cols=4), data=st.data(), normalize=st.booleans())
def test_sigmoid_cross_entropy(x, data, normalize):
    t = data.draw(hnp.arrays(numpy.int32, x.shape, elements=st.sampled_from([0, 1, 1, -1])))
    x64 = x.astype(numpy.float64)
    valid = t != -1
    # -(t log s(x) + (1 - t) log(1 - s(x))), written without overflow
    elementwise = numpy.where(valid, numpy.maximum(x64, 0) - x64 * t +
                              numpy.log1p(numpy.exp(-numpy.abs(x64))), 0)
    count = valid.sum() if normalize else x.shape[0]
    v = chainlite.Variable(x)
    loss = F.sigmoid_cross_entropy(v, t, normalize=normalize)
    check(loss, elementwise.sum() / max(count, 1), x, 'sigmoid_cross_entropy')
    loss.backward()
    sigmoid = numpy.where(x64 >= 0, 1 / (1 + numpy.exp(-numpy.abs(x64))),
                          numpy.exp(-numpy.abs(x64)) / (1 + numpy.exp(-numpy.abs(x64))))
    check(v.grad, (sigmoid - t) * valid / max(count, 1), x, 'sigmoid_cross_entropy grad')
    check(F.sigmoid_cross_entropy(x, t, reduce='no'), elementwise, x,
          'sigmoid_cross_entropy(reduce=no)')


@st.composite
def flat_features(draw):
    """(n, c) features that are nearly constant per column: offset up to 1e4, spread down to 0."""
    dtype = draw(DTYPES)
    n, c = draw(st.integers(2, 8)), draw(st.integers(1, 4))
    offsets = draw(hnp.arrays(numpy.float64, c, elements=st.sampled_from([0., 1., -3e3, 1e4])))
    spreads = draw(hnp.arrays(numpy.float64, c,
                              elements=st.sampled_from([0., 1e-6, 1e-3, 1e-1, 1.0, 1e4])))
    noise = draw(hnp.arrays(numpy.float64, (n, c), elements=st.floats(-1, 1, width=32)))
    return (offsets + spreads * noise).astype(dtype)


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(x=flat_features(), eps=st.sampled_from([2e-5, 1e-10]))
def test_batch_normalization_of_nearly_constant_features(x, eps):
    n, c = x.shape
    gamma = numpy.linspace(0.5, 2, c).astype(x.dtype)
    beta = numpy.linspace(-1, 1, c).astype(x.dtype)
    running_mean, running_var = numpy.zeros(c, x.dtype), numpy.ones(c, x.dtype)
    x64 = x.astype(numpy.float64)
    mean = x64.mean(axis=0)
    var = ((x64 - mean) ** 2).mean(axis=0)  # two-pass: exact enough in float64
    want = gamma * (x64 - mean) / numpy.sqrt(var + eps) + beta
    xv = chainlite.Variable(x)
    y = F.batch_normalization(xv, gamma, beta, eps=eps, running_mean=running_mean,
                              running_var=running_var, decay=0.5)
    # the float32 mean is only good to eps32 * |x|; the output scales that by gamma/sqrt(var+eps)
    atol = tolerance(x) * float((gamma / numpy.sqrt(var + eps)).max()) * 2 + tolerance(want)
    got = chainlite.variable.as_array(y)
    assert numpy.isfinite(got).all(), got
    numpy.testing.assert_allclose(got, want, rtol=0, atol=atol)
    assert (running_var >= 0).all() and numpy.isfinite(running_var).all(), running_var
    numpy.testing.assert_allclose(running_mean, 0.5 * mean, rtol=1e-6 if x.dtype == numpy.float32
                                  else 1e-12, atol=tolerance(x))
    gy = numpy.linspace(-1, 1, n * c).reshape(n, c).astype(x.dtype)
    y.grad = gy
    y.backward()
    xhat = (x64 - mean) / numpy.sqrt(var + eps)
    gx = gamma / numpy.sqrt(var + eps) * (gy - gy.mean(axis=0) - xhat * (gy * xhat).mean(axis=0))
    assert numpy.isfinite(xv.grad).all(), xv.grad
    # xhat is good to the atol above; the grad scales its error by gamma/sqrt(var+eps) again
    numpy.testing.assert_allclose(xv.grad, gx, rtol=0, atol=atol * float(
        (gamma / numpy.sqrt(var + eps)).max()) * 4 + tolerance(gx))
    unbiased = var * n / (n - 1)
    numpy.testing.assert_allclose(running_var, 0.5 + 0.5 * unbiased, rtol=1e-5,
                                  atol=tolerance(x) ** 2 * n + tolerance(x) * 1e-2)


# -- debug mode --------------------------------------------------------------------------------

class InjectNaN(chainlite.FunctionNode):
    """Identity, except that it writes a NaN (forward, or into the grad with ``in_backward``)."""

    def __init__(self, in_backward=False):
        self.in_backward = in_backward

    def forward(self, inputs):
        y = inputs[0].copy()
        if not self.in_backward:
            y[0] = numpy.nan
        return y,

    def backward(self, indexes, grad_outputs):
        g = grad_outputs[0].array.copy()
        g[0] = numpy.nan
        return chainlite.Variable(g),


@pytest.fixture
def debug_mode():
    chainlite.set_debug(True)
    yield
    chainlite.set_debug(False)


def test_debug_mode_names_the_function_that_made_a_nan_in_forward(debug_mode):
    x = chainlite.Variable(numpy.ones((2, 3), numpy.float32))
    h = F.relu(x)
    with pytest.raises(RuntimeError, match=r'NaN.*forward.*InjectNaN'):
        InjectNaN().apply((h,))


def test_debug_mode_names_the_function_that_made_a_nan_in_backward(debug_mode):
    x = chainlite.Variable(numpy.ones((2, 3), numpy.float32))
    y, = InjectNaN(in_backward=True).apply((F.tanh(x),))
    with pytest.raises(RuntimeError, match=r'NaN.*backward.*InjectNaN'):
        F.sum(y * 2).backward()


def test_debug_mode_catches_a_nan_from_a_builtin_function(debug_mode):
    with pytest.raises(RuntimeError, match='NaN.*log'), numpy.errstate(invalid='ignore'):
        F.log(numpy.array([-1.0, 1.0]))


def test_without_debug_mode_the_nan_passes_silently():
    """(So debug mode is what catches it; also the default is off.)"""
    assert not chainlite.is_debug()
    y, = InjectNaN().apply((numpy.ones(3),))
    assert numpy.isnan(y.array[0])


def test_debug_mode_is_thread_local_through_using_config():
    with chainlite.using_config('debug', True):
        assert chainlite.is_debug()
        with pytest.raises(RuntimeError, match='InjectNaN'):
            InjectNaN().apply((numpy.ones(3),))
    assert not chainlite.is_debug()
