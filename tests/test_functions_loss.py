"""Gradients (float64 numerical checks), double gradients and input validation of the losses."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check

f64 = numpy.float64


def _rng(seed=0):
    return numpy.random.RandomState(seed)


def _away_from(x, points, gap=0.05):
    """Moves entries of x that lie within ``gap`` of a kink in ``points``."""
    for p in points:
        near = abs(x - p) < gap
        x = numpy.where(near, p + numpy.where(x >= p, gap, -gap) * 2, x)
    return x


def check(func, xs, gy=None, **kw):
    gradient_check.check_backward(func, xs, gy, dtype=f64, atol=1e-6, rtol=1e-5, **kw)


def check2(func, xs, gy, ggx, **kw):
    gradient_check.check_double_backward(func, xs, gy, ggx, dtype=f64, atol=1e-5, rtol=1e-4,
                                         **kw)


def _ggx(xs, seed=9):
    r = _rng(seed)
    return tuple(r.randn(*x.shape) for x in xs if x.dtype.kind == 'f')


def _gy(y_shape, seed=3):
    return _rng(seed).randn(*y_shape) if y_shape else None


# --- softmax_cross_entropy ---------------------------------------------------------------------

def _labels(shape, n_class, seed=1, ignore=True):
    t = _rng(seed).randint(0, n_class, shape).astype(numpy.int32)
    if ignore:
        t.ravel()[::4] = -1
    return t


SCE_CASES = [
    ((4, 3), {}),
    ((4, 3), {'normalize': False}),
    ((4, 3), {'reduce': 'no'}),
    ((4, 3), {'class_weight': numpy.array([0.3, 2.0, 1.0])}),
    ((4, 3), {'label_smoothing': 0.1}),
    ((4, 3), {'label_smoothing': 0.2, 'class_weight': numpy.array([0.3, 2.0, 1.0]),
              'reduce': 'no'}),
    ((4, 3), {'cache_score': False}),
    ((2, 4, 3), {}),
    ((2, 4, 3, 2), {'reduce': 'no'}),
]


@pytest.mark.parametrize('shape,kw', SCE_CASES)
@pytest.mark.parametrize('double', [False, True])
def test_softmax_cross_entropy_backward(shape, kw, double):
    x = _rng().randn(*shape)
    t = _labels((shape[0],) + shape[2:], shape[1])
    gy = _gy(t.shape if kw.get('reduce') == 'no' else ())

    def f(x):
        return F.softmax_cross_entropy(x, t, enable_double_backprop=double, **kw)
    check(f, x, gy)
    if double:
        check2(f, x, gy, _ggx((x,)))


@pytest.mark.parametrize('loss', ['cross-entropy', 'kl-divergence'])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
@pytest.mark.parametrize('double', [False, True])
def test_softmax_cross_entropy_soft_target_backward(loss, reduce, double):
    r = _rng()
    x = r.randn(3, 4, 2)
    t = r.rand(3, 4, 2)
    t /= t.sum(axis=1, keepdims=True)
    gy = _gy((3, 2) if reduce == 'no' else ())

    def f(x):
        return F.softmax_cross_entropy(x, t, reduce=reduce, soft_target_loss=loss,
                                       enable_double_backprop=double)
    check(f, x, gy)
    if double:
        check2(f, x, gy, _ggx((x,)))


@pytest.mark.parametrize('ignore_label,labels', [(-1, [0, 3, 1, 2, 2]),   # none ignored
                                                 (2, [0, 3, 2, 1, 2])])   # one in range
def test_softmax_cross_entropy_hard_labels(ignore_label, labels):
    """The one-hot fast path: every label valid, or an ignore_label among the classes."""
    x = _rng().randn(5, 4)
    t = numpy.array(labels, numpy.int32)
    valid = t != ignore_label
    log_y = x - numpy.log(numpy.exp(x).sum(axis=1, keepdims=True))
    expected = -(log_y[numpy.arange(5), t] * valid).sum() / valid.sum()
    loss = F.softmax_cross_entropy(x, t, ignore_label=ignore_label)
    numpy.testing.assert_allclose(loss.array, expected, rtol=1e-12)
    check(lambda x: F.softmax_cross_entropy(x, t, ignore_label=ignore_label), x, _gy(()))


def test_softmax_cross_entropy_refuses_double_backprop_unless_enabled():
    x = chainlite.Variable(_rng().randn(3, 4))
    loss = F.softmax_cross_entropy(x, numpy.array([0, 1, 2], numpy.int32))
    with pytest.raises(RuntimeError, match='enable_double_backprop'):
        chainlite.grad([loss], [x], enable_double_backprop=True)


# --- sigmoid_cross_entropy -------------------------------------------------------------------

@pytest.mark.parametrize('shape', [(3, 4), (2, 2, 3)])
@pytest.mark.parametrize('kw', [{}, {'normalize': False}, {'reduce': 'no'}])
def test_sigmoid_cross_entropy_backward(shape, kw):
    x = _rng().randn(*shape) * 2
    t = _rng(1).randint(-1, 2, shape).astype(numpy.int32)
    gy = _gy(shape if kw.get('reduce') == 'no' else ())

    def f(x):
        return F.sigmoid_cross_entropy(x, t, **kw)
    check(f, x, gy)
    check2(f, x, gy, _ggx((x,)))


# --- elementwise regression losses ---------------------------------------------------------

@pytest.mark.parametrize('name,elementwise,kink', [
    ('mean_squared_error', False, False), ('squared_error', True, False),
    ('mean_absolute_error', False, True), ('absolute_error', True, True)])
@pytest.mark.parametrize('shape', [(3,), (2, 3), (2, 3, 4)])
def test_regression_losses_backward(name, elementwise, kink, shape):
    r = _rng()
    x0 = r.randn(*shape)
    x1 = r.randn(*shape)
    if kink:
        x1 = x0 - _away_from(x0 - x1, [0.0])
    gy = _gy(shape if elementwise else ())
    func = getattr(F, name)
    check(func, (x0, x1), gy)
    check2(func, (x0, x1), gy, _ggx((x0, x1)))


@pytest.mark.parametrize('shape,delta,reduce', [
    ((4, 3), 1.0, 'sum_along_second_axis'), ((4, 3), 0.5, 'no'),
    ((2, 3, 2), 1.0, 'sum_along_second_axis'), ((5,), 1.0, 'no')])
def test_huber_loss_backward(shape, delta, reduce):
    r = _rng()
    x = r.randn(*shape) * 2
    t = x - _away_from(r.randn(*shape) * 2, [-delta, delta])
    out_shape = shape if reduce == 'no' else shape[:1] + shape[2:]

    def f(x, t):
        return F.huber_loss(x, t, delta, reduce=reduce)
    gy = _gy(out_shape)
    check(f, (x, t), gy)
    check2(f, (x, t), gy, _ggx((x, t)))


# --- hinge, contrastive, triplet -------------------------------------------------------------

@pytest.mark.parametrize('norm', ['L1', 'L2'])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_hinge_backward(norm, reduce):
    x = _away_from(_rng().randn(5, 4) * 2, [-1.0, 1.0])
    t = _labels((5,), 4, ignore=False)
    gy = _gy((5, 4) if reduce == 'no' else ())

    def f(x):
        return F.hinge(x, t, norm, reduce)
    check(f, x, gy)
    check2(f, x, gy, _ggx((x,)))


@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_contrastive_backward(reduce):
    r = _rng()
    x0 = r.randn(6, 3)
    x1 = x0 + r.randn(6, 3) * 0.6  # distances on both sides of the margin
    y = numpy.array([1, 0, 1, 0, 0, 0], numpy.int32)
    gy = _gy((6,) if reduce == 'no' else ())

    def f(x0, x1):
        return F.contrastive(x0, x1, y, margin=1.2, reduce=reduce)
    d = numpy.sqrt(((x0 - x1) ** 2).sum(axis=1))
    assert ((d < 1.2) & (y == 0)).any() and ((d > 1.2) & (y == 0)).any()
    check(f, (x0, x1), gy)
    check2(f, (x0, x1), gy, _ggx((x0, x1)))


def test_contrastive_gradient_is_zero_for_identical_dissimilar_pair():
    x0 = chainlite.Variable(numpy.ones((1, 3)))
    x1 = chainlite.Variable(numpy.ones((1, 3)))
    F.contrastive(x0, x1, numpy.array([0], numpy.int32)).backward()
    assert numpy.all(x0.grad == 0) and numpy.all(x1.grad == 0)


@pytest.mark.parametrize('shape', [(5, 3), (3, 2, 2)])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_triplet_backward(shape, reduce):
    r = _rng()
    a, p, n = r.randn(*shape), r.randn(*shape), r.randn(*shape)
    gy = _gy(shape[:1] + shape[2:] if reduce == 'no' else ())

    def f(a, p, n):
        return F.triplet(a, p, n, margin=0.5, reduce=reduce)
    check(f, (a, p, n), gy)
    check2(f, (a, p, n), gy, _ggx((a, p, n)))


# --- VAE losses, covariance penalties --------------------------------------------------------

@pytest.mark.parametrize('reduce', ['sum', 'mean', 'no'])
def test_vae_losses_backward(reduce):
    r = _rng()
    a, b, c = r.randn(3, 4, 3)
    gy = _gy((4, 3) if reduce == 'no' else ())
    for func, xs in [(lambda m, v: F.gaussian_kl_divergence(m, v, reduce), (a, b)),
                     (lambda x, m, v: F.gaussian_nll(x, m, v, reduce), (a, b, c)),
                     (lambda x, y: F.bernoulli_nll(x, y, reduce), (r.rand(4, 3), b))]:
        check(func, xs, gy)
        check2(func, xs, gy, _ggx(xs))


@pytest.mark.parametrize('reduce', ['half_squared_sum', 'no'])
def test_cross_covariance_and_decov_backward(reduce):
    r = _rng()
    y, z = r.randn(5, 3), r.randn(5, 2)

    def cc(y, z):
        return F.cross_covariance(y, z, reduce)
    gy = _gy((3, 2) if reduce == 'no' else ())
    check(cc, (y, z), gy)
    check2(cc, (y, z), gy, _ggx((y, z)))

    def dc(h):
        return F.decov(h, reduce)
    gy = _gy((3, 3) if reduce == 'no' else ())
    check(dc, y, gy)
    check2(dc, y, gy, _ggx((y,)))


# --- sequence losses -------------------------------------------------------------------------

def _ctc_func(n_time, t, **kw):
    def f(*xs):
        return F.connectionist_temporal_classification(list(xs), t, 0, **kw)
    return f


@pytest.mark.parametrize('kw', [
    {}, {'reduce': 'no'},
    {'input_length': numpy.array([5, 3, 4]), 'label_length': numpy.array([2, 1, 0]),
     'reduce': 'no'}])
def test_ctc_backward(kw):
    r = _rng()
    xs = tuple(r.randn(3, 4) for _ in range(5))
    t = numpy.array([[1, 2], [3, 3], [2, 1]], numpy.int32)
    gy = _gy((3,) if kw.get('reduce') == 'no' else ())
    check(_ctc_func(5, t, **kw), xs, gy)


def test_ctc_refuses_double_backprop():
    xs = [chainlite.Variable(_rng().randn(2, 3)) for _ in range(3)]
    loss = F.connectionist_temporal_classification(xs, numpy.array([[1], [2]], numpy.int32), 0)
    with pytest.raises(RuntimeError, match='double backprop'):
        chainlite.grad([loss], xs, enable_double_backprop=True)


def _crf_inputs(seed=0):
    r = _rng(seed)
    sizes = (3, 3, 2, 1)
    cost = r.randn(4, 4)
    xs = tuple(r.randn(b, 4) for b in sizes)
    ys = [r.randint(0, 4, b).astype(numpy.int32) for b in sizes]
    return cost, xs, ys


@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_crf1d_backward(reduce):
    cost, xs, ys = _crf_inputs()

    def f(cost, *xs):
        return F.crf1d(cost, list(xs), ys, reduce=reduce)
    gy = _gy((3,) if reduce == 'no' else ())
    check(f, (cost,) + xs, gy)
    check2(f, (cost,) + xs, gy, _ggx((cost,) + xs))


def test_argmax_crf1d_score_backward():
    cost, xs, _ = _crf_inputs()

    def f(cost, *xs):
        return F.argmax_crf1d(cost, list(xs))[0]
    check(f, (cost,) + xs, _gy((3,)))


# --- sampled softmax losses ------------------------------------------------------------------

def _sampling(seed=0, sample_size=3):
    r = _rng(seed)
    return (r.randn(5, 3), r.randn(7, 3), numpy.array([0, 3, -1, 6, 2], numpy.int32),
            r.randint(0, 7, (5, sample_size)).astype(numpy.int32))


@pytest.mark.parametrize('reduce', ['sum', 'no'])
def test_negative_sampling_backward(reduce):
    x, W, t, samples = _sampling()

    def f(x, W):
        return F.negative_sampling(x, t, W, lambda shape: samples[:, :shape[1]].copy(),
                                   samples.shape[1] - 1, reduce=reduce)
    gy = _gy((5,) if reduce == 'no' else ())
    check(f, (x, W), gy)
    check2(f, (x, W), gy, _ggx((x, W)))


@pytest.mark.parametrize('reduce', ['mean', 'no'])
def test_black_out_backward(reduce):
    x, W, t, samples = _sampling()
    t = abs(t)

    def f(x, W):
        return F.black_out(x, t, W, samples, reduce=reduce)
    gy = _gy((5,) if reduce == 'no' else ())
    check(f, (x, W), gy)
    check2(f, (x, W), gy, _ggx((x, W)))


# --- input validation ------------------------------------------------------------------------

X = numpy.zeros((4, 3), numpy.float32)
T = numpy.array([0, 1, 2, 1], numpy.int32)
XS = [numpy.zeros((2, 4), numpy.float32)] * 3
TC = numpy.array([[1, 2], [3, 3]], numpy.int32)


def _sampler(shape):
    return numpy.zeros(shape, numpy.int32)


INVALID = [
    ('sce float labels', lambda: F.softmax_cross_entropy(X, T[:, None].astype('f') * X[:, :1]),
     type_check.InvalidType, 't.shape == x.shape'),
    ('sce out of range', lambda: F.softmax_cross_entropy(X, numpy.array([0, 3, 1, 1], 'i')),
     ValueError, r'softmax_cross_entropy: t must be in \[0, 3\).*got 3'),
    ('sce negative', lambda: F.softmax_cross_entropy(X, numpy.array([0, -2, 1, 1], 'i')),
     ValueError, 'got -2'),
    ('sce batch', lambda: F.softmax_cross_entropy(X, T[:3]), type_check.InvalidType,
     r'SoftmaxCrossEntropy[\s\S]*x.shape\[0\] == t.shape\[0\]'),
    ('sce uint labels', lambda: F.softmax_cross_entropy(X, T.astype(numpy.uint8)),
     type_check.InvalidType, "t.dtype.kind == 'i'|t.dtype.kind == i"),
    ('sce int x', lambda: F.softmax_cross_entropy(T[:, None] * T, T), type_check.InvalidType,
     'x.dtype.kind'),
    ('sce reduce', lambda: F.softmax_cross_entropy(X, T, reduce='sum'), ValueError,
     "softmax_cross_entropy: only 'mean' and 'no' are valid for 'reduce'"),
    ('sce class_weight', lambda: F.softmax_cross_entropy(X, T, class_weight=numpy.ones(4)),
     ValueError, r'class_weight must have shape \(3,\)'),
    ('sce soft class_weight', lambda: F.softmax_cross_entropy(X, X, class_weight=numpy.ones(3)),
     ValueError, 'soft targets'),
    ('sce soft_target_loss', lambda: F.softmax_cross_entropy(X, X, soft_target_loss='x'),
     ValueError, 'soft_target_loss'),
    ('sce smoothing', lambda: F.softmax_cross_entropy(X, T, label_smoothing=1.0), ValueError,
     'label_smoothing'),
    ('sce double out of range', lambda: F.softmax_cross_entropy(
        X, numpy.array([0, 3, 1, 1], 'i'), enable_double_backprop=True), ValueError, 'got 3'),
    ('sigmoid float labels', lambda: F.sigmoid_cross_entropy(X, X), type_check.InvalidType,
     't.dtype.kind'),
    ('sigmoid label 2', lambda: F.sigmoid_cross_entropy(X, numpy.full((4, 3), 2, 'i')),
     ValueError, r'sigmoid_cross_entropy: t must be one of \[0, 1, -1\]; got 2'),
    ('sigmoid shape', lambda: F.sigmoid_cross_entropy(X, numpy.zeros((3, 3), 'i')),
     type_check.InvalidType, 'x.shape == t.shape'),
    ('mse shape', lambda: F.mean_squared_error(X, X[:3]), type_check.InvalidType,
     r'MeanSquaredError[\s\S]*x0.shape == x1.shape'),
    ('mse dtype', lambda: F.mean_squared_error(X, X.astype(f64)), type_check.InvalidType,
     'x0.dtype == x1.dtype'),
    ('squared_error int', lambda: F.squared_error(T, T), type_check.InvalidType, 'x0.dtype.kind'),
    ('mae shape', lambda: F.mean_absolute_error(X, X[:3]), type_check.InvalidType, 'shape'),
    ('absolute_error dtype', lambda: F.absolute_error(X, X.astype(f64)), type_check.InvalidType,
     'dtype'),
    ('huber reduce', lambda: F.huber_loss(X, X, 1.0, reduce='mean'), ValueError,
     "'sum_along_second_axis' and 'no'"),
    ('huber 1d', lambda: F.huber_loss(X[0], X[0], 1.0), type_check.InvalidType, 'x.ndim >= 2'),
    ('huber shape', lambda: F.huber_loss(X, X[:3], 1.0), type_check.InvalidType, 'x.shape'),
    ('hinge norm', lambda: F.hinge(X, T, 'L3'), ValueError, "'L1' or 'L2'"),
    ('hinge out of range', lambda: F.hinge(X, numpy.array([0, -1, 1, 1], 'i')), ValueError,
     r'hinge: t must be in \[0, 3\); got -1'),
    ('hinge 3d', lambda: F.hinge(X[:, :, None], T), type_check.InvalidType, 'x.ndim == 2'),
    ('contrastive margin', lambda: F.contrastive(X, X, T, margin=0), ValueError, 'margin'),
    ('contrastive labels', lambda: F.contrastive(X, X, T), ValueError,
     r'contrastive: y must be one of \[0, 1\]; got 2'),
    ('contrastive batch', lambda: F.contrastive(X, X, T[:3] % 2), type_check.InvalidType,
     r'x0.shape\[0\] == y.shape\[0\]'),
    ('triplet margin', lambda: F.triplet(X, X, X, margin=-1), ValueError, 'margin'),
    ('triplet shape', lambda: F.triplet(X, X, X[:3]), type_check.InvalidType,
     'anchor.shape == negative.shape'),
    ('triplet 1d', lambda: F.triplet(X[0], X[0], X[0]), type_check.InvalidType, 'anchor.ndim'),
    ('gkl shape', lambda: F.gaussian_kl_divergence(X, X[:3]), type_check.InvalidType,
     r'GaussianKLDivergence[\s\S]*ln_var.shape == mean.shape'),
    ('gnll reduce', lambda: F.gaussian_nll(X, X, X, reduce='x'), ValueError,
     "'sum', 'mean' and 'no'"),
    ('bnll dtype', lambda: F.bernoulli_nll(X, X.astype(f64)), type_check.InvalidType, 'dtype'),
    ('cross_covariance batch', lambda: F.cross_covariance(X, X[:3]), type_check.InvalidType,
     r'y.shape\[0\] == z.shape\[0\]'),
    ('decov 3d', lambda: F.decov(X[:, :, None]), type_check.InvalidType, 'h.ndim == 2'),
    ('ctc array x', lambda: F.connectionist_temporal_classification(numpy.stack(XS), TC, 0),
     TypeError, 'list'),
    ('ctc blank', lambda: F.connectionist_temporal_classification(XS, TC, 4), ValueError,
     'blank_symbol'),
    ('ctc blank negative', lambda: F.connectionist_temporal_classification(XS, TC, -1),
     TypeError, 'blank_symbol'),
    ('ctc label range', lambda: F.connectionist_temporal_classification(
        XS, numpy.array([[1, 4], [1, 1]], 'i'), 0), ValueError, r'in \[0, 4\); got 4'),
    ('ctc float labels', lambda: F.connectionist_temporal_classification(
        XS, TC.astype('f'), 0), ValueError, r'integer array of shape \(N, L\)'),
    ('ctc batch', lambda: F.connectionist_temporal_classification(XS, TC[:1], 0), ValueError,
     'N = 2'),
    ('ctc input_length', lambda: F.connectionist_temporal_classification(
        XS, TC, 0, input_length=numpy.array([4, 3])), ValueError,
     r'input_length must be in \[1, 3\]'),
    ('ctc label_length', lambda: F.connectionist_temporal_classification(
        XS, TC, 0, label_length=numpy.array([3, 1])), ValueError,
     r'label_length must be in \[0, 2\]'),
    ('crf1d lengths', lambda: F.crf1d(numpy.zeros((3, 3), 'f'), [X, X], [T]), ValueError,
     'one entry per step'),
    ('crf1d increasing', lambda: F.crf1d(numpy.zeros((3, 3), 'f'), [X[:2], X], [T[:2], T]),
     ValueError, 'must not increase'),
    ('crf1d label range', lambda: F.crf1d(numpy.zeros((3, 3), 'f'), [X], [T + 1]), ValueError,
     r'ys\[0\] must be in \[0, 3\); got 3'),
    ('crf1d cost', lambda: F.crf1d(numpy.zeros((2, 3), 'f'), [X], [T]), ValueError,
     r'\(K, K\)'),
    ('argmax_crf1d empty', lambda: F.argmax_crf1d(numpy.zeros((3, 3), 'f'), []), ValueError,
     'at least one step'),
    ('negative_sampling kwarg', lambda: F.negative_sampling(X, T, X, _sampler, 2, foo=1),
     TypeError, 'foo'),
    ('negative_sampling reduce', lambda: F.negative_sampling(X, T, X, _sampler, 2,
                                                             reduce='mean'), ValueError, "'sum'"),
    ('negative_sampling label', lambda: F.negative_sampling(X, T + 2, X, _sampler, 2),
     ValueError, r'in \[0, 4\)'),
    ('negative_sampling sampler', lambda: F.negative_sampling(
        X, T, X, lambda s: numpy.full(s, 9, 'i'), 2), ValueError, 'samples must be'),
    ('black_out samples', lambda: F.black_out(X, T, X, numpy.full((4, 2), 4, 'i')), ValueError,
     r'samples must be in \[0, 4\)'),
    ('black_out batch', lambda: F.black_out(X, T[:3], X, numpy.zeros((4, 2), 'i')),
     type_check.InvalidType, r'x.shape\[0\] == t.shape\[0\]'),
]


@pytest.mark.parametrize('name,call,error,match', INVALID, ids=[c[0] for c in INVALID])
def test_invalid_input_raises_clear_error(name, call, error, match):
    with pytest.raises(error, match=match):
        call()
