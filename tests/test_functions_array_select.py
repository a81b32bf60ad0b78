"""Element-selecting and copying array functions: forward vs NumPy, gradients, bad input."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from array_checks import check_all

R = numpy.random.RandomState(0)


def randn(*shape):
    return R.standard_normal(shape)


@pytest.mark.parametrize('cshape,xshape,yshape', [
    ((2, 3), (2, 3), (2, 3)), ((3,), (2, 3), (2, 3)), ((2, 3), (2, 1), (3,))])
def test_where(cshape, xshape, yshape):
    c = R.rand(*cshape) > 0.5
    x, y = randn(*xshape), randn(*yshape)
    cb, xb, yb = numpy.broadcast_arrays(c, x, y)
    expected = numpy.array([xb[i] if cb[i] else yb[i] for i in numpy.ndindex(cb.shape)])
    expected = expected.reshape(cb.shape)
    check_all(lambda x, y: F.where(c, x, y), (x, y), expected)


def test_select_item():
    x = randn(4, 3)
    t = numpy.array([0, 2, -1, 1], numpy.int32)
    expected = numpy.array([x[0, 0], x[1, 2], x[2, 2], x[3, 1]])
    check_all(lambda x: F.select_item(x, t), x, expected)


@pytest.mark.parametrize('pad_width,kwargs', [
    (1, {}), (((1, 2), (0, 1)), {'constant_values': 3.0}), ((2, 1), {})])
def test_pad_constant(pad_width, kwargs):
    x = randn(2, 3)
    pw = numpy.broadcast_to(numpy.asarray(pad_width), (2, 2))
    expected = numpy.full((2 + pw[0].sum(), 3 + pw[1].sum()), kwargs.get('constant_values', 0.0))
    expected[pw[0, 0]:pw[0, 0] + 2, pw[1, 0]:pw[1, 0] + 3] = x
    check_all(lambda x: F.pad(x, pad_width, 'constant', **kwargs), x, expected)


@pytest.mark.parametrize('mode', ['edge', 'reflect', 'symmetric', 'wrap'])
def test_pad_index_modes(mode):
    x = randn(3, 4)
    check_all(lambda x: F.pad(x, ((2, 1), (0, 3)), mode), x,
              numpy.pad(x, ((2, 1), (0, 3)), mode))


def test_pad_edge_gradient_accumulates():
    x = chainlite.Variable(numpy.arange(3.0))
    F.sum(F.pad(x, 2, 'edge')).backward()
    numpy.testing.assert_array_equal(x.grad, [3.0, 1.0, 3.0])


def test_pad_other_mode_forward_only():
    x = chainlite.Variable(randn(2, 3))
    y = F.pad(x, 1, 'maximum')
    numpy.testing.assert_array_equal(y.array, numpy.pad(x.array, 1, 'maximum'))
    with pytest.raises(NotImplementedError, match='pad'):
        F.sum(y).backward()


@pytest.mark.parametrize('length,padding', [(None, 0), (5, -1.5)])
def test_pad_sequence(length, padding):
    xs = [randn(3, 2), randn(1, 2), randn(2, 2)]
    n = length or 3
    expected = numpy.full((3, n, 2), float(padding))
    for i, x in enumerate(xs):
        expected[i, :len(x)] = x
    check_all(lambda *xs: F.pad_sequence(xs, length, padding), xs, expected)


@pytest.mark.parametrize('shape,reps', [
    ((2, 3), 2), ((2, 3), (2, 1, 3)), ((2, 3, 2), (3, 1)), ((3,), (2, 0)), ((2,), ())])
def test_tile(shape, reps):
    x = randn(*shape)
    check_all(lambda x: F.tile(x, reps), x, numpy.tile(x, reps))


@pytest.mark.parametrize('repeats,axis', [
    (2, None), (3, 1), ((1, 0, 2), 1), ((2,), 0), ((0, 3, 1, 2, 1, 1), None), (0, 0)])
def test_repeat(repeats, axis):
    x = randn(2, 3)
    flat = x.ravel() if axis is None else x
    ax = 0 if axis is None else axis
    reps = numpy.broadcast_to(repeats, (flat.shape[ax],))
    expected = numpy.concatenate(
        [numpy.take(flat, [i] * r, axis=ax) for i, r in enumerate(reps)], axis=ax)
    check_all(lambda x: F.repeat(x, repeats, axis), x, expected)


@pytest.mark.parametrize('axis', [0, 1, -1])
def test_flip(axis):
    x = randn(2, 3, 4)
    check_all(lambda x: F.flip(x, axis), x, numpy.flip(x, axis))


def test_fliplr_flipud():
    x = randn(3, 4)
    check_all(F.fliplr, x, x[:, ::-1])
    check_all(F.flipud, x, x[::-1])


def test_cast():
    x = chainlite.Variable(randn(2, 3).astype(numpy.float32))
    y = F.cast(x, numpy.float64)
    assert y.dtype == numpy.float64
    numpy.testing.assert_array_equal(y.array, x.array.astype(numpy.float64))
    gy = randn(2, 3)
    y.grad = gy
    y.backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_array_equal(x.grad, gy.astype(numpy.float32))
    check_all(lambda x: F.cast(x, 'd'), x.array, x.array)


@pytest.mark.parametrize('dst', ['@numpy', -1])
def test_copy(dst):
    x = randn(2, 3)
    y = F.copy(x, dst)
    assert y.array is not x and not numpy.shares_memory(y.array, x)
    check_all(lambda x: F.copy(x, dst), x, x)


@pytest.mark.parametrize('slices', [
    (slice(None), numpy.array([0, 0, 2])), numpy.array([1, 1, 1]), (1, slice(0, 2))])
def test_scatter_add(slices):
    a = randn(3, 4)
    b = randn(*a[slices].shape)
    expected = a.copy()
    idx = numpy.arange(a.size).reshape(a.shape)[slices]
    for i, v in zip(idx.ravel(), b.ravel()):
        expected.ravel()[i] += v
    check_all(lambda a, b: F.scatter_add(a, slices, b), (a, b), expected)


@pytest.mark.parametrize('offset,axis1,axis2', [(0, 0, 1), (1, 0, 2), (-1, 2, 0), (5, 0, 1)])
def test_diagonal(offset, axis1, axis2):
    x = randn(3, 4, 5)
    other = 3 - axis1 - axis2
    n = x.shape[other]
    rows = [[x[tuple({axis1: i - min(offset, 0), axis2: i + max(offset, 0), other: k}[a]
                     for a in range(3))]
             for i in range(max(0, min(x.shape[axis1] + min(offset, 0),
                                       x.shape[axis2] - max(offset, 0))))]
            for k in range(n)]
    check_all(lambda x: F.diagonal(x, offset, axis1, axis2), x, numpy.array(rows))


@pytest.mark.parametrize('inv', [False, True])
@pytest.mark.parametrize('axis', [0, 1, -1])
def test_permutate(axis, inv):
    x = randn(3, 3, 3)
    p = numpy.array([2, 0, 1], numpy.int32)
    expected = numpy.empty_like(x)
    for i in range(3):
        src, dst = (i, p[i]) if inv else (p[i], i)
        numpy.moveaxis(expected, axis, 0)[dst] = numpy.moveaxis(x, axis, 0)[src]
    check_all(lambda x: F.permutate(x, p, axis, inv), x, expected)
    check_all(lambda x: F.permutate(x, chainlite.Variable(p), axis, inv), x, expected,
              double=False)


def test_transpose_sequence():
    xs = [randn(3, 2), randn(2, 2), randn(2, 2), randn(1, 2)]
    expected = ([x[0] for x in xs], [x[1] for x in xs[:3]], [xs[0][2]])
    check_all(lambda *xs: F.transpose_sequence(xs), xs, tuple(numpy.array(e) for e in expected))
    assert F.transpose_sequence([]) == ()


@pytest.mark.parametrize('name,error,call', [
    ('where', TypeError, lambda: F.where(numpy.ones(2), randn(2), randn(2))),
    ('where', TypeError, lambda: F.where(numpy.ones(2, bool), randn(2),
                                         randn(2).astype(numpy.float32))),
    ('where', ValueError, lambda: F.where(numpy.ones(2, bool), randn(3), randn(3))),
    ('select_item', ValueError, lambda: F.select_item(randn(2, 3), numpy.array([0.0, 1.0]))),
    ('select_item', ValueError, lambda: F.select_item(randn(2, 3), numpy.array([0]))),
    ('select_item', ValueError, lambda: F.select_item(randn(2, 3, 1), numpy.array([0, 1]))),
    ('select_item', IndexError, lambda: F.select_item(randn(2, 3), numpy.array([0, 3]))),
    ('select_item', IndexError, lambda: F.select_item(randn(2, 3), numpy.array([-4, 0]))),
    ('pad', ValueError, lambda: F.pad(randn(2, 3), ((1, 1), (1, 1), (1, 1)), 'constant')),
    ('pad', ValueError, lambda: F.pad(randn(2, 3), -1, 'constant')),
    ('pad_sequence', ValueError, lambda: F.pad_sequence([randn(2, 3), randn(2, 4)])),
    ('pad_sequence', ValueError, lambda: F.pad_sequence([randn(3, 3)], length=2)),
    ('tile', TypeError, lambda: F.tile(randn(2), 2.0)),
    ('tile', ValueError, lambda: F.tile(randn(2), (1, -1))),
    ('repeat', TypeError, lambda: F.repeat(randn(2), 1.5)),
    ('repeat', ValueError, lambda: F.repeat(randn(2), -1)),
    ('repeat', ValueError, lambda: F.repeat(randn(2, 3), (1, 2), 1)),
    ('repeat', ValueError, lambda: F.repeat(randn(2, 3), 2, 2)),
    ('flip', ValueError, lambda: F.flip(randn(2, 3), 2)),
    ('fliplr', ValueError, lambda: F.fliplr(randn(3))),
    ('flipud', ValueError, lambda: F.flipud(numpy.array(1.0))),
    ('get_device', ValueError, lambda: F.copy(randn(2), '@tpu')),
    ('scatter_add', ValueError, lambda: F.scatter_add(randn(3), numpy.array([0, 1]),
                                                      randn(3))),
    ('scatter_add', TypeError, lambda: F.scatter_add(randn(3), 0,
                                                     numpy.ones((), numpy.float32))),
    ('diagonal', ValueError, lambda: F.diagonal(randn(3))),
    ('diagonal', ValueError, lambda: F.diagonal(randn(3, 3), 0, 1, -1)),
    ('permutate', ValueError, lambda: F.permutate(randn(3), numpy.array([0, 0, 1]))),
    ('permutate', ValueError, lambda: F.permutate(randn(3), numpy.array([0, 1]))),
    ('permutate', ValueError, lambda: F.permutate(randn(2), numpy.array([0.0, 1.0]))),
    ('transpose_sequence', ValueError, lambda: F.transpose_sequence([randn(1), randn(2)])),
    ('transpose_sequence', ValueError, lambda: F.transpose_sequence([randn(2, 2), randn(2)])),
])
def test_bad_input(name, error, call):
    with pytest.raises(error) as e:
        call()
    assert name in str(e.value)
