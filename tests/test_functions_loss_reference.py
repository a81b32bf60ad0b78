"""Loss values against independent references: brute force (CTC, CRF), NumPy formulas,
float16/float32 tolerances and property tests at extreme inputs."""
import doctest
import importlib
import inspect
import itertools

import numpy
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import chainlite
import chainlite.functions as F
import chainlite.functions.loss as loss_package
from chainlite import testing


def _rng(seed=0):
    return numpy.random.RandomState(seed)


def _log_softmax64(x, axis=1):
    x = x.astype(numpy.float64)
    m = x.max(axis=axis, keepdims=True)
    return x - m - numpy.log(numpy.exp(x - m).sum(axis=axis, keepdims=True))


# --- brute force references --------------------------------------------------------------------

def _ctc_brute_force(x, t, blank):
    """-log sum over every path of length T that collapses to t (x: (T, V) scores)."""
    log_y = _log_softmax64(x)
    n_time, n_vocab = x.shape
    total = 0.0
    for path in itertools.product(range(n_vocab), repeat=n_time):
        collapsed = [k for i, k in enumerate(path) if k != blank and (i == 0 or k != path[i - 1])]
        if collapsed == list(t):
            total += numpy.exp(sum(log_y[i, k] for i, k in enumerate(path)))
    return -numpy.log(total)


def test_ctc_matches_brute_force_with_lengths():
    r = _rng()
    xs = [r.randn(3, 3) for _ in range(5)]
    t = numpy.array([[1, 1], [2, 1], [1, 2]], numpy.int32)
    input_length = numpy.array([5, 4, 2])
    label_length = numpy.array([2, 2, 1])
    loss = F.connectionist_temporal_classification(
        xs, t, 0, input_length=input_length, label_length=label_length, reduce='no')
    x = numpy.stack(xs)
    expected = [_ctc_brute_force(x[:input_length[n], n], t[n, :label_length[n]], 0)
                for n in range(3)]
    testing.assert_allclose(loss.array, expected, atol=1e-10, rtol=1e-10)


def test_ctc_with_empty_labels_is_all_blanks():
    xs = [_rng(i).randn(2, 3) for i in range(3)]
    loss = F.connectionist_temporal_classification(xs, numpy.zeros((2, 0), numpy.int32), 0,
                                                   reduce='no')
    expected = -_log_softmax64(numpy.stack(xs), axis=2)[:, :, 0].sum(axis=0)
    testing.assert_allclose(loss.array, expected, rtol=1e-12)


def test_ctc_gradient_is_softmax_minus_posterior_and_zero_past_input_length():
    r = _rng(1)
    xs = [chainlite.Variable(r.randn(2, 3)) for _ in range(4)]
    t = numpy.array([[1, 2], [2, 2]], numpy.int32)
    loss = F.connectionist_temporal_classification(
        xs, t, 0, input_length=numpy.array([4, 3]), reduce='no')
    loss.grad = numpy.ones(2)
    loss.backward()
    assert numpy.all(xs[3].grad[1] == 0)
    for x in xs[:3]:  # each row of softmax - posterior sums to zero
        testing.assert_allclose(x.grad.sum(axis=1), numpy.zeros(2), atol=1e-12)


def test_ctc_impossible_labelling_costs_1e10_with_zero_gradient():
    xs = [chainlite.Variable(numpy.zeros((1, 3), numpy.float32)) for _ in range(2)]
    loss = F.connectionist_temporal_classification(
        xs, numpy.array([[1, 1]], numpy.int32), 0, reduce='no')  # needs 3 steps
    testing.assert_allclose(loss.array, [1e10])
    F.sum(loss).backward()
    assert numpy.all(xs[0].grad == 0)


def test_ctc_is_finite_and_exact_at_extreme_inputs():
    big = 1e4
    xs = [numpy.array([[big, -big, 0.0]], numpy.float32),
          numpy.array([[0.0, big, -big]], numpy.float32),
          numpy.array([[big, 0.0, 0.0]], numpy.float32)]
    loss = F.connectionist_temporal_classification(
        [chainlite.Variable(x) for x in xs], numpy.array([[1]], numpy.int32), 0)
    expected = _ctc_brute_force(numpy.stack(xs)[:, 0].astype(numpy.float64), [1], 0)
    assert numpy.isfinite(loss.array)
    testing.assert_allclose(loss.array, expected, rtol=1e-6)


def _crf_all_paths(cost, xs_rows):
    """(log Z, best score, best path) of one sequence by enumeration (xs_rows: (L, K))."""
    n_label = cost.shape[0]
    scores = {}
    for path in itertools.product(range(n_label), repeat=len(xs_rows)):
        s = sum(xs_rows[i][k] for i, k in enumerate(path))
        s += sum(cost[a, b] for a, b in zip(path, path[1:]))
        scores[path] = s
    values = numpy.array(list(scores.values()))
    best = max(scores, key=scores.get)
    return numpy.log(numpy.exp(values).sum()), scores, best


def _crf_problem(seed=0):
    r = _rng(seed)
    sizes = (3, 2, 2, 1)
    cost = r.randn(3, 3)
    xs = [r.randn(b, 3) for b in sizes]
    ys = [r.randint(0, 3, b).astype(numpy.int32) for b in sizes]
    return cost, xs, ys


def _sequence(xs, n):
    return [x[n] for x in xs if x.shape[0] > n]


def test_crf1d_matches_enumeration():
    cost, xs, ys = _crf_problem()
    loss = F.crf1d(cost, xs, ys, reduce='no')
    for n in range(3):
        log_z, scores, _ = _crf_all_paths(cost, _sequence(xs, n))
        y = tuple(int(v) for v in _sequence(ys, n))
        testing.assert_allclose(loss.array[n], log_z - scores[y], atol=1e-10, rtol=1e-10)
    testing.assert_allclose(F.crf1d(cost, xs, ys).array, loss.array.mean(), rtol=1e-12)


def test_argmax_crf1d_matches_enumeration():
    cost, xs, _ = _crf_problem(1)
    score, path = F.argmax_crf1d(cost, xs)
    assert [p.shape for p in path] == [x.shape[:1] for x in xs]
    assert all(p.dtype == numpy.int32 for p in path)
    for n in range(3):
        _, scores, best = _crf_all_paths(cost, _sequence(xs, n))
        assert tuple(int(v) for v in _sequence(path, n)) == best
        testing.assert_allclose(score.array[n], scores[best], rtol=1e-12)


# --- formulas the goldens do not cover ---------------------------------------------------------

def test_label_smoothing_matches_smoothed_target_cross_entropy():
    r = _rng()
    x = r.randn(5, 4)
    t = numpy.array([0, 3, -1, 2, 1], numpy.int32)
    weight = numpy.array([1.0, 0.5, 2.0, 1.5])
    eps = 0.1
    q = numpy.full((5, 4), eps / 4)
    q[numpy.arange(5), t] += 1 - eps
    per_sample = -(q * weight * _log_softmax64(x)).sum(axis=1)
    per_sample[2] = 0
    got = F.softmax_cross_entropy(x, t, class_weight=weight, label_smoothing=eps, reduce='no')
    testing.assert_allclose(got.array, per_sample, rtol=1e-12)
    got = F.softmax_cross_entropy(x, t, class_weight=weight, label_smoothing=eps)
    testing.assert_allclose(got.array, per_sample.sum() / 4, rtol=1e-12)
    got = F.softmax_cross_entropy(x, t, class_weight=weight, label_smoothing=eps,
                                  enable_double_backprop=True)
    testing.assert_allclose(got.array, per_sample.sum() / 4, rtol=1e-12)


def test_label_smoothing_of_soft_targets_mixes_in_the_uniform_distribution():
    r = _rng()
    x, t = r.randn(3, 4), r.dirichlet(numpy.ones(4), size=3)
    expected = F.softmax_cross_entropy(x, 0.8 * t + 0.2 / 4)
    testing.assert_allclose(F.softmax_cross_entropy(x, t, label_smoothing=0.2).array,
                            expected.array, rtol=1e-12)


def test_softmax_cross_entropy_all_ignored_is_zero_with_zero_gradient():
    x = chainlite.Variable(_rng().randn(3, 4))
    loss = F.softmax_cross_entropy(x, numpy.full(3, -1, numpy.int32))
    assert float(loss.array) == 0
    loss.backward()
    assert numpy.all(x.grad == 0)


def test_double_backprop_path_equals_the_fused_one():
    r = _rng()
    x = r.randn(4, 5, 2)
    t = r.randint(-1, 5, (4, 2)).astype(numpy.int32)
    for kw in [{}, {'normalize': False}, {'reduce': 'no'}, {'ignore_label': 2}]:
        a = F.softmax_cross_entropy(x, t % 5 if 'ignore_label' in kw else t, **kw)
        b = F.softmax_cross_entropy(x, t % 5 if 'ignore_label' in kw else t,
                                    enable_double_backprop=True, **kw)
        testing.assert_allclose(a.array, b.array, rtol=1e-12, atol=1e-12)


def test_negative_sampling_formula_and_returned_samples():
    r = _rng()
    x, W = r.randn(4, 3), r.randn(6, 3)
    t = numpy.array([1, -1, 5, 0], numpy.int32)
    drawn = r.randint(0, 6, (4, 3)).astype(numpy.int32)
    loss, samples = F.negative_sampling(x, t, W, lambda shape: drawn.copy(), 2, reduce='no',
                                        return_samples=True)
    numpy.testing.assert_array_equal(samples[:, 0], t)
    numpy.testing.assert_array_equal(samples[:, 1:], drawn[:, 1:])
    sig = lambda a: 1 / (1 + numpy.exp(-a))  # NOQA
    pos = (W[t] * x).sum(axis=1)
    neg = numpy.einsum('nsd,nd->ns', W[drawn[:, 1:]], x)
    expected = -numpy.log(sig(pos)) - numpy.log(sig(-neg)).sum(axis=1)
    expected[1] = 0
    testing.assert_allclose(loss.array, expected, rtol=1e-12)


# --- dtypes ------------------------------------------------------------------------------------

def _float64_and(dtype, func, *arrays):
    hi = func(*[a.astype(numpy.float64) if a.dtype.kind == 'f' else a for a in arrays])
    lo = func(*[a.astype(dtype) if a.dtype.kind == 'f' else a for a in arrays])
    return hi.array, lo


@pytest.mark.parametrize('dtype,tol', [(numpy.float16, 5e-3), (numpy.float32, 1e-6)])
@pytest.mark.parametrize('name', ['softmax_cross_entropy', 'sigmoid_cross_entropy',
                                  'mean_squared_error', 'huber_loss', 'hinge', 'ctc'])
def test_low_precision_forward(name, dtype, tol):
    r = _rng()
    x = r.randn(4, 3)
    calls = {
        'softmax_cross_entropy': (F.softmax_cross_entropy, x, numpy.array([0, 2, -1, 1], 'i')),
        'sigmoid_cross_entropy': (F.sigmoid_cross_entropy, x, r.randint(-1, 2, (4, 3))),
        'mean_squared_error': (F.mean_squared_error, x, r.randn(4, 3)),
        'huber_loss': (lambda a, b: F.huber_loss(a, b, 1.0), x, r.randn(4, 3)),
        'hinge': (F.hinge, x, numpy.array([0, 2, 1, 1], 'i')),
        'ctc': (lambda *xs: F.connectionist_temporal_classification(
            list(xs), numpy.array([[1], [2], [1], [2]], 'i'), 0), x, r.randn(4, 3), x),
    }
    func, *arrays = calls[name]
    arrays = [a.astype(numpy.int32) if a.dtype.kind == 'i' else a for a in arrays]
    expected, got = _float64_and(dtype, func, *arrays)
    assert got.dtype == dtype
    testing.assert_allclose(got.array.astype(numpy.float64), expected, atol=tol, rtol=tol)


# --- extreme inputs (property tests) -----------------------------------------------------------

_extreme = st.one_of(st.floats(-1e4, 1e4, width=32), st.sampled_from([-1e4, 1e4, 0.0]))


@settings(max_examples=60, deadline=None)
@given(x=hnp.arrays(numpy.float32, hnp.array_shapes(min_dims=2, max_dims=3, min_side=1,
                                                    max_side=4), elements=_extreme),
       seed=st.integers(0, 2 ** 16), smoothing=st.sampled_from([0.0, 0.1]))
def test_softmax_cross_entropy_is_finite_and_accurate_at_extreme_inputs(x, seed, smoothing):
    r = _rng(seed)
    t = r.randint(-1, x.shape[1], (x.shape[0],) + x.shape[2:]).astype(numpy.int32)
    xv = chainlite.Variable(x)
    loss = F.softmax_cross_entropy(xv, t, reduce='no', label_smoothing=smoothing)
    n_class = x.shape[1]
    q = numpy.full(x.shape, smoothing / n_class)
    numpy.put_along_axis(q, numpy.expand_dims(numpy.maximum(t, 0), 1),
                         1 - smoothing + smoothing / n_class, axis=1)
    log_y = _log_softmax64(x)
    expected = numpy.where(t == -1, 0, -(q * log_y).sum(axis=1))
    # As in Chainer, log_softmax is x - (max + log(sum(...))) in float32: exact up to a few
    # roundings at the largest input's scale (not the loss's)
    scale = float(numpy.spacing(numpy.abs(x).max()))
    assert numpy.all(numpy.isfinite(loss.array))
    testing.assert_allclose(loss.array, expected, atol=1e-3 + 4 * scale, rtol=1e-5)
    F.sum(loss).backward()
    grad = (numpy.exp(log_y) - q) * (t != -1)[:, None]
    assert numpy.all(numpy.isfinite(xv.grad))
    testing.assert_allclose(xv.grad, grad, atol=1e-5 + 4 * scale, rtol=1e-4)


@settings(max_examples=60, deadline=None)
@given(x=hnp.arrays(numpy.float32, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                    elements=_extreme),
       seed=st.integers(0, 2 ** 16), normalize=st.booleans())
def test_sigmoid_cross_entropy_is_finite_and_exact_at_extreme_inputs(x, seed, normalize):
    t = _rng(seed).randint(-1, 2, x.shape).astype(numpy.int32)
    xv = chainlite.Variable(x)
    loss = F.sigmoid_cross_entropy(xv, t, normalize=normalize)
    x64 = x.astype(numpy.float64)
    per_element = (numpy.logaddexp(0, x64) - x64 * t) * (t != -1)
    count = max(int((t != -1).sum()) if normalize else x.shape[0], 1)
    assert numpy.isfinite(loss.array)
    testing.assert_allclose(loss.array, per_element.sum() / count, atol=1e-3, rtol=1e-5)
    loss.backward()
    grad = (numpy.exp(-numpy.logaddexp(0, -x64)) - t) * (t != -1) / count
    assert numpy.all(numpy.isfinite(xv.grad))
    testing.assert_allclose(xv.grad, grad, atol=1e-6, rtol=1e-4)


def test_bernoulli_nll_is_finite_at_extreme_inputs():
    y = numpy.array([1e4, -1e4, 1e4, -1e4], numpy.float32)
    x = numpy.array([1, 0, 0, 1], numpy.float32)
    testing.assert_allclose(F.bernoulli_nll(x, y, reduce='no').array, [0, 0, 1e4, 1e4])


# --- documentation -----------------------------------------------------------------------------

@pytest.mark.parametrize('module', sorted({getattr(F, n).__module__
                                           for n in loss_package.__all__}))
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def test_all_lists_the_public_functions():
    public = {n for n in dir(loss_package)
              if not n.startswith('_') and inspect.isfunction(getattr(loss_package, n))}
    assert set(loss_package.__all__) == public
