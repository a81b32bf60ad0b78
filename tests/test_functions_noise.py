"""chainlite.functions noise: Chainer's random draws (seed parity), gradients, modes, errors."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check

SHAPES = [(3, 4), (2, 3, 5)]


def _seeded(func, seed=7):
    """``func`` with numpy.random reseeded on every call, so the noise is fixed."""
    def wrapped(*args):
        numpy.random.seed(seed)
        return func(*args)
    return wrapped


def _check_gradients(func, inputs, rng, double=True):
    gy = rng.normal(size=func(*inputs).shape)
    gradient_check.check_backward(func, inputs, gy, dtype=numpy.float64, atol=1e-6, rtol=1e-5)
    if double:
        ggx = tuple(rng.normal(size=x.shape) for x in inputs)
        gradient_check.check_double_backward(func, inputs, gy, ggx, dtype=numpy.float64)


def test_every_noise_function_has_a_gradient_test():
    from chainlite.functions import noise
    assert noise.__all__
    for name in noise.__all__:
        assert getattr(F, name) is getattr(noise, name)
        assert callable(globals()['test_%s_gradients' % name]), name


# dropout

@pytest.mark.parametrize('dtype', [numpy.float16, numpy.float32, numpy.float64])
def test_dropout_draws_chainers_mask(dtype, rng):
    x = rng.normal(size=(30, 40)).astype(dtype)
    numpy.random.seed(3)
    y, mask = F.dropout(x, 0.3, return_mask=True)
    numpy.random.seed(3)
    keep = numpy.random.rand(30, 40) >= 0.3
    scale = dtype(1 / 0.7)
    assert mask.dtype == dtype and y.dtype == dtype
    numpy.testing.assert_array_equal(mask, keep * scale)
    numpy.testing.assert_array_equal(y.array, x * (keep * scale).astype(dtype))


def test_dropout_test_mode_is_identity(rng):
    x = rng.normal(size=(3, 4))
    state = numpy.random.get_state()[1].copy()
    with chainlite.using_config('train', False):
        y, mask = F.dropout(x, 0.5, return_mask=True)
    assert mask is None
    assert isinstance(y, chainlite.Variable)
    numpy.testing.assert_array_equal(y.array, x)
    numpy.testing.assert_array_equal(numpy.random.get_state()[1], state)


def test_dropout_given_mask_and_ratio_zero(rng):
    x = rng.normal(size=(3, 4))
    mask = (rng.uniform(size=x.shape) > 0.5) * 2.0
    numpy.testing.assert_array_equal(F.dropout(x, 0.5, mask=mask).array, x * mask)
    numpy.testing.assert_array_equal(F.dropout(x, 0.0).array, x)


@pytest.mark.parametrize('shape', SHAPES)
def test_dropout_gradients(shape, rng):
    x = rng.normal(size=shape)
    mask = (rng.uniform(size=shape) > 0.4) / 0.6
    _check_gradients(lambda v: F.dropout(v, 0.4, mask=mask), (x,), rng)


def test_dropout_zero_dim():
    y = F.dropout(numpy.array(2.0), 0.5)
    assert y.shape == () and float(y.array) in (0.0, 4.0)


def test_dropout_errors():
    x = numpy.zeros((2, 3), numpy.float32)
    for ratio in (1.0, -0.1):
        with pytest.raises(ValueError, match=r'dropout: ratio must be in the range \[0, 1\)'):
            F.dropout(x, ratio)
    with pytest.raises(TypeError, match="dropout.*'train'"):
        F.dropout(x, train=False)
    with pytest.raises(type_check.InvalidType, match=r'(?s)Dropout.*\(2, 3\) != \(3, 2\)'):
        F.dropout(x, mask=numpy.ones((3, 2), numpy.float32))
    with pytest.raises(type_check.InvalidType, match=r"x\.dtype\.kind == 'f'"):
        F.dropout(numpy.zeros(3, numpy.int32))


# gaussian

def test_gaussian_draws_chainers_eps(rng):
    mean = rng.normal(size=(3, 4)).astype(numpy.float32)
    ln_var = rng.normal(size=(3, 4)).astype(numpy.float32)
    numpy.random.seed(1)
    y, eps = F.gaussian(mean, ln_var, return_eps=True)
    numpy.random.seed(1)
    expected = numpy.random.standard_normal((3, 4)).astype(numpy.float32)
    numpy.testing.assert_array_equal(eps, expected)
    numpy.testing.assert_allclose(y.array, mean + numpy.exp(ln_var / 2) * expected, rtol=1e-6)
    assert y.dtype == numpy.float32


def test_gaussian_samples_in_test_mode_too(rng):
    mean, ln_var = numpy.zeros((2, 2)), numpy.zeros((2, 2))
    with chainlite.using_config('train', False):
        numpy.random.seed(2)
        y = F.gaussian(mean, ln_var)
    numpy.random.seed(2)
    numpy.testing.assert_array_equal(y.array, numpy.random.standard_normal((2, 2)))


@pytest.mark.parametrize('shape', SHAPES)
def test_gaussian_gradients(shape, rng):
    eps = rng.normal(size=shape)
    _check_gradients(lambda m, v: F.gaussian(m, v, eps=eps),
                     (rng.normal(size=shape), rng.normal(size=shape)), rng)


def test_gaussian_errors():
    a = numpy.zeros((2, 3))
    with pytest.raises(type_check.InvalidType, match=r'(?s)Gaussian.*\(2, 3\) != \(3, 2\)'):
        F.gaussian(a, numpy.zeros((3, 2)))
    with pytest.raises(type_check.InvalidType, match='ln_var'):
        F.gaussian(a, numpy.zeros((2, 3), numpy.float32))
    with pytest.raises(TypeError, match="gaussian.*'foo'"):
        F.gaussian(a, a, foo=1)


# gumbel_softmax

def test_gumbel_softmax_matches_reference(rng):
    log_pi = rng.normal(size=(3, 4)).astype(numpy.float32)
    numpy.random.seed(4)
    y = F.gumbel_softmax(log_pi, tau=0.5)
    numpy.random.seed(4)
    z = (log_pi + numpy.random.gumbel(size=(3, 4)).astype(numpy.float32)) / 0.5
    e = numpy.exp(z - z.max(axis=1, keepdims=True))
    numpy.testing.assert_allclose(y.array, e / e.sum(axis=1, keepdims=True), rtol=1e-5)


@pytest.mark.parametrize('shape', SHAPES)
def test_gumbel_softmax_gradients(shape, rng):
    _check_gradients(_seeded(lambda v: F.gumbel_softmax(v, tau=2.0, axis=-1)),
                     (rng.normal(size=shape),), rng)


def test_gumbel_softmax_rejects_integers():
    with pytest.raises(TypeError, match='gumbel_softmax'):
        F.gumbel_softmax(numpy.zeros((2, 3), numpy.int32))


# simplified_dropconnect

def _linear_ref(x, W, b, mask, scale):
    x = x.reshape(len(x), -1)
    Wm = W * mask
    y = numpy.einsum('ni,noi->no', x, Wm) if Wm.ndim == 3 else x @ Wm.T
    return y * scale + b


@pytest.mark.parametrize('batchwise', [True, False])
def test_simplified_dropconnect_draws_chainers_mask(batchwise, rng):
    x = rng.normal(size=(3, 2, 2)).astype(numpy.float32)
    W = rng.normal(size=(5, 4)).astype(numpy.float32)
    b = rng.normal(size=5).astype(numpy.float32)
    numpy.random.seed(1)
    y = F.simplified_dropconnect(x, W, b, 0.3, use_batchwise_mask=batchwise)
    numpy.random.seed(1)
    mask = numpy.random.rand(*((3, 5, 4) if batchwise else (5, 4))) >= 0.3
    numpy.testing.assert_allclose(y.array, _linear_ref(x, W, b, mask, 1 / 0.7),
                                  rtol=1e-5, atol=1e-6)


def test_simplified_dropconnect_without_training(rng):
    x, W, b = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=5)
    numpy.testing.assert_allclose(F.simplified_dropconnect(x, W, b, train=False).array,
                                  x @ W.T + b)
    mask = rng.uniform(size=(3, 5, 4)) > 0.5
    numpy.testing.assert_allclose(
        F.simplified_dropconnect(x, W, b, train=False, mask=mask).array,
        _linear_ref(x, W, b, mask, 1.0))
    # The train argument, not the configuration, decides (as in Chainer).
    with chainlite.using_config('train', False):
        y = F.simplified_dropconnect(x, W, b, mask=mask)
    numpy.testing.assert_allclose(y.array, _linear_ref(x, W, b, mask, 2.0))


@pytest.mark.parametrize('batchwise', [True, False])
@pytest.mark.parametrize('x_shape', [(3, 4), (3, 2, 2)])
def test_simplified_dropconnect_gradients(batchwise, x_shape, rng):
    mask = rng.uniform(size=(3, 5, 4) if batchwise else (5, 4)) > 0.3
    inputs = (rng.normal(size=x_shape), rng.normal(size=(5, 4)), rng.normal(size=5))
    _check_gradients(lambda x, W, b: F.simplified_dropconnect(
        x, W, b, 0.3, mask=mask, use_batchwise_mask=batchwise), inputs, rng)


def test_simplified_dropconnect_errors():
    x, W = numpy.zeros((3, 4)), numpy.zeros((5, 4))
    with pytest.raises(type_check.InvalidType,
                       match=r'(?s)simplified_dropconnect.*4 != 3 .*W.shape = \(5, 3\)'):
        F.simplified_dropconnect(x, W[:, :3])
    with pytest.raises(type_check.InvalidType, match=r'b\.shape\[0\] == W\.shape\[0\]'):
        F.simplified_dropconnect(x, W, numpy.zeros(4))
    with pytest.raises(type_check.InvalidType, match=r'\(5, 4\) != \(3, 5, 4\)'):
        F.simplified_dropconnect(x, W, mask=numpy.ones((5, 4)))
    with pytest.raises(type_check.InvalidType, match='W.dtype == x.dtype'):
        F.simplified_dropconnect(x, W.astype(numpy.float32))
    with pytest.raises(ValueError, match='simplified_dropconnect: ratio'):
        F.simplified_dropconnect(x, W, ratio=1.0)


# zoneout

def test_zoneout_draws_chainers_flags(rng):
    h, x = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    numpy.random.seed(1)
    y = F.zoneout(h, x, 0.3)
    numpy.random.seed(1)
    take_x = numpy.random.rand(4, 5) >= 0.3
    numpy.testing.assert_array_equal(y.array, numpy.where(take_x, x, h))
    numpy.testing.assert_array_equal(F.zoneout(h, x, 1.0).array, h)


def test_zoneout_test_mode_returns_x(rng):
    h, x = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    with chainlite.using_config('train', False):
        y = F.zoneout(h, x)
    numpy.testing.assert_array_equal(y.array, x)


@pytest.mark.parametrize('shape', SHAPES)
def test_zoneout_gradients(shape, rng):
    _check_gradients(_seeded(lambda h, x: F.zoneout(h, x, 0.4)),
                     (rng.normal(size=shape), rng.normal(size=shape)), rng)


def test_zoneout_errors():
    h = numpy.zeros((3, 4))
    with pytest.raises(type_check.InvalidType, match=r'(?s)Zoneout.*\(2, 4\) != \(3, 4\)'):
        F.zoneout(h, numpy.zeros((2, 4)))
    with pytest.raises(ValueError, match='zoneout: ratio'):
        F.zoneout(h, h, 1.5)
    with pytest.raises(TypeError, match="zoneout.*'return_mask'"):
        F.zoneout(h, h, return_mask=True)


# Chainer 7.8.1's seeded draws (tools/goldens/functions_noise_evaluation.py, seed 11).
GOLDEN_NOISE = {
    'dropout_f32': lambda x: F.dropout(x, 0.3, return_mask=True),
    'dropout_f16': lambda x: F.dropout(x, 0.6, return_mask=True),
    'rrelu': lambda x: F.rrelu(x, 0.1, 0.4, return_r=True),
    'gaussian': lambda m, v: F.gaussian(m, v, return_eps=True),
    'gumbel_softmax': lambda x: F.gumbel_softmax(x, 0.5, axis=1),
    'dropconnect_batchwise': lambda x, W, b: F.simplified_dropconnect(x, W, b, 0.4),
    'dropconnect_shared': lambda x, W, b: F.simplified_dropconnect(x, W, b, 0.4,
                                                                   use_batchwise_mask=False),
    'zoneout': lambda h, x: F.zoneout(h, x, 0.3),
}


def load_golden(case):
    import pathlib
    path = pathlib.Path(__file__).parent / 'data' / 'functions_noise_evaluation.npz'
    with numpy.load(path) as f:
        xs = [f['x/%s/%d' % (case, i)] for i in range(3) if 'x/%s/%d' % (case, i) in f]
        ys = [f['y/%s/%d' % (case, i)] for i in range(4) if 'y/%s/%d' % (case, i) in f]
    return xs, ys


@pytest.mark.parametrize('case', sorted(GOLDEN_NOISE))
def test_seed_parity_with_chainer(case):
    xs, expected = load_golden(case)
    numpy.random.seed(11)
    out = GOLDEN_NOISE[case](*xs)
    out = out if isinstance(out, tuple) else (out,)
    assert len(out) == len(expected)
    for y, e in zip(out, expected):
        y = getattr(y, 'array', y)
        assert y.dtype == e.dtype and y.shape == e.shape
        numpy.testing.assert_allclose(y, e, rtol=1e-6, atol=1e-6)
