"""chainlite.functions evaluation metrics: values vs NumPy references, dtypes, bad input."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite.utils import type_check


def _scores(rng, n, c, extra=(), dtype=numpy.float32):
    return rng.normal(size=(n, c) + extra).astype(dtype)


def test_metrics_pass_no_gradient(rng):
    # Every evaluation function is a metric: none is differentiable (as in Chainer).
    from chainlite.functions import evaluation
    y = chainlite.Variable(_scores(rng, 6, 3))
    t = numpy.array([0, 1, 2, 0, 1, 2], numpy.int32)
    calls = {
        'accuracy': lambda: F.accuracy(y, t),
        'binary_accuracy': lambda: F.binary_accuracy(y, numpy.ones((6, 3), numpy.int32)),
        'classification_summary': lambda: F.classification_summary(y, t)[0],
        'precision': lambda: F.precision(y, t)[0],
        'recall': lambda: F.recall(y, t)[0],
        'f1_score': lambda: F.f1_score(y, t)[0],
        'r2_score': lambda: F.r2_score(y, y.array + 1),
    }
    assert set(calls) == set(evaluation.__all__)
    for name, call in calls.items():
        y.cleargrad()
        F.sum(call() * 1.0).backward()
        assert y.grad is None, name


# accuracy

@pytest.mark.parametrize('dtype', [numpy.float16, numpy.float32, numpy.float64])
@pytest.mark.parametrize('extra', [(), (3,), (2, 2)])
def test_accuracy(dtype, extra, rng):
    y = _scores(rng, 20, 4, extra, dtype)
    t = rng.randint(0, 4, (20,) + extra).astype(numpy.int32)
    a = F.accuracy(y, t)
    assert isinstance(a, chainlite.Variable) and a.shape == () and a.dtype == dtype
    expected = numpy.mean(numpy.moveaxis(y, 1, -1).argmax(-1) == t)
    numpy.testing.assert_allclose(a.array, expected, rtol=1e-3)


def test_accuracy_ignore_label(rng):
    y = _scores(rng, 10, 3)
    t = y.argmax(1).astype(numpy.int32)
    t[:3] = (t[:3] + 1) % 3        # three wrong
    t[3:5] = -1                    # two ignored
    numpy.testing.assert_allclose(F.accuracy(y, t, ignore_label=-1).array, 5 / 8)
    numpy.testing.assert_allclose(F.accuracy(y, t).array, 5 / 10)
    all_ignored = numpy.full(10, 7, numpy.int32)
    assert float(F.accuracy(y, all_ignored, ignore_label=7).array) == 0.0


def test_accuracy_errors(rng):
    y = _scores(rng, 6, 4)
    t = numpy.zeros(6, numpy.int32)
    with pytest.raises(type_check.InvalidType, match=r'(?s)Accuracy.*x\.shape\[0\] == t\.shape'
                                                     r'\[0\].*6 != 3'):
        F.accuracy(y, t[:3])
    with pytest.raises(type_check.InvalidType, match=r"t\.dtype\.kind == 'i'"):
        F.accuracy(y, t.astype(numpy.float32))
    with pytest.raises(type_check.InvalidType, match=r"x\.dtype\.kind == 'f'"):
        F.accuracy(y.astype(numpy.int32), t)
    with pytest.raises(type_check.InvalidType, match=r'x\.ndim == t\.ndim \+ 1'):
        F.accuracy(y, t.reshape(6, 1))
    with pytest.raises(type_check.InvalidType, match=r'\(3,\) != \(2,\)'):
        F.accuracy(_scores(rng, 6, 4, (3,)), numpy.zeros((6, 2), numpy.int32))


# binary_accuracy

@pytest.mark.parametrize('shape', [(7,), (5, 3)])
def test_binary_accuracy(shape, rng):
    y = rng.normal(size=shape).astype(numpy.float32)
    y.flat[0] = 0.0                                  # zero counts as positive
    t = rng.randint(-1, 2, shape).astype(numpy.int32)
    t.flat[0] = 1
    b = F.binary_accuracy(y, t)
    assert b.dtype == numpy.float32 and b.shape == ()
    kept = t != -1
    expected = ((y >= 0).astype(int) == t)[kept].mean()
    numpy.testing.assert_allclose(b.array, expected, rtol=1e-6)
    assert float(F.binary_accuracy(y, numpy.full(shape, -1, numpy.int32)).array) == 0.0


def test_binary_accuracy_errors():
    with pytest.raises(type_check.InvalidType,
                       match=r'(?s)BinaryAccuracy.*\(2, 3\) != \(5, 3\)'):
        F.binary_accuracy(numpy.zeros((5, 3), numpy.float32), numpy.zeros((2, 3), numpy.int32))


# classification_summary, precision, recall, f1_score

def _summary_ref(pred, true, label_num, beta):
    p, r, f, s = [], [], [], []
    for c in range(label_num):
        tp = numpy.sum((pred == c) & (true == c))
        relevant, support = numpy.sum(pred == c), numpy.sum(true == c)
        pc = tp / relevant if relevant else numpy.nan
        rc = tp / support if support else numpy.nan
        denom = beta ** 2 * pc + rc
        p.append(pc)
        r.append(rc)
        f.append((1 + beta ** 2) * pc * rc / denom if denom else numpy.nan)
        s.append(support)
    return p, r, f, s


@pytest.mark.parametrize('beta', [1.0, 2.0])
@pytest.mark.parametrize('extra', [(), (4,)])
def test_classification_summary(beta, extra, rng):
    y = _scores(rng, 30, 4, extra)
    t = rng.randint(-1, 4, (30,) + extra).astype(numpy.int32)
    outs = F.classification_summary(y, t, beta=beta)
    pred = numpy.moveaxis(y, 1, -1).argmax(-1).ravel()
    true = t.ravel()
    kept = true != -1
    expected = _summary_ref(pred[kept], true[kept], 4, beta)
    for out, ref in zip(outs, expected):
        numpy.testing.assert_allclose(out.array, ref, rtol=1e-12)
    assert [o.dtype for o in outs] == [numpy.float64] * 3 + [numpy.int64]


def test_classification_summary_label_num_and_ignore():
    # Predictions 0 0 1 2 2 1 0; label 5 is ignored but still sets label_num = 6 (as Chainer).
    y = numpy.eye(3, dtype=numpy.float32)[[0, 0, 1, 2, 2, 1, 0]]
    t = numpy.array([0, 1, 1, 2, 5, 5, 0], numpy.int32)
    p, r, f, s = F.classification_summary(y, t, ignore_label=5)
    numpy.testing.assert_allclose(p.array, [2 / 3, 1, 1, numpy.nan, numpy.nan, numpy.nan])
    numpy.testing.assert_allclose(r.array, [1, 0.5, 1, numpy.nan, numpy.nan, numpy.nan])
    numpy.testing.assert_array_equal(s.array, [2, 2, 1, 0, 0, 0])
    # An explicit label_num drops the classes beyond it.
    p, r, f, s = F.classification_summary(y, numpy.array([0, 1, 1, 1, 0, 1, 0], numpy.int32),
                                          label_num=2)
    numpy.testing.assert_allclose(p.array, [2 / 3, 1])
    numpy.testing.assert_array_equal(s.array, [3, 4])


def test_precision_recall_f1_are_parts_of_the_summary(rng):
    y = _scores(rng, 25, 3)
    t = rng.randint(0, 3, 25).astype(numpy.int32)
    p, r, f, s = F.classification_summary(y, t)
    for func, part in [(F.precision, p), (F.recall, r), (F.f1_score, f)]:
        value, support = func(y, t)
        numpy.testing.assert_array_equal(value.array, part.array)
        numpy.testing.assert_array_equal(support.array, s.array)


def test_classification_summary_errors():
    y = numpy.zeros((4, 3), numpy.float32)
    with pytest.raises(type_check.InvalidType, match=r'(?s)ClassificationSummary.*4 != 2'):
        F.classification_summary(y, numpy.zeros(2, numpy.int32))
    with pytest.raises(ValueError, match='classification_summary: labels must be non-negative'):
        F.classification_summary(y, numpy.array([0, -1, -2, 1], numpy.int32), ignore_label=-1)


# r2_score

def _r2_ref(pred, true):
    ss_res = ((true - pred) ** 2).sum(0)
    ss_tot = ((true - true.mean(0)) ** 2).sum(0)
    return numpy.where(ss_tot != 0, 1 - ss_res / numpy.where(ss_tot, ss_tot, 1), 0.0)


@pytest.mark.parametrize('shape', [(6,), (6, 3), (5, 2, 3)])
def test_r2_score(shape, rng):
    true = rng.normal(size=shape)
    pred = true + 0.3 * rng.normal(size=shape)
    raw = F.r2_score(pred, true, multioutput='raw_values')
    assert raw.shape == shape[1:]
    numpy.testing.assert_allclose(raw.array, _r2_ref(pred, true), rtol=1e-12)
    avg = F.r2_score(pred, true)
    assert avg.shape == ()
    numpy.testing.assert_allclose(avg.array, numpy.mean(_r2_ref(pred, true)), rtol=1e-12)


def test_r2_score_constant_target_and_dtype(rng):
    pred = rng.normal(size=(5, 2)).astype(numpy.float32)
    const = numpy.ones((5, 2), numpy.float32)
    numpy.testing.assert_array_equal(F.r2_score(pred, const, multioutput='raw_values').array,
                                     [0, 0])
    assert F.r2_score(pred.astype(numpy.float16), const.astype(numpy.float16)).dtype \
        == numpy.float16


def test_r2_score_errors():
    a = numpy.zeros((5, 3), numpy.float32)
    with pytest.raises(type_check.InvalidType, match=r'(?s)R2_score.*\(5, 3\) != \(2, 3\)'):
        F.r2_score(a, a[:2])
    with pytest.raises(NotImplementedError, match='r2_score: sample_weight'):
        F.r2_score(a, a, sample_weight=numpy.ones(5))
    with pytest.raises(ValueError, match='r2_score: multioutput'):
        F.r2_score(a, a, multioutput='variance_weighted')


# Chainer 7.8.1's results (tools/goldens/functions_noise_evaluation.py).
GOLDEN = {
    'accuracy': F.accuracy,
    'accuracy_ignore': lambda y, t: F.accuracy(y, t, ignore_label=-1),
    'binary_accuracy': F.binary_accuracy,
    'classification_summary': lambda y, t: F.classification_summary(y, t, beta=2.0),
    'classification_summary_nd': lambda y, t: F.classification_summary(y, t, label_num=3),
    'r2_score': F.r2_score,
    'r2_score_raw': lambda p, t: F.r2_score(p, t, multioutput='raw_values'),
}


@pytest.mark.parametrize('case', sorted(GOLDEN))
def test_matches_chainer_golden(case):
    import pathlib
    with numpy.load(pathlib.Path(__file__).parent / 'data' / 'functions_noise_evaluation.npz') \
            as f:
        xs = [f['x/%s/%d' % (case, i)] for i in range(2)]
        expected = [f['y/%s/%d' % (case, i)] for i in range(4) if 'y/%s/%d' % (case, i) in f]
    out = GOLDEN[case](*xs)
    out = out if isinstance(out, tuple) else (out,)
    assert len(out) == len(expected)
    for y, e in zip(out, expected):
        assert y.dtype == e.dtype and y.shape == e.shape
        numpy.testing.assert_allclose(y.array, e, rtol=1e-6, equal_nan=True)
