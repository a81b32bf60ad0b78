"""chainlite.initializers: Chainer's draws (goldens from Chainer 7.8.1), defaults and errors."""
import os

import numpy
import pytest

from chainlite import initializers as I
from chainlite import using_config

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'initializers.npz'))
SEEDS = (0, 1, 7)
SHAPE = (4, 3, 2, 2)
INITIALIZERS = {
    'Normal': (lambda: I.Normal(), SHAPE),
    'Normal_0.3': (lambda: I.Normal(0.3), SHAPE),
    'LeCunNormal': (lambda: I.LeCunNormal(), SHAPE),
    'GlorotNormal': (lambda: I.GlorotNormal(), SHAPE),
    'HeNormal': (lambda: I.HeNormal(), SHAPE),
    'HeNormal_fan_out_2': (lambda: I.HeNormal(2.0, fan_option='fan_out'), SHAPE),
    'Uniform': (lambda: I.Uniform(), SHAPE),
    'Uniform_0.3': (lambda: I.Uniform(0.3), SHAPE),
    'LeCunUniform': (lambda: I.LeCunUniform(), SHAPE),
    'GlorotUniform': (lambda: I.GlorotUniform(), SHAPE),
    'GlorotUniform_0.5': (lambda: I.GlorotUniform(0.5), SHAPE),
    'HeUniform': (lambda: I.HeUniform(), SHAPE),
    'Orthogonal_3x5': (lambda: I.Orthogonal(), (3, 5)),
    'Orthogonal_5x3': (lambda: I.Orthogonal(), (5, 3)),
    'Orthogonal_4x4': (lambda: I.Orthogonal(0.5), (4, 4)),
    'Orthogonal_conv': (lambda: I.Orthogonal(), (3, 2, 2, 2)),
    'Identity': (lambda: I.Identity(2.0), (3, 3)),
    'Constant': (lambda: I.Constant(0.25), (2, 3)),
}


@pytest.mark.parametrize('seed', SEEDS)
@pytest.mark.parametrize('dtype', ['float16', 'float32', 'float64'])
@pytest.mark.parametrize('name', sorted(INITIALIZERS))
def test_same_draws_as_chainer(name, dtype, seed):
    make, shape = INITIALIZERS[name]
    numpy.random.seed(seed)
    a = numpy.empty(shape, dtype)
    make()(a)
    expected = GOLDEN['init/%s/%s/s%d' % (name, dtype, seed)]
    assert a.dtype == expected.dtype
    if name.startswith('Orthogonal'):
        # QR runs in LAPACK, whose last bits may differ between builds.
        atol = 1e-7 if dtype != 'float16' else 1e-3
        numpy.testing.assert_allclose(a, expected, rtol=0, atol=atol)
    else:
        numpy.testing.assert_array_equal(a, expected)
    # The same number of values was drawn: the next draw agrees too.
    assert numpy.random.normal() == GOLDEN['next/init/%s/s%d' % (name, seed)]


@pytest.mark.parametrize('seed', SEEDS)
def test_unit_forget_gate_draw_order_matches_chainer_lstm(seed):
    numpy.random.seed(seed)
    b = I.generate_array(I.UnitForgetGate(I.Normal(1.0), I.Uniform(1.0)), (16,), numpy)
    numpy.testing.assert_array_equal(b, GOLDEN['ufg/s%d' % seed])


def test_unit_forget_gate_default():
    b = I.generate_array(I.UnitForgetGate(), 12, numpy)
    numpy.testing.assert_array_equal(b.reshape(3, 4), [[0, 0, 1, 0]] * 3)
    with pytest.raises(ValueError, match=r'UnitForgetGate.*\(6,\)'):
        I.UnitForgetGate()(numpy.empty(6, numpy.float32))


def test_explicit_rng_draws_from_it():
    a = numpy.empty((3, 4), numpy.float32)
    I.HeUniform(rng=numpy.random.RandomState(3))(a)
    bound = numpy.sqrt(6. / 4)
    expected = numpy.random.RandomState(3).uniform(-bound, bound, (3, 4)).astype(numpy.float32)
    numpy.testing.assert_array_equal(a, expected)
    with pytest.raises(TypeError):
        I.Normal(foo=1)


def test_get_fans():
    assert I.get_fans((8, 3, 5, 5)) == (75, 200)
    assert I.get_fans((4, 3)) == (3, 4)
    with pytest.raises(ValueError, match=r'\(5,\)'):
        I.get_fans((5,))
    with pytest.raises(ValueError, match='tuple'):
        I.get_fans([5, 3])
    with pytest.raises(ValueError, match=r'\(5,\)'):
        I.LeCunNormal()(numpy.empty(5, numpy.float32))


def test_fan_scaled_scales():
    numpy.random.seed(0)
    a = I.generate_array(I.HeNormal(fan_option='fan_out'), (2000, 50), numpy, dtype=numpy.float64)
    assert abs(a.std() - numpy.sqrt(2. / 2000)) < 0.05 * numpy.sqrt(2. / 2000)
    a = I.generate_array(I.GlorotUniform(), (300, 100), numpy)
    bound = numpy.sqrt(6. / 400)
    assert a.max() <= bound and a.min() >= -bound and a.max() > 0.95 * bound


@pytest.mark.parametrize('shape', [(3, 5), (5, 3), (4, 4), (3, 2, 2), (3,), ()])
def test_orthogonal_is_orthogonal(shape):
    a = I.generate_array(I.Orthogonal(scale=2.0), shape, numpy, dtype=numpy.float64)
    m = a.reshape(shape[0] if shape else 1, -1)
    gram = m @ m.T if m.shape[0] <= m.shape[1] else m.T @ m
    numpy.testing.assert_allclose(gram, 4 * numpy.eye(len(gram)), atol=1e-12)


def test_orthogonal_modes():
    I.Orthogonal(mode='projection')(numpy.empty((3, 5)))
    I.Orthogonal(mode='embedding')(numpy.empty((5, 3)))
    I.Orthogonal(mode='basis')(numpy.empty((4, 4)))
    with pytest.raises(ValueError, match=r'projection.*\(5, 3\).*3 inputs and 5 outputs'):
        I.Orthogonal(mode='projection')(numpy.empty((5, 3)))
    with pytest.raises(ValueError, match='embedding'):
        I.Orthogonal(mode='embedding')(numpy.empty((3, 5)))
    with pytest.raises(ValueError, match='basis'):
        I.Orthogonal(mode='basis')(numpy.empty((3, 5)))
    with pytest.raises(ValueError, match="'svd'"):
        I.Orthogonal(mode='svd')
    with pytest.raises(ValueError, match='non-empty'):
        I.Orthogonal()(numpy.empty((0, 3)))


def test_constants():
    a = numpy.empty((2, 3), numpy.float32)
    I.Constant(numpy.array([1., 2., 3.]))(a)
    numpy.testing.assert_array_equal(a, [[1, 2, 3]] * 2)
    with pytest.raises(ValueError, match=r'Constant.*\(2, 3\).*\(2,\)'):
        I.Constant(numpy.array([1., 2.]))(a)
    for init, value in [(I.Zero(), 0), (I.One(), 1), (I.NaN(), numpy.nan)]:
        init(a)
        numpy.testing.assert_array_equal(a, numpy.full((2, 3), value))
        assert isinstance(init, I.Constant)
    ints = numpy.empty(3, numpy.int32)
    I.One()(ints)
    numpy.testing.assert_array_equal(ints, [1, 1, 1])
    with pytest.raises(TypeError, match='NaN.*int32'):
        I.NaN()(ints)
    with pytest.raises(TypeError, match='Normal.*int32'):
        I.Normal()(ints)


def test_identity():
    a = numpy.empty((3, 3), numpy.float32)
    I.Identity(0.5)(a)
    numpy.testing.assert_array_equal(a, 0.5 * numpy.eye(3))
    for shape in [(3, 4), (3,), (2, 2, 2)]:
        with pytest.raises(ValueError, match='Identity.*square'):
            I.Identity()(numpy.empty(shape))


def test_dtype_mismatch():
    with pytest.raises(ValueError, match='Normal.*float64.*float32'):
        I.Normal(dtype=numpy.float32)(numpy.empty(3, numpy.float64))
    with pytest.raises(ValueError, match='Constant.*float64.*float32'):
        I.Constant(1.0, dtype='f')(numpy.empty(3, numpy.float64))
    with pytest.raises(ValueError, match='generate_array.*float32.*float16'):
        I.generate_array(I.Normal(dtype=numpy.float16), (2,), numpy, dtype=numpy.float32)
    with pytest.raises(ValueError, match="'fan_in' or 'fan_out'"):
        I.HeNormal(fan_option='fan_avg')


def test_generate_array_dtype_and_device():
    assert I.generate_array(I.Zero(), (2, 3), numpy).dtype == numpy.float32
    assert I.generate_array(I.Zero(dtype=numpy.float16), 3, numpy).dtype == numpy.float16
    assert I.generate_array(I.Zero(), 3, numpy, dtype=numpy.float64).dtype == numpy.float64
    with using_config('dtype', numpy.float16):
        assert I.generate_array(I.Zero(), 3, numpy).dtype == numpy.float16
    a = I.generate_array(I.One(), (2,), numpy, device='@numpy')
    assert isinstance(a, numpy.ndarray) and a.tolist() == [1, 1]
    b = I.generate_array(lambda x: x.fill(2), (2,), numpy)
    assert b.tolist() == [2, 2]


def test_get_initializer():
    assert isinstance(I._get_initializer(None), I.LeCunNormal)
    for value in [3, 3.5, numpy.float32(2), numpy.array([1., 2.])]:
        init = I._get_initializer(value)
        assert type(init) is I.Constant and init.fill_value is value
    normal = I.Normal()
    assert I._get_initializer(normal) is normal
    fn = lambda a: None  # NOQA
    assert I._get_initializer(fn) is fn
    with pytest.raises(TypeError, match='list'):
        I._get_initializer([1, 2])


def test_defaults_are_chainers():
    assert I.Normal().scale == 0.05 and I.Uniform().scale == 0.05
    assert I.Orthogonal().scale == 1.1 and I.Orthogonal().mode == 'auto'
    assert I.HeNormal().fan_option == 'fan_in'
    for cls in [I.LeCunNormal, I.GlorotNormal, I.HeNormal, I.LeCunUniform, I.GlorotUniform,
                I.HeUniform, I.Identity]:
        assert cls().scale == 1.0 and cls().dtype is None
