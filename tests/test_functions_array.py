"""Axis and join/split array functions: forward vs NumPy, gradients, bad input."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from array_checks import check_all

R = numpy.random.RandomState(0)


def randn(*shape):
    return R.standard_normal(shape)


@pytest.mark.parametrize('shape,a,b', [((2, 3, 4), 0, 2), ((2, 3, 4), -1, 1), ((3, 2), 1, 1)])
def test_swapaxes(shape, a, b):
    x = randn(*shape)
    check_all(lambda x: F.swapaxes(x, a, b), x, numpy.swapaxes(x, a, b))


@pytest.mark.parametrize('axis,start', [(3, 1), (0, 4), (-1, -3), (2, 0), (1, 1), (0, -4)])
def test_rollaxis(axis, start):
    x = randn(2, 3, 1, 4)
    check_all(lambda x: F.rollaxis(x, axis, start), x, numpy.rollaxis(x, axis, start))


@pytest.mark.parametrize('src,dst', [(0, -1), ([0, 1], [2, 0]), ((-1, 0), (0, -1)), ([], [])])
def test_moveaxis(src, dst):
    x = randn(2, 3, 4)
    check_all(lambda x: F.moveaxis(x, src, dst), x, numpy.moveaxis(x, src, dst))


@pytest.mark.parametrize('axis', [0, 2, -1, -3])
def test_expand_dims(axis):
    x = randn(2, 3)
    check_all(lambda x: F.expand_dims(x, axis), x, numpy.expand_dims(x, axis))


@pytest.mark.parametrize('axis', [None, 0, (0, 2), -2, (2,)])
def test_squeeze(axis):
    x = randn(1, 3, 1, 1)
    check_all(lambda x: F.squeeze(x, axis), x, numpy.squeeze(x, axis))


def test_flatten():
    x = randn(2, 3, 2)
    check_all(F.flatten, x, x.ravel())


@pytest.mark.parametrize('axis', [0, 1, -1])
def test_concat(axis):
    shapes = [[2, 3, 2], [2, 3, 2], [2, 3, 2]]
    for s, n in zip(shapes, (1, 3, 2)):
        s[axis] = n
    xs = [randn(*s) for s in shapes]
    check_all(lambda *xs: F.concat(xs, axis), xs, numpy.concatenate(xs, axis))


@pytest.mark.parametrize('axis', [0, 2, -1, -3])
def test_stack(axis):
    xs = [randn(2, 3) for _ in range(3)]
    check_all(lambda *xs: F.stack(xs, axis), xs, numpy.stack(xs, axis))


@pytest.mark.parametrize('shape', [(), (3,), (2, 3), (2, 3, 2)])
@pytest.mark.parametrize('fname', ['hstack', 'vstack', 'dstack'])
def test_hvdstack(fname, shape):
    xs = [randn(*shape) for _ in range(2)]
    check_all(lambda *xs: getattr(F, fname)(xs), xs, getattr(numpy, fname)(xs))


@pytest.mark.parametrize('ios,axis', [
    (3, 1), ([1, 4], 1), ([2, 2, 6], -1), ([], 0), (2, 0), ([1, -2], 1)])
def test_split_axis(ios, axis):
    x = randn(2, 6)
    check_all(lambda x: F.split_axis(x, ios, axis), x, numpy.split(x, ios, axis))


def test_split_axis_force_tuple():
    x = randn(2, 3)
    y = F.split_axis(x, 1, 1, force_tuple=False)
    assert isinstance(y, chainlite.Variable)
    numpy.testing.assert_array_equal(y.array, x)
    assert isinstance(F.split_axis(x, 1, 1), tuple)


def test_split_axis_unused_output_gets_zero_grad():
    x = chainlite.Variable(randn(2, 6))
    a, b, c = F.split_axis(x, 3, 1)
    F.sum(b * 2).backward()
    expected = numpy.zeros((2, 6))
    expected[:, 2:4] = 2
    numpy.testing.assert_array_equal(x.grad, expected)


@pytest.mark.parametrize('shape,axis', [((2, 3), 0), ((2, 3), 1), ((2, 3, 2), -1), ((3,), 0)])
def test_separate(shape, axis):
    x = randn(*shape)
    expected = tuple(numpy.take(x, i, axis) for i in range(shape[axis]))
    check_all(lambda x: F.separate(x, axis), x, expected)


@pytest.mark.parametrize('name,call', [
    ('swapaxes', lambda: F.swapaxes(randn(2, 3), 0, 2)),
    ('rollaxis', lambda: F.rollaxis(randn(2, 3), 2)),
    ('rollaxis', lambda: F.rollaxis(randn(2, 3), 0, 3)),
    ('moveaxis', lambda: F.moveaxis(randn(2, 3), [0, 0], [0, 1])),
    ('moveaxis', lambda: F.moveaxis(randn(2, 3), [0], [0, 1])),
    ('expand_dims', lambda: F.expand_dims(randn(2, 3), 3)),
    ('squeeze', lambda: F.squeeze(randn(1, 3), 1)),
    ('squeeze', lambda: F.squeeze(randn(1, 3), 2)),
    ('concat', lambda: F.concat([randn(2, 3), randn(2)])),
    ('concat', lambda: F.concat([randn(2, 3), randn(3, 3)])),
    ('concat', lambda: F.concat([randn(2, 3), randn(2, 3).astype(numpy.float32)])),
    ('concat', lambda: F.concat([randn(2, 3)], axis=2)),
    ('concat', lambda: F.concat([])),
    ('stack', lambda: F.stack([randn(2, 3), randn(1, 3)])),
    ('stack', lambda: F.stack([randn(2, 3)], axis=3)),
    ('hstack', lambda: F.hstack([randn(2, 3), randn(3)])),
    ('vstack', lambda: F.vstack([randn(3), randn(4)])),
    ('dstack', lambda: F.dstack([randn(2), randn(2, 2)])),
    ('split_axis', lambda: F.split_axis(randn(2, 3), 2, 1)),
    ('split_axis', lambda: F.split_axis(randn(2, 3), [1, 5], 1)),
    ('split_axis', lambda: F.split_axis(randn(2, 3), [2, 1], 1)),
    ('split_axis', lambda: F.split_axis(randn(2, 3), 1, 2)),
    ('separate', lambda: F.separate(randn(2, 3), 2)),
    ('separate', lambda: F.separate(numpy.array(1.0))),
])
def test_bad_input(name, call):
    with pytest.raises((ValueError, TypeError)) as e:
        call()
    assert name in str(e.value)


LOW_PRECISION_CASES = {
    'swapaxes': (lambda x: F.swapaxes(x, 0, 1), lambda x: numpy.swapaxes(x, 0, 1)),
    'concat': (lambda x: F.concat((x, x), 0), lambda x: numpy.concatenate((x, x), 0)),
    'stack': (lambda x: F.stack((x, x), 1), lambda x: numpy.stack((x, x), 1)),
    'split_axis': (lambda x: F.split_axis(x, 2, 1)[1], lambda x: x[:, 2:]),
    'tile': (lambda x: F.tile(x, (2, 1)), lambda x: numpy.tile(x, (2, 1))),
    'repeat': (lambda x: F.repeat(x, (1, 2, 0, 1), 1), lambda x: numpy.repeat(x, (1, 2, 0, 1), 1)),
    'pad': (lambda x: F.pad(x, 1, 'constant'), lambda x: numpy.pad(x, 1)),
    'flip': (lambda x: F.flip(x, 1), lambda x: x[:, ::-1]),
    'where': (lambda x: F.where(x.array > 0, x, -x), numpy.abs),
    'resize_images': (lambda x: F.resize_images(x[None, None], (3, 4))[0, 0],
                      lambda x: x[[0, 1, 2]]),
}


@pytest.mark.parametrize('dtype', [numpy.float16, numpy.float32])
@pytest.mark.parametrize('name', sorted(LOW_PRECISION_CASES))
def test_low_precision_dtype_kept(name, dtype):
    x = randn(3, 4).astype(dtype)
    f, ref = LOW_PRECISION_CASES[name]
    v = chainlite.Variable(x)
    y = f(v)
    assert y.dtype == dtype
    numpy.testing.assert_allclose(y.array, ref(x), rtol=1e-3 if dtype == numpy.float16 else 1e-6)
    y.grad = numpy.ones_like(y.array)
    y.backward()
    assert v.grad.dtype == dtype
