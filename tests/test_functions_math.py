"""chainlite.functions math (elementwise): forward vs NumPy/SciPy, gradients, dtypes, bad input."""
import numpy
import pytest
import scipy.special

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.functions.math import _special
from chainlite.utils import type_check

SHAPES = [(3, 4), (2, 3, 2)]


def _uniform(lo, hi):
    return lambda shape, rng: rng.uniform(lo, hi, shape)


# name -> (function, NumPy/SciPy reference, input maker, has double backward in Chainer)
UNARY = {
    'exp': (F.exp, numpy.exp, _uniform(-2, 2), True),
    'log': (F.log, numpy.log, _uniform(0.2, 3), True),
    'log2': (F.log2, numpy.log2, _uniform(0.2, 3), True),
    'log10': (F.log10, numpy.log10, _uniform(0.2, 3), True),
    'log1p': (F.log1p, numpy.log1p, _uniform(-0.5, 3), True),
    'expm1': (F.expm1, numpy.expm1, _uniform(-2, 2), True),
    'sqrt': (F.sqrt, numpy.sqrt, _uniform(0.2, 3), True),
    'rsqrt': (F.rsqrt, lambda x: 1 / numpy.sqrt(x), _uniform(0.2, 3), True),
    'square': (F.square, numpy.square, _uniform(-2, 2), True),
    'absolute': (F.absolute, numpy.abs, lambda s, r: r.uniform(0.1, 2, s) * r.choice([-1, 1], s),
                 True),
    'sin': (F.sin, numpy.sin, _uniform(-3, 3), True),
    'cos': (F.cos, numpy.cos, _uniform(-3, 3), True),
    'tan': (F.tan, numpy.tan, _uniform(-1.2, 1.2), True),
    'arcsin': (F.arcsin, numpy.arcsin, _uniform(-0.8, 0.8), True),
    'arccos': (F.arccos, numpy.arccos, _uniform(-0.8, 0.8), True),
    'arctan': (F.arctan, numpy.arctan, _uniform(-3, 3), True),
    'sinh': (F.sinh, numpy.sinh, _uniform(-2, 2), True),
    'cosh': (F.cosh, numpy.cosh, _uniform(-2, 2), True),
    'arctanh': (F.arctanh, numpy.arctanh, _uniform(-0.8, 0.8), True),
    'erf': (F.erf, scipy.special.erf, _uniform(-2.5, 2.5), True),
    'erfc': (F.erfc, scipy.special.erfc, _uniform(-2.5, 2.5), True),
    'erfinv': (F.erfinv, scipy.special.erfinv, _uniform(-0.9, 0.9), True),
    'erfcinv': (F.erfcinv, scipy.special.erfcinv, _uniform(0.1, 1.9), True),
    'erfcx': (F.erfcx, scipy.special.erfcx, _uniform(-1.5, 3), True),
    'ndtr': (F.ndtr, scipy.special.ndtr, _uniform(-3, 3), True),
    'log_ndtr': (F.log_ndtr, scipy.special.log_ndtr, _uniform(-4, 3), True),
    'ndtri': (F.ndtri, scipy.special.ndtri, _uniform(0.05, 0.95), True),
    'lgamma': (F.lgamma, scipy.special.gammaln, _uniform(0.2, 5), True),
    'digamma': (F.digamma, scipy.special.psi, _uniform(0.3, 5), True),
    'zeta': (lambda q: F.zeta(3.0, q), lambda q: scipy.special.zeta(3.0, q), _uniform(0.5, 4),
             True),
}

COMMON = ['exp', 'log', 'sqrt', 'square', 'sin', 'cos', 'arctan', 'erf', 'absolute', 'log1p',
          'expm1', 'rsqrt', 'lgamma']


@pytest.mark.parametrize('name', sorted(UNARY))
@pytest.mark.parametrize('shape', SHAPES)
def test_unary_forward(name, shape):
    f, ref, make, _ = UNARY[name]
    x = make(shape, numpy.random.RandomState(0))
    y = f(x)
    assert isinstance(y, chainlite.Variable)
    assert y.shape == shape and y.dtype == numpy.float64
    numpy.testing.assert_allclose(y.array, ref(x), rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize('name', sorted(UNARY))
@pytest.mark.parametrize('shape', SHAPES)
def test_unary_backward(name, shape):
    f, _, make, _ = UNARY[name]
    rng = numpy.random.RandomState(1)
    x = make(shape, rng)
    gradient_check.check_backward(f, x, rng.normal(size=shape), dtype=numpy.float64,
                                  eps=1e-5, atol=1e-7, rtol=1e-6)


@pytest.mark.parametrize('name', sorted(n for n in UNARY if UNARY[n][3]))
def test_unary_double_backward(name):
    f, _, make, _ = UNARY[name]
    rng = numpy.random.RandomState(2)
    shape = (3, 2)
    x = make(shape, rng)
    gradient_check.check_double_backward(f, x, rng.normal(size=shape), rng.normal(size=shape),
                                         dtype=numpy.float64, eps=1e-5, atol=1e-6, rtol=1e-5)


@pytest.mark.parametrize('name', COMMON)
@pytest.mark.parametrize('dtype, rtol', [(numpy.float16, 3e-3), (numpy.float32, 1e-6)])
def test_unary_low_precision(name, dtype, rtol):
    f, ref, make, _ = UNARY[name]
    x = make((4, 5), numpy.random.RandomState(3)).astype(dtype)
    y = f(x)
    assert y.dtype == dtype
    expected = ref(x.astype(numpy.float64))
    numpy.testing.assert_allclose(y.array.astype(numpy.float64), expected, rtol=rtol,
                                  atol=rtol * 0.1)


@pytest.mark.parametrize('name', sorted(UNARY))
def test_unary_rejects_int(name):
    f = UNARY[name][0]
    with pytest.raises(type_check.InvalidType, match=r'dtype.kind == f[\s\S]*shape = \(3,\)'):
        f(numpy.arange(3))


def test_unary_backward_values():
    # Hand-derived gradients at points where they are easy to read.
    x = chainlite.Variable(numpy.array([0.25, 4.0]))
    F.sum(F.sqrt(x)).backward()
    numpy.testing.assert_allclose(x.grad, [1.0, 0.25])
    x = chainlite.Variable(numpy.array([0.0]))
    F.sum(F.erf(x)).backward()
    numpy.testing.assert_allclose(x.grad, [2 / numpy.sqrt(numpy.pi)])
    x = chainlite.Variable(numpy.array([1.0, 2.0]))
    F.sum(F.lgamma(x)).backward()
    numpy.testing.assert_allclose(x.grad, [-numpy.euler_gamma, 1 - numpy.euler_gamma])


def test_erfinv_edges():
    y = F.erfinv(numpy.array([1.0, -1.0, 2.0, 0.0], numpy.float32)).array
    assert y.dtype == numpy.float32
    assert y[0] == numpy.inf and y[1] == -numpy.inf and numpy.isnan(y[2]) and y[3] == 0
    y = F.erfcinv(numpy.array([0.0, 2.0, 3.0])).array
    assert y[0] == numpy.inf and y[1] == -numpy.inf and numpy.isnan(y[2])


# -- polygamma ----------------------------------------------------------------------------

def test_polygamma_forward():
    n = numpy.array([[0, 1, 2], [3, 1, 0]])
    x = numpy.random.RandomState(0).uniform(0.3, 4, (2, 3))
    y = F.polygamma(n, x)
    assert y.dtype == numpy.float64
    numpy.testing.assert_allclose(y.array, scipy.special.polygamma(n, x), rtol=1e-12)
    # n broadcasts against x
    numpy.testing.assert_allclose(F.polygamma(numpy.array([0, 1, 2]), numpy.array([1.5])).array,
                                  scipy.special.polygamma([0, 1, 2], 1.5), rtol=1e-12)
    assert F.polygamma(n, x.astype(numpy.float32)).dtype == numpy.float32


@pytest.mark.parametrize('order', [0, 1, 2])
def test_polygamma_gradients(order):
    rng = numpy.random.RandomState(order)
    n = numpy.full((2, 3), order)
    x = rng.uniform(0.5, 3, (2, 3))

    def f(x):
        return F.polygamma(n, x)
    gradient_check.check_backward(f, x, rng.normal(size=(2, 3)), eps=1e-5, atol=1e-7, rtol=1e-6)
    gradient_check.check_double_backward(f, x, rng.normal(size=(2, 3)), rng.normal(size=(2, 3)),
                                         eps=1e-5, atol=1e-6, rtol=1e-5)


def test_polygamma_rejects_float_order():
    with pytest.raises(type_check.InvalidType, match='polygamma[\\s\\S]*n.dtype.kind == i'):
        F.polygamma(numpy.ones(2), numpy.ones(2))
    with pytest.raises(type_check.InvalidType, match='polygamma[\\s\\S]*x.dtype.kind == f'):
        F.polygamma(numpy.ones(2, int), numpy.ones(2, int))


# -- the pure-array fallbacks used without SciPy -------------------------------------------

FALLBACK_POINTS = {
    'erf': numpy.concatenate([numpy.linspace(-7, 7, 301), [0.0, 1e-12, 27.0]]),
    'erfc': numpy.concatenate([numpy.linspace(-7, 26, 301), [0.0, 1e-12]]),
    'erfinv': numpy.concatenate([numpy.linspace(-0.999, 0.999, 301),
                                 1 - numpy.logspace(-15, -2, 20), [-1.0, 1.0, 1.5]]),
    'erfcinv': numpy.concatenate([numpy.linspace(0.001, 1.999, 301), numpy.logspace(-300, -3, 30),
                                  [0.0, 2.0, -0.5]]),
    'gammaln': numpy.concatenate([numpy.linspace(-9.7, 40.3, 301), numpy.logspace(-8, 3, 20),
                                  [0.0, -3.0]]),
    'psi': numpy.concatenate([numpy.linspace(-9.7, 40.3, 301), numpy.logspace(-8, 3, 20),
                              [0.0, -3.0]]),
    'ndtr': numpy.linspace(-30, 10, 301),
}


@pytest.mark.parametrize('name', sorted(FALLBACK_POINTS))
def test_fallback_matches_scipy(name):
    x = FALLBACK_POINTS[name]
    got = _special.call(name, x, use_scipy=False)
    expected = getattr(scipy.special, name)(x)
    numpy.testing.assert_array_equal(numpy.isnan(got), numpy.isnan(expected))
    finite = numpy.isfinite(expected)
    numpy.testing.assert_array_equal(got[~finite], expected[~finite])
    err = numpy.abs(got[finite] - expected[finite]) / numpy.maximum(1, numpy.abs(expected[finite]))
    assert err.max() < 1e-11


def test_fallback_polygamma_matches_scipy():
    x = numpy.concatenate([numpy.linspace(0.01, 30, 200), numpy.logspace(-5, 3, 30)])
    for order in range(5):
        n = numpy.full(x.shape, order)
        got = _special.call('polygamma', n, x, use_scipy=False)
        numpy.testing.assert_allclose(got, scipy.special.polygamma(n, x), rtol=1e-12)
    assert numpy.isnan(_special.call('polygamma', numpy.array([1]), numpy.array([-0.5]),
                                     use_scipy=False)).all()


def test_fallback_missing_needs_scipy():
    with pytest.raises(ImportError, match='pip install scipy'):
        _special.call('erfcx', numpy.ones(2), use_scipy=False)


# -- binary elementwise ---------------------------------------------------------------------

def _distinct_pair(shape1, shape2, rng):
    x1 = rng.uniform(-2, 2, shape1)
    x2 = rng.uniform(-2, 2, shape2)
    x1 = numpy.where(numpy.abs(x1 - x2) < 0.1, x1 + 0.3, x1)  # no ties inside the step
    return x1, x2


def _fmod_pair(shape1, shape2, rng):
    x = rng.uniform(-5, 5, shape1)
    d = rng.uniform(0.7, 2, shape2) * rng.choice([-1, 1], shape2)
    ratio = numpy.abs(x / d)
    x = numpy.where(numpy.abs(ratio - numpy.round(ratio)) < 0.05, x + 0.2 * d, x)
    return x, d


BINARY = {
    'maximum': (F.maximum, numpy.maximum, _distinct_pair),
    'minimum': (F.minimum, numpy.minimum, _distinct_pair),
    'fmod': (F.fmod, numpy.fmod, _fmod_pair),
    'arctan2': (F.arctan2, numpy.arctan2,
                lambda s1, s2, r: (r.uniform(-2, 2, s1), r.uniform(0.5, 2, s2))),
    'squared_difference': (F.squared_difference, lambda a, b: (a - b) ** 2,
                           lambda s1, s2, r: (r.normal(size=s1), r.normal(size=s2))),
}
BROADCASTING = ['maximum', 'minimum', 'fmod', 'arctan2']
PAIRS = [((3, 4), (3, 4)), ((2, 3, 4), (3, 1))]


def _pairs(name):
    return PAIRS if name in BROADCASTING else PAIRS[:1]


@pytest.mark.parametrize('name, shapes', [(n, p) for n in sorted(BINARY) for p in _pairs(n)])
def test_binary(name, shapes):
    f, ref, make = BINARY[name]
    rng = numpy.random.RandomState(4)
    x1, x2 = make(shapes[0], shapes[1], rng)
    y = f(x1, x2)
    numpy.testing.assert_allclose(y.array, ref(x1, x2), rtol=1e-13)
    gy = rng.normal(size=y.shape)
    gradient_check.check_backward(f, (x1, x2), gy, eps=1e-5, atol=1e-7, rtol=1e-6)
    gradient_check.check_double_backward(f, (x1, x2), gy, (rng.normal(size=shapes[0]),
                                                           rng.normal(size=shapes[1])),
                                         eps=1e-5, atol=1e-6, rtol=1e-5)


@pytest.mark.parametrize('name', sorted(BINARY))
def test_binary_bad_input(name):
    f = BINARY[name][0]
    with pytest.raises(type_check.InvalidType, match='dtype'):
        f(numpy.ones(3), numpy.ones(3, numpy.float32))
    with pytest.raises(type_check.InvalidType, match=r'\(2, 3\)[\s\S]*\(4,\)'):
        f(numpy.ones((2, 3)), numpy.ones(4))
    with pytest.raises(type_check.InvalidType, match='dtype.kind == f'):
        f(numpy.ones(3, int), numpy.ones(3, int))


def test_squared_difference_needs_same_shape():
    with pytest.raises(type_check.InvalidType,
                       match=r'squared_difference[\s\S]*\(2, 3\) != \(3,\)'):
        F.squared_difference(numpy.ones((2, 3)), numpy.ones(3))


def test_maximum_minimum_ties_go_to_first():
    a = chainlite.Variable(numpy.array([1.0, 2.0, 3.0]))
    b = chainlite.Variable(numpy.array([1.0, 3.0, 2.0]))
    F.sum(F.maximum(a, b)).backward()
    assert a.grad.tolist() == [1.0, 0.0, 1.0] and b.grad.tolist() == [0.0, 1.0, 0.0]
    a.cleargrad()
    b.cleargrad()
    F.sum(F.minimum(a, b)).backward()
    assert a.grad.tolist() == [1.0, 1.0, 0.0] and b.grad.tolist() == [0.0, 0.0, 1.0]


def test_fmod_divisor_gradient():
    x = chainlite.Variable(numpy.array([5.0, -5.0, 5.5]))
    d = chainlite.Variable(numpy.array([3.0, 3.0, -2.0]))
    y = F.fmod(x, d)
    assert y.array.tolist() == [2.0, -2.0, 1.5]
    F.sum(y).backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0] and d.grad.tolist() == [-1.0, 1.0, 2.0]


# -- piecewise constant -------------------------------------------------------------------

@pytest.mark.parametrize('name, ref', [('floor', numpy.floor), ('ceil', numpy.ceil),
                                       ('fix', numpy.fix), ('sign', numpy.sign)])
def test_rounding(name, ref):
    f = getattr(F, name)
    x = numpy.array([-2.5, -1.0, -0.3, 0.0, 0.7, 2.0, 3.5])
    for dtype in (numpy.float16, numpy.float32, numpy.float64):
        y = f(x.astype(dtype))
        assert y.dtype == dtype
        numpy.testing.assert_array_equal(y.array, ref(x).astype(dtype))
    xi = numpy.array([-2, 0, 3])
    y = f(xi)
    assert y.dtype == xi.dtype
    numpy.testing.assert_array_equal(y.array, ref(xi))
    v = chainlite.Variable(x)
    F.sum(f(v) * v).backward()  # only the product's own path carries gradient
    numpy.testing.assert_array_equal(v.grad, ref(x))


def test_identity():
    a = chainlite.Variable(numpy.array([1.0, 2.0]))
    b = chainlite.Variable(numpy.array([3.0]))
    y = F.identity(a)
    assert isinstance(y, chainlite.Variable) and y is not a
    numpy.testing.assert_array_equal(y.array, a.array)
    ya, yb = F.identity(a, b)
    F.sum(ya * 2.0).backward()
    assert a.grad.tolist() == [2.0, 2.0] and b.grad is None
    gradient_check.check_backward(lambda x, y: F.identity(x, y), (a.array, b.array),
                                  (numpy.ones(2), numpy.ones(1)))
    gradient_check.check_double_backward(lambda x: F.identity(x) * x, numpy.array([1.0, -2.0]),
                                         numpy.ones(2), numpy.ones(2))


def test_absolute_gradient_at_zero_is_zero():
    x = chainlite.Variable(numpy.array([1.0, -2.0, 0.0]))
    F.sum(F.absolute(x)).backward()
    assert x.grad.tolist() == [1.0, -1.0, 0.0]


# -- every public math name is covered by a gradient test --------------------------------------

# Names whose gradient tests live in tests/test_functions_math_reduce.py (by test function).
REDUCE_GRADIENT_TESTS = {
    'mean': 'test_mean', 'average': 'test_average_weighted_axis', 'max': 'test_max_min',
    'min': 'test_max_min', 'clip': 'test_clip', 'cumsum': 'test_cumulative',
    'cumprod': 'test_cumulative', 'prod': 'test_prod', 'logsumexp': 'test_logsumexp',
    'bias': 'test_bias_scale', 'scale': 'test_bias_scale', 'tensordot': 'test_tensordot',
    'einsum': 'test_einsum', 'det': 'test_det_inv', 'inv': 'test_det_inv',
    'batch_det': 'test_batch_det_inv', 'batch_inv': 'test_batch_det_inv',
    'cholesky': 'test_cholesky', 'fft': 'test_fft', 'ifft': 'test_fft',
    'linear_interpolate': 'test_linear_interpolate',
    'batch_l2_norm_squared': 'test_batch_l2_norm_squared', 'sparse_matmul': 'test_sparse_matmul',
}
OTHER_GRADIENT_TESTS = {'polygamma': test_polygamma_gradients, 'identity': test_identity}
NO_GRADIENT = {'argmax', 'argmin', 'floor', 'ceil', 'fix', 'sign'}  # tested to pass none
CORE = {'add', 'matmul', 'batch_matmul', 'sum', 'sum_to'}  # tested with the core


def test_every_math_name_has_a_gradient_test():
    import test_functions_math_reduce as reduce_tests
    from chainlite.functions import math
    for name, test in REDUCE_GRADIENT_TESTS.items():
        assert callable(getattr(reduce_tests, test)), test
    covered = (set(UNARY) | set(BINARY) | set(REDUCE_GRADIENT_TESTS) | set(OTHER_GRADIENT_TESTS)
               | NO_GRADIENT | CORE)
    assert set(math.__all__) - covered == set()
    assert covered - set(math.__all__) == set()


def test_functions_work_without_scipy(monkeypatch):
    monkeypatch.setattr(_special, '_scipy_special', False)  # as if SciPy were not installed
    x = numpy.random.RandomState(5).uniform(0.2, 0.9, (3, 4))
    for f, ref in ((F.erf, scipy.special.erf), (F.erfc, scipy.special.erfc),
                   (F.erfinv, scipy.special.erfinv), (F.erfcinv, scipy.special.erfcinv),
                   (F.lgamma, scipy.special.gammaln), (F.digamma, scipy.special.psi),
                   (F.ndtr, scipy.special.ndtr)):
        numpy.testing.assert_allclose(f(x).array, ref(x), rtol=1e-12)
    n = numpy.ones(x.shape, int)
    numpy.testing.assert_allclose(F.polygamma(n, x).array, scipy.special.polygamma(n, x),
                                  rtol=1e-12)
    gradient_check.check_double_backward(F.lgamma, x, numpy.ones(x.shape), numpy.ones(x.shape),
                                         eps=1e-5, atol=1e-6, rtol=1e-5)
    with pytest.raises(ImportError, match='erfcx needs SciPy.*pip install scipy'):
        F.erfcx(x)


INT_REFUSED = {'v * v': lambda v: v * v, 'v / v': lambda v: v / v, 'v ** 2': lambda v: v ** 2,
               'v ** 1.5': lambda v: v ** 1.5, '2 ** v': lambda v: 2 ** v, 'abs(v)': abs,
               '1 / v': lambda v: 1 / v, 'v @ v': lambda v: v @ v}


@pytest.mark.parametrize('name', sorted(INT_REFUSED))
def test_int_variables_refuse_what_chainer_refuses(name):
    # as Chainer 7.8.1's type checks: int ** 1.5 would otherwise truncate silently
    v = chainlite.Variable(numpy.array([1, 2, 3], numpy.int32))
    with pytest.raises(type_check.InvalidType, match=r'dtype.kind == f'):
        INT_REFUSED[name](v)


def test_int_variables_keep_what_chainer_keeps():
    v = chainlite.Variable(numpy.array([1, 2, 3], numpy.int32))
    for y, want in ((v + 1, [2, 3, 4]), (v + v, [2, 4, 6]), (v * 2, [2, 4, 6]), (-v, [-1, -2, -3]),
                    (1 - v, [0, -1, -2])):
        assert y.dtype == numpy.int32 and y.array.tolist() == want
