"""chainlite.functions activations: forward vs NumPy, gradients, dtypes and bad input."""
import math

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check

SHAPES = [(3, 4), (2, 6, 3), (4, 2, 2, 2)]

_erfc = numpy.vectorize(math.erfc)


def _x(shape, rng, avoid=(0.0,), margin=0.05):
    """Uniform in [-2, 2], kept ``margin`` away from the kinks in ``avoid``."""
    x = rng.uniform(-2, 2, shape)
    for k in avoid:
        near = numpy.abs(x - k) < margin
        x[near] = k + numpy.where(x[near] >= k, margin, -margin) * 2
    return x


def _w(shape):
    return numpy.linspace(0.1, 0.9, shape[1])


def _softmax(x, axis=1):
    e = numpy.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _maxout_input(shape, rng):
    # Distinct values, far apart: no ties and no kink inside the difference step.
    x = rng.permutation(numpy.prod(shape)).reshape(shape) * 0.1
    return x


def _per_channel(w, ndim):
    return w.reshape((1, -1) + (1,) * (ndim - 2))


# name -> (function of Variables, NumPy reference, input maker(shape, rng) -> tuple)
CASES = {
    'relu': (F.relu, lambda x: numpy.maximum(x, 0), lambda s, r: (_x(s, r),)),
    'leaky_relu': (lambda x: F.leaky_relu(x, 0.3), lambda x: numpy.where(x >= 0, x, 0.3 * x),
                   lambda s, r: (_x(s, r),)),
    'elu': (lambda x: F.elu(x, 1.5), lambda x: numpy.where(x >= 0, x, 1.5 * (numpy.exp(x) - 1)),
            lambda s, r: (_x(s, r),)),
    'selu': (F.selu,
             lambda x: 1.0507009873554805 * numpy.where(
                 x >= 0, x, 1.6732632423543772 * (numpy.exp(x) - 1)),
             lambda s, r: (_x(s, r),)),
    'clipped_relu': (lambda x: F.clipped_relu(x, 1.0), lambda x: numpy.clip(x, 0, 1.0),
                     lambda s, r: (_x(s, r, avoid=(0.0, 1.0)),)),
    'relu6': (F.relu6, lambda x: numpy.clip(x, 0, 6.0),
              lambda s, r: (4 * _x(s, r, avoid=(0.0, 1.5)),)),
    'crelu': (F.crelu, lambda x: numpy.concatenate([numpy.maximum(x, 0), numpy.maximum(-x, 0)], 1),
              lambda s, r: (_x(s, r),)),
    'crelu_last_axis': (lambda x: F.crelu(x, axis=-1),
                        lambda x: numpy.concatenate([numpy.maximum(x, 0),
                                                     numpy.maximum(-x, 0)], -1),
                        lambda s, r: (_x(s, r),)),
    'prelu': (F.prelu, lambda x, w: numpy.where(x >= 0, x, x * _per_channel(w, x.ndim)),
              lambda s, r: (_x(s, r), _w(s))),
    'sigmoid': (F.sigmoid, lambda x: 1 / (1 + numpy.exp(-x)), lambda s, r: (_x(s, r),)),
    'hard_sigmoid': (F.hard_sigmoid, lambda x: numpy.clip(0.2 * x + 0.5, 0, 1),
                     lambda s, r: (3 * _x(s, r, avoid=(-2.5 / 3, 2.5 / 3)),)),
    'tanh': (F.tanh, numpy.tanh, lambda s, r: (_x(s, r),)),
    'softmax': (F.softmax, _softmax, lambda s, r: (_x(s, r),)),
    'softmax_last_axis': (lambda x: F.softmax(x, axis=-1), lambda x: _softmax(x, -1),
                          lambda s, r: (_x(s, r),)),
    'log_softmax': (F.log_softmax, lambda x: numpy.log(_softmax(x)), lambda s, r: (_x(s, r),)),
    'softplus': (lambda x: F.softplus(x, 2.0), lambda x: numpy.log1p(numpy.exp(2.0 * x)) / 2.0,
                 lambda s, r: (_x(s, r),)),
    'swish': (F.swish, lambda x, b: x / (1 + numpy.exp(-_per_channel(b, x.ndim) * x)),
              lambda s, r: (_x(s, r), _w(s) * 2 - 0.5)),
    'maxout': (lambda x: F.maxout(x, 2),
               lambda x: x.reshape((x.shape[0], -1, 2) + x.shape[2:]).max(axis=2),
               lambda s, r: (_maxout_input(s, r),)),
    'maxout_axis0': (lambda x: F.maxout(x, 2, axis=0),
                     lambda x: x.reshape((-1, 2) + x.shape[1:]).max(axis=1),
                     lambda s, r: (_maxout_input((4,) + s[1:], r),)),
    'gelu': (F.gelu, lambda x: 0.5 * x * _erfc(-x / math.sqrt(2)), lambda s, r: (_x(s, r),)),
    'gelu_tanh': (lambda x: F.gelu(x, approximate='tanh'),
                  lambda x: 0.5 * x * (1 + numpy.tanh(math.sqrt(2 / math.pi)
                                                      * (x + 0.044715 * x ** 3))),
                  lambda s, r: (_x(s, r),)),
    'rrelu': (lambda x: F.rrelu(x, r=numpy.full(x.shape, 0.25, x.dtype)),
              lambda x: numpy.where(x >= 0, x, 0.25 * x), lambda s, r: (_x(s, r),)),
}


def test_every_activation_has_gradient_tests():
    from chainlite.functions import activation
    assert set(activation.__all__) <= set(CASES)
    assert set(activation.__all__) <= set(dir(F))


@pytest.mark.parametrize('name', sorted(CASES))
@pytest.mark.parametrize('shape', SHAPES)
def test_forward_matches_numpy(name, shape, rng):
    func, ref, make = CASES[name]
    inputs = make(shape, rng)
    y = func(*inputs)
    assert isinstance(y, chainlite.Variable)
    assert y.dtype == numpy.float64
    numpy.testing.assert_allclose(y.array, ref(*inputs), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize('name', sorted(CASES))
@pytest.mark.parametrize('shape', SHAPES)
def test_backward(name, shape, rng):
    func, _, make = CASES[name]
    inputs = make(shape, rng)
    gy = rng.normal(size=func(*inputs).shape)
    gradient_check.check_backward(func, inputs, gy, dtype=numpy.float64, atol=1e-6, rtol=1e-5)


@pytest.mark.parametrize('name', sorted(CASES))
@pytest.mark.parametrize('shape', SHAPES[:2])
def test_double_backward(name, shape, rng):
    func, _, make = CASES[name]
    inputs = make(shape, rng)
    gy = rng.normal(size=func(*inputs).shape)
    ggx = tuple(rng.normal(size=x.shape) for x in inputs)
    gradient_check.check_double_backward(func, inputs, gy, ggx, dtype=numpy.float64,
                                         atol=1e-5, rtol=1e-4)


def test_gelu_third_derivative(rng):
    x = chainlite.Variable(rng.uniform(-3, 3, (7,)))
    g1, = chainlite.grad([F.sum(F.gelu(x))], [x], enable_double_backprop=True)
    g2, = chainlite.grad([F.sum(g1)], [x], enable_double_backprop=True)
    g3, = chainlite.grad([F.sum(g2)], [x])
    phi = numpy.exp(-x.array ** 2 / 2) / math.sqrt(2 * math.pi)
    numpy.testing.assert_allclose(g2.array, phi * (2 - x.array ** 2), rtol=1e-12)
    numpy.testing.assert_allclose(g3.array, phi * (x.array ** 3 - 4 * x.array), rtol=1e-12,
                                  atol=1e-14)


def test_gelu_extreme_values():
    x = numpy.array([-40.0, -8.0, 0.0, 8.0, 40.0])
    numpy.testing.assert_allclose(F.gelu(x).array, 0.5 * x * _erfc(-x / math.sqrt(2)),
                                  rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize('dtype, tol', [(numpy.float16, 3e-3), (numpy.float32, 1e-6)])
@pytest.mark.parametrize('name', ['relu', 'leaky_relu', 'elu', 'sigmoid', 'tanh', 'softmax',
                                  'log_softmax', 'softplus', 'gelu', 'gelu_tanh', 'swish',
                                  'prelu'])
def test_low_precision_forward(name, dtype, tol, rng):
    func, ref, make = CASES[name]
    inputs = tuple(x.astype(dtype) for x in make((3, 4), rng))
    y = func(*inputs)
    assert y.dtype == dtype
    expected = ref(*[x.astype(numpy.float64) for x in inputs])
    numpy.testing.assert_allclose(y.array, expected, rtol=tol, atol=tol)


def test_softmax_large_inputs_do_not_overflow():
    x = numpy.array([[1000.0, 1000.0], [-1000.0, 0.0]], numpy.float32)
    numpy.testing.assert_allclose(F.softmax(x).array, [[0.5, 0.5], [0.0, 1.0]])
    # (x - (1000 + log 2) in float32, as Chainer rounds it: exact to the inputs' precision)
    numpy.testing.assert_allclose(F.log_softmax(x).array, [[-math.log(2)] * 2, [-1000.0, 0.0]],
                                  rtol=1e-4)
    numpy.testing.assert_allclose(F.sigmoid(numpy.array([-1000.0, 1000.0])).array, [0.0, 1.0])
    numpy.testing.assert_allclose(F.softplus(numpy.array([-100.0, 100.0])).array,
                                  [math.exp(-100.0), 100.0])


@pytest.mark.parametrize('func', [F.elu, F.selu, F.softplus, F.sigmoid, F.tanh, F.gelu])
@pytest.mark.parametrize('dtype', [numpy.float32, numpy.float64])
def test_huge_inputs_do_not_overflow(func, dtype):
    x = numpy.array([-1e30, 1e30], dtype)
    with numpy.errstate(over='raise', invalid='raise', divide='raise'):
        y = func(x)
    assert numpy.isfinite(y.array).all()


def test_gradients_at_kinks_follow_chainer():
    # Chainer 7.8.1's gradients at the non-differentiable points.
    x = numpy.array([0.0, -1.0, 1.0])
    cases = [(F.relu, [0, 0, 1]), (F.leaky_relu, [0.2, 0.2, 1]),
             (lambda v: F.rrelu(v, r=numpy.full(3, 0.3)), [1, 0.3, 1]),
             (lambda v: F.prelu(v[None], numpy.full(3, 0.3)), [1, 0.3, 1])]
    for func, expected in cases:
        v = chainlite.Variable(x.copy())
        F.sum(func(v)).backward()
        numpy.testing.assert_allclose(v.grad, expected)
    v = chainlite.Variable(numpy.array([[0.0, -1.0, 1.0]]))
    F.sum(F.crelu(v) * numpy.array([[1.0, 1, 1, 1, 1, 1]])).backward()
    numpy.testing.assert_allclose(v.grad, [[0, -1, 1]])
    v = chainlite.Variable(numpy.array([-2.5, 2.5, 0.0]))
    F.sum(F.hard_sigmoid(v)).backward()
    numpy.testing.assert_allclose(v.grad, [0, 0, 0.2])


def test_maxout_ties_share_the_gradient():
    x = chainlite.Variable(numpy.array([[1.0, 3.0, 3.0, 2.0]]))
    F.sum(F.maxout(x, 4)).backward()
    numpy.testing.assert_array_equal(x.grad, [[0, 1, 1, 0]])


def test_rrelu_train_draws_r_as_chainer(rng):
    x = rng.normal(size=(3, 4)).astype(numpy.float32)
    numpy.random.seed(1)
    y, r = F.rrelu(x, return_r=True)
    numpy.random.seed(1)
    expected_r = numpy.random.uniform(1 / 8, 1 / 3, x.shape).astype(numpy.float32)
    numpy.testing.assert_array_equal(r, expected_r)
    numpy.testing.assert_array_equal(y.array, numpy.where(x >= 0, x, x * expected_r))


def test_rrelu_test_mode_uses_the_mean_slope(rng):
    x = rng.normal(size=(3, 4))
    with chainlite.using_config('train', False):
        y, r = F.rrelu(x, l=0.1, u=0.3, r=numpy.full(x.shape, 0.9), return_r=True)
    numpy.testing.assert_allclose(r, numpy.full(x.shape, 0.2))
    numpy.testing.assert_allclose(y.array, numpy.where(x >= 0, x, 0.2 * x))


@pytest.mark.parametrize('func, label', [
    (F.relu, 'ReLU'), (F.leaky_relu, 'LeakyReLU'), (F.elu, 'ELU'), (F.selu, 'ELU'),
    (F.clipped_relu, 'ClippedReLU'), (F.crelu, 'CReLU'), (F.sigmoid, 'Sigmoid'),
    (F.hard_sigmoid, 'HardSigmoid'), (F.tanh, 'Tanh'), (F.softmax, 'Softmax'),
    (F.log_softmax, 'LogSoftmax'), (F.softplus, 'Softplus'),
    (F.rrelu, 'RReLU'), (lambda x: F.maxout(x, 1), 'Maxout')])
def test_integer_input_is_rejected(func, label):
    with pytest.raises(type_check.InvalidType,
                       match=r"(?s)%s \(Forward\).*x\.dtype\.kind == 'f'" % label):
        func(numpy.arange(6).reshape(2, 3))


@pytest.mark.parametrize('approximate', ['none', 'tanh'])
def test_gelu_integer_input_is_rejected(approximate):
    with pytest.raises(TypeError, match='gelu: x must be floating point, got int'):
        F.gelu(numpy.arange(3), approximate=approximate)


@pytest.mark.parametrize('func, name', [(F.prelu, 'W'), (F.swish, 'beta')])
def test_per_channel_parameter_shape_and_dtype(func, name):
    x = numpy.zeros((2, 3, 4), numpy.float32)
    with pytest.raises(type_check.InvalidType) as e:
        func(x, numpy.ones(4, numpy.float32))
    assert '(3,) != (4,)' in str(e.value) and name in str(e.value)
    with pytest.raises(type_check.InvalidType, match='dtype'):
        func(x, numpy.ones(3, numpy.float64))
    assert func(x, numpy.ones((3, 4), numpy.float32)).shape == x.shape
    assert func(x, numpy.ones((), numpy.float32)).shape == x.shape


@pytest.mark.parametrize('func, name', [(F.softmax, 'softmax'), (F.log_softmax, 'log_softmax'),
                                        (F.crelu, 'crelu'),
                                        (lambda x, axis: F.maxout(x, 1, axis), 'maxout')])
def test_axis_out_of_range(func, name):
    with pytest.raises(ValueError, match='%s: axis 2 is out of bounds' % name):
        func(numpy.zeros((2, 3)), axis=2)


def test_bad_arguments():
    x = numpy.zeros((2, 6))
    with pytest.raises(ValueError, match=r'maxout: x.shape\[1\] = 6 .* pool_size = 4'):
        F.maxout(x, 4)
    with pytest.raises(ValueError, match='maxout: pool_size'):
        F.maxout(x, 0)
    with pytest.raises(ValueError, match='clipped_relu: z'):
        F.clipped_relu(x, -1.0)
    with pytest.raises(ValueError, match='rrelu: lower'):
        F.rrelu(x, l=0.5, u=0.1)
    with pytest.raises(type_check.InvalidType, match=r'\(2, 6\)'):
        F.rrelu(x, r=numpy.zeros((2, 5)))
    with pytest.raises(TypeError, match="rrelu.*'foo'"):
        F.rrelu(x, foo=1)
    with pytest.raises(ValueError, match="gelu: approximate"):
        F.gelu(x, approximate='erf')


# Chainer 7.8.1's outputs and gradients (tools/goldens/functions_activation.py).
GOLDEN_CASES = {
    'relu': F.relu,
    'leaky_relu': lambda x: F.leaky_relu(x, 0.3),
    'elu': lambda x: F.elu(x, 1.5),
    'selu': F.selu,
    'clipped_relu': lambda x: F.clipped_relu(x, 0.7),
    'crelu': lambda x: F.crelu(x, axis=-1),
    'prelu': F.prelu,
    'sigmoid': F.sigmoid,
    'hard_sigmoid': F.hard_sigmoid,
    'tanh': F.tanh,
    'softmax': F.softmax,
    'log_softmax': lambda x: F.log_softmax(x, axis=2),
    'softplus': lambda x: F.softplus(x, 2.0),
    'swish': F.swish,
    'maxout': lambda x: F.maxout(x, 3),
    'rrelu': lambda x: F.rrelu(x, r=numpy.full(x.shape, 0.2, x.dtype)),
}
GOLDEN_TOL = {'float16': 5e-3, 'float32': 1e-6, 'float64': 1e-14}


@pytest.fixture(scope='module')
def golden():
    import pathlib
    with numpy.load(pathlib.Path(__file__).parent / 'data' / 'functions_activation.npz') as f:
        return dict(f)


@pytest.mark.parametrize('dtype', sorted(GOLDEN_TOL))
@pytest.mark.parametrize('name', sorted(GOLDEN_CASES))
def test_matches_chainer_golden(name, dtype, golden):
    key = '%s/%s' % (name, dtype)
    xs = [chainlite.Variable(golden['x/%s/%d' % (key, i)].copy()) for i in range(2)
          if 'x/%s/%d' % (key, i) in golden]
    y = GOLDEN_CASES[name](*xs)
    y.grad = golden['gy/' + key]
    y.backward()
    tol = GOLDEN_TOL[dtype]
    assert y.dtype == golden['y/' + key].dtype
    numpy.testing.assert_allclose(y.array, golden['y/' + key], rtol=tol, atol=tol)
    for i, x in enumerate(xs):
        assert x.grad.dtype == x.dtype
        numpy.testing.assert_allclose(x.grad, golden['gx/%s/%d' % (key, i)], rtol=tol, atol=tol)
