"""Normalization functions: goldens from Chainer 7.8.1, NumPy references, gradients, errors."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check
from test_functions_connection import compare_with_gpu, golden_cases, run_golden

NORMALIZATION = ('batch_normalization', 'fixed_batch_normalization', 'batch_renormalization',
                 'layer_normalization', 'group_normalization', 'local_response_normalization',
                 'normalize', 'decorrelated_batch_normalization',
                 'fixed_decorrelated_batch_normalization')


@pytest.mark.parametrize('name', golden_cases(NORMALIZATION))
def test_golden(name):
    run_golden(name)


def test_goldens_cover_every_chainer_function():
    assert set(NORMALIZATION) == {n for n in NORMALIZATION if golden_cases((n,))}


def _standardized(x, axes, eps):
    mean = x.mean(axis=axes, keepdims=True)
    return (x - mean) / numpy.sqrt(x.var(axis=axes, keepdims=True) + eps)


def test_batch_normalization_matches_numpy(rng):
    x, g, b = rng.randn(6, 3, 2, 2), rng.randn(3), rng.randn(3)
    rm, rv = rng.randn(3), rng.rand(3) + 1
    rm0, rv0 = rm.copy(), rv.copy()
    y = F.batch_normalization(x, g, b, running_mean=rm, running_var=rv, decay=0.7)
    expected = _standardized(x, (0, 2, 3), 2e-5) * g[:, None, None] + b[:, None, None]
    numpy.testing.assert_allclose(y.array, expected, atol=1e-12)
    numpy.testing.assert_allclose(rm, 0.7 * rm0 + 0.3 * x.mean(axis=(0, 2, 3)))
    numpy.testing.assert_allclose(rv, 0.7 * rv0 + 0.3 * x.var(axis=(0, 2, 3), ddof=1))


def test_batch_normalization_uses_batch_statistics_in_test_mode(rng):
    x, g, b = rng.randn(5, 3), numpy.ones(3), numpy.zeros(3)
    with chainlite.using_config('train', False):
        y = F.batch_normalization(x, g, b)
    numpy.testing.assert_allclose(y.array, _standardized(x, (0,), 2e-5), atol=1e-12)


def test_group_and_instance_normalization_match_numpy(rng):
    x, g, b = rng.randn(2, 6, 3, 2), rng.randn(6), rng.randn(6)
    y = F.group_normalization(x, 3, g, b)
    xs = _standardized(x.reshape(2, 3, -1), (2,), 1e-5).reshape(x.shape)
    numpy.testing.assert_allclose(y.array, xs * g[:, None, None] + b[:, None, None], atol=1e-12)
    y = F.instance_normalization(x, g, b)
    xs = _standardized(x, (2, 3), 1e-5)
    numpy.testing.assert_allclose(y.array, xs * g[:, None, None] + b[:, None, None], atol=1e-12)


def test_local_response_normalization_matches_loop(rng):
    x = rng.randn(2, 7, 3)
    y = F.local_response_normalization(x, n=5, k=2, alpha=0.1, beta=0.75)
    s = numpy.stack([(x[:, max(0, c - 2):c + 3] ** 2).sum(axis=1) for c in range(7)], axis=1)
    numpy.testing.assert_allclose(y.array, x / (2 + 0.1 * s) ** 0.75, atol=1e-12)


def test_normalize_matches_numpy_and_handles_zero(rng):
    x = rng.randn(3, 4)
    y = F.normalize(x)
    numpy.testing.assert_allclose(y.array,
                                  x / (numpy.sqrt((x ** 2).sum(axis=1, keepdims=True)) + 1e-5))
    z = chainlite.Variable(numpy.zeros((2, 3)))
    y = F.normalize(z)
    y.grad = numpy.ones((2, 3))
    y.backward()
    assert numpy.all(y.array == 0)
    numpy.testing.assert_allclose(z.grad, numpy.full((2, 3), 1e5))


def test_batch_renormalization_limits(rng):
    # Unclipped, r and d turn batch statistics into the running ones; fully clipped, into none.
    x, g, b = rng.randn(8, 3), rng.randn(3), rng.randn(3)
    rm, rv = rng.randn(3), rng.rand(3) + 1
    y = F.batch_renormalization(x, g, b, rmax=1e9, dmax=1e9, running_mean=rm, running_var=rv)
    numpy.testing.assert_allclose(y.array, F.fixed_batch_normalization(x, g, b, rm, rv).array,
                                  atol=1e-10)
    y = F.batch_renormalization(x, g, b, rmax=1.0, dmax=0.0, running_mean=rm, running_var=rv)
    numpy.testing.assert_allclose(y.array, _standardized(x, (0,), 2e-5) * g + b, atol=1e-12)


@pytest.mark.parametrize('dtype,atol', [(numpy.float16, 2e-2), (numpy.float32, 1e-5)])
def test_low_precision(rng, dtype, atol):
    x = rng.randn(4, 3, 2)
    g, b = rng.randn(3), rng.randn(3)
    y = F.batch_normalization(x.astype(dtype), g.astype(dtype), b.astype(dtype))
    assert y.dtype == dtype
    expected = _standardized(x, (0, 2), 2e-5) * g[:, None] + b[:, None]
    numpy.testing.assert_allclose(y.array, expected, atol=atol * 5, rtol=atol)


# ---- gradients ----

def _check(func, xs, rng, double=True, **kw):
    xs = tuple(xs)
    y = func(*[chainlite.Variable(x) for x in xs])
    gy = rng.randn(*y.shape)
    gradient_check.check_backward(func, xs, gy, dtype=numpy.float64, **kw)
    if double:
        ggx = tuple(rng.randn(*x.shape) for x in xs)
        gradient_check.check_double_backward(func, xs, gy, ggx, dtype=numpy.float64, **kw)


@pytest.mark.parametrize('shape,gshape,axis', [((5, 3), (3,), None), ((3, 2, 2, 2), (2,), None),
                                               ((3, 2, 2), (2, 2), None),
                                               ((4, 3, 2), (2,), (0, 1))])
def test_batch_normalization_grads(rng, shape, gshape, axis):
    def f(x, g, b):
        return F.batch_normalization(x, g, b, eps=1e-2, axis=axis)
    _check(f, (rng.randn(*shape), rng.randn(*gshape), rng.randn(*gshape)), rng)


def test_fixed_batch_normalization_grads(rng):
    def f(x, g, b, m, v):
        return F.fixed_batch_normalization(x, g, b, m, v)
    _check(f, (rng.randn(4, 3, 2), rng.randn(3), rng.randn(3), rng.randn(3), rng.rand(3) + 1),
           rng)


def test_batch_renormalization_grads(rng):
    # Running statistics far from the batch's: r and d stay clipped (constant) under the
    # numerical perturbation, where the gradient that treats them as constants is exact.
    rm, rv = numpy.full(3, 10.0), numpy.full(3, 100.0)

    def f(x, g, b):
        return F.batch_renormalization(x, g, b, 1.5, 0.2, eps=1e-2, running_mean=rm.copy(),
                                       running_var=rv.copy())
    _check(f, (rng.randn(6, 3), rng.randn(3), rng.randn(3)), rng)


def test_layer_group_instance_grads(rng):
    _check(lambda x, g, b: F.layer_normalization(x, g, b, eps=1e-2),
           (rng.randn(3, 4), rng.randn(4), rng.randn(4)), rng)
    _check(lambda x, g, b: F.group_normalization(x, 2, g, b, eps=1e-2),
           (rng.randn(2, 4, 3), rng.randn(4), rng.randn(4)), rng)
    _check(lambda x, g, b: F.instance_normalization(x, g, b, eps=1e-2),
           (rng.randn(2, 3, 2, 2), rng.randn(3), rng.randn(3)), rng)


def test_lrn_and_normalize_grads(rng):
    _check(lambda x: F.local_response_normalization(x, n=3, k=1, alpha=0.5),
           (rng.randn(2, 5, 2),), rng)
    _check(lambda x: F.normalize(x, axis=(1, 2)), (rng.randn(2, 3, 2),), rng)
    _check(F.normalize, (rng.randn(3, 4),), rng)


def test_decorrelated_batch_normalization_whitens(rng):
    x = rng.randn(40, 6, 2) @ rng.randn(2, 2) + 3
    y = F.decorrelated_batch_normalization(x, groups=3, eps=0.0).array
    ys = y.reshape(40, 3, 2, 2).transpose(1, 2, 0, 3).reshape(3, 2, -1)
    numpy.testing.assert_allclose(ys.mean(axis=-1), 0, atol=1e-12)
    numpy.testing.assert_allclose(ys @ ys.transpose(0, 2, 1) / 80, [numpy.eye(2)] * 3, atol=1e-10)


def test_decorrelated_batch_normalization_grads(rng):
    def f(x):
        return F.decorrelated_batch_normalization(x, groups=2, eps=1e-2)
    x = rng.randn(5, 4, 3)
    gradient_check.check_backward(f, x, rng.randn(5, 4, 3), dtype=numpy.float64)
    with pytest.raises(NotImplementedError, match='Double backward'):
        gradient_check.check_double_backward(f, x, rng.randn(5, 4, 3), rng.randn(5, 4, 3))
    _check(lambda x, m, p: F.fixed_decorrelated_batch_normalization(x, m, p, groups=2),
           (x, rng.randn(2, 2), rng.randn(2, 2, 2)), rng)


# ---- bad input ----

@pytest.mark.parametrize('call,err,match', [
    (lambda: F.batch_normalization(numpy.zeros((2, 3)), numpy.ones(4), numpy.zeros(4)),
     type_check.InvalidType, r'batch_normalization.*\(2, 3\).*\(3,\).*\(4,\)'),
    (lambda: F.batch_normalization(numpy.zeros((2, 3)), numpy.ones(3, 'f'), numpy.zeros(3, 'f')),
     type_check.InvalidType, 'float32'),
    (lambda: F.batch_normalization(numpy.zeros((2, 3)), numpy.ones(3), numpy.zeros(3), foo=1),
     TypeError, 'foo'),
    (lambda: F.fixed_batch_normalization(numpy.zeros((2, 3)), numpy.ones(3), numpy.zeros(3),
                                         numpy.zeros(2), numpy.ones(3)),
     type_check.InvalidType, 'fixed_batch_normalization'),
    (lambda: F.batch_renormalization(numpy.zeros((2, 3)), numpy.ones(3), numpy.zeros(3), 1, 1),
     TypeError, 'running_mean is required'),
    (lambda: F.layer_normalization(numpy.zeros((2, 3, 4)), numpy.ones(3), numpy.zeros(3)),
     type_check.InvalidType, r'(?s)x.ndim == 2.*\(2, 3, 4\)'),
    (lambda: F.group_normalization(numpy.zeros((2, 4, 3)), 3, numpy.ones(4), numpy.zeros(4)),
     ValueError, 'not divisible'),
    (lambda: F.local_response_normalization(numpy.zeros((2, 3), 'i')), type_check.InvalidType,
     'local_response_normalization'),
    (lambda: F.normalize(numpy.zeros((2, 3)), axis=2), type_check.InvalidType, 'axis 2'),
    (lambda: F.decorrelated_batch_normalization(numpy.zeros((2, 5, 3)), groups=2),
     type_check.InvalidType, r'decorrelated_batch_normalization.*groups=2.*\(2, 5, 3\)'),
])
def test_bad_input(call, err, match):
    with pytest.raises(err, match=match):
        call()


def test_batch_renormalization_refuses_test_mode(rng):
    with chainlite.using_config('train', False), pytest.raises(RuntimeError, match='training'):
        F.batch_renormalization(rng.randn(2, 3), numpy.ones(3), numpy.zeros(3), 1, 1,
                                running_mean=numpy.zeros(3), running_var=numpy.ones(3))


def test_fixed_batch_renormalization_grads(rng):
    def f(x, g, b, m, v):
        return F.fixed_batch_renormalization(x, g, b, m, v)
    _check(f, (rng.randn(4, 3), rng.randn(3), rng.randn(3), rng.randn(3), rng.rand(3) + 1), rng)


@pytest.mark.gpu
@pytest.mark.parametrize('func,shapes', [
    (lambda x, g, b: F.batch_normalization(x, g, b), [(4, 3, 2, 2), (3,), (3,)]),
    (lambda x, g, b: F.layer_normalization(x, g, b), [(4, 5), (5,), (5,)]),
    (lambda x, g, b: F.group_normalization(x, 2, g, b), [(2, 4, 3), (4,), (4,)]),
    (lambda x: F.local_response_normalization(x), [(2, 6, 2, 2)]),
    (lambda x: F.normalize(x), [(3, 4)]),
    (lambda x: F.decorrelated_batch_normalization(x, groups=2), [(8, 4, 2)]),
])
def test_gpu_matches_cpu(func, shapes):
    rng = numpy.random.RandomState(0)
    compare_with_gpu(func, [rng.randn(*s).astype(numpy.float32) for s in shapes], atol=1e-3)
