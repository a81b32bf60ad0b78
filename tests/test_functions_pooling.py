"""Pooling functions: goldens from Chainer 7.8.1, NumPy references, gradients, errors."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check
from test_functions_connection import compare_with_gpu, golden_cases, run_golden

POOLING = ('max_pooling_2d', 'max_pooling_nd', 'average_pooling_2d', 'average_pooling_nd',
           'unpooling_2d', 'unpooling_nd', 'upsampling_2d', 'spatial_pyramid_pooling_2d',
           'roi_pooling_2d', 'roi_max_pooling_2d', 'roi_average_pooling_2d',
           'roi_average_align_2d', 'roi_max_align_2d')


@pytest.mark.parametrize('name', golden_cases(POOLING))
def test_golden(name):
    run_golden(name)


def test_goldens_cover_every_function():
    assert set(POOLING) == {n for n in POOLING if golden_cases((n,))}


def _distinct(rng, *shape):
    """Values 0.1 apart: no ties, and finite differences never change the argmax."""
    return rng.permutation(int(numpy.prod(shape))).reshape(shape) * 0.1


def _windows_ref(x, k, s, p, pval, cover_all):
    """All windows of x (n, c, h, w) as (n, c, oh, ow, k*k), by explicit loops."""
    n, c, h, w = x.shape
    extra = s - 1 if cover_all else 0
    xp = numpy.pad(x, ((0, 0), (0, 0), (p, p + extra), (p, p + extra)), constant_values=pval)
    oh, ow = (h + 2 * p - k + extra) // s + 1, (w + 2 * p - k + extra) // s + 1
    out = numpy.empty((n, c, oh, ow, k * k))
    for i in range(oh):
        for j in range(ow):
            out[:, :, i, j] = xp[:, :, i * s:i * s + k, j * s:j * s + k].reshape(n, c, -1)
    return out


@pytest.mark.parametrize('k,s,p,cover_all', [(2, 2, 0, True), (3, 2, 1, True), (3, 2, 1, False),
                                             (2, 1, 0, False), (3, 3, 1, True)])
def test_max_pooling_2d_matches_reference(rng, k, s, p, cover_all):
    x = rng.randn(2, 3, 7, 6)
    y, idx = F.max_pooling_2d(x, k, s, p, cover_all, return_indices=True)
    win = _windows_ref(x, k, s, p, -numpy.inf, cover_all)
    numpy.testing.assert_array_equal(y.array, win.max(axis=-1))
    numpy.testing.assert_array_equal(idx, win.argmax(axis=-1))
    assert idx.dtype == numpy.int64


def test_max_pooling_gradient_goes_to_first_maximum():
    x = chainlite.Variable(numpy.ones((1, 1, 2, 2)))
    y = F.max_pooling_2d(x, 2)
    y.grad = numpy.ones_like(y.array)
    y.backward()
    assert x.grad.ravel().tolist() == [1, 0, 0, 0]


@pytest.mark.parametrize('k,s,p', [(2, 2, 0), (3, 2, 1), (3, 1, 1)])
def test_average_pooling_2d_matches_reference(rng, k, s, p):
    x = rng.randn(2, 3, 7, 6)
    y = F.average_pooling_2d(x, k, s, p)
    numpy.testing.assert_allclose(y.array, _windows_ref(x, k, s, p, 0, False).mean(axis=-1))
    ynd = F.average_pooling_nd(x, k, s, p, pad_value=None)
    wins = _windows_ref(x, k, s, p, numpy.nan, False)
    numpy.testing.assert_allclose(ynd.array, numpy.nanmean(wins, axis=-1))


def test_unpooling_is_adjoint_of_window_sum(rng):
    # <unpool(y), x> == <y, sum over windows of x>
    y = rng.randn(2, 3, 3, 4)
    x_shape = F.unpooling_2d(y, 3, 2).shape
    x = rng.randn(*x_shape)
    wins = _windows_ref(x, 3, 2, 0, 0, True)
    numpy.testing.assert_allclose((F.unpooling_2d(y, 3, 2).array * x).sum(),
                                  (y * wins.sum(axis=-1)).sum())


def test_upsampling_inverts_max_pooling_positions(rng):
    x = _distinct(rng, 2, 3, 6, 6)
    y, idx = F.max_pooling_2d(x, 2, return_indices=True)
    up = F.upsampling_2d(y, idx, 2, outsize=(6, 6)).array
    numpy.testing.assert_array_equal(up, numpy.where(up != 0, x, 0))
    assert (up != 0).sum() == y.size


@pytest.mark.parametrize('dtype', [numpy.float16, numpy.float32])
def test_pooling_low_precision(rng, dtype):
    x = rng.randn(2, 3, 6, 6).astype(dtype)
    assert F.max_pooling_2d(x, 2).dtype == dtype
    y = F.average_pooling_2d(x, 2)
    assert y.dtype == dtype
    numpy.testing.assert_allclose(y.array, x.reshape(2, 3, 3, 2, 3, 2).mean(axis=(3, 5)),
                                  atol=1e-2 if dtype == numpy.float16 else 1e-6)


# ---- gradients ----

def _check(func, x, rng, double=True):
    y = func(chainlite.Variable(x))
    gy = rng.randn(*y.shape)
    gradient_check.check_backward(func, x, gy, dtype=numpy.float64)
    if double:
        gradient_check.check_double_backward(func, x, gy, rng.randn(*x.shape),
                                             dtype=numpy.float64)


@pytest.mark.parametrize('kw', [dict(ksize=2), dict(ksize=3, stride=2, pad=1),
                                dict(ksize=3, stride=1, pad=1, cover_all=False),
                                dict(ksize=(2, 3), stride=(1, 2))])
def test_max_pooling_2d_grads(rng, kw):
    _check(lambda x: F.max_pooling_2d(x, **kw), _distinct(rng, 2, 2, 5, 4), rng)


def test_max_pooling_nd_grads(rng):
    _check(lambda x: F.max_pooling_nd(x, 2, stride=(1, 2, 2)), _distinct(rng, 1, 2, 3, 4, 3), rng)
    _check(lambda x: F.max_pooling_nd(x, 3, 2, 1), _distinct(rng, 2, 2, 7), rng)


@pytest.mark.parametrize('kw', [dict(ksize=2), dict(ksize=3, stride=2, pad=1),
                                dict(ksize=3, stride=1, pad=1)])
def test_average_pooling_grads(rng, kw):
    x = rng.randn(2, 2, 5, 4)
    _check(lambda x: F.average_pooling_2d(x, **kw), x, rng)
    _check(lambda x: F.average_pooling_nd(x, pad_value=None, **kw), x, rng)
    _check(lambda x: F.average_pooling_nd(x, 2), rng.randn(1, 2, 3, 4, 2), rng)


def test_unpooling_grads(rng):
    _check(lambda x: F.unpooling_2d(x, 3, 2), rng.randn(2, 2, 3, 2), rng)
    _check(lambda x: F.unpooling_2d(x, 2, 1, 1, cover_all=False), rng.randn(1, 2, 3, 3), rng)
    _check(lambda x: F.unpooling_nd(x, 2, outsize=(4, 3, 2)), rng.randn(1, 1, 2, 2, 1), rng)


def test_upsampling_2d_grads(rng):
    _, idx = F.max_pooling_2d(_distinct(rng, 2, 2, 5, 5), 3, 2, 1, return_indices=True)
    _check(lambda x: F.upsampling_2d(x, idx, 3, 2, 1, outsize=(5, 5)), rng.randn(*idx.shape),
           rng)


def test_spatial_pyramid_pooling_2d_grads(rng):
    _check(lambda x: F.spatial_pyramid_pooling_2d(x, 2, 'max'), _distinct(rng, 2, 2, 5, 4), rng)


def test_roi_pooling_grads(rng):
    rois4 = numpy.array([[0.5, 1, 5, 4.4], [1, 0, 3.2, 2.5], [0, 0, 6, 5]])
    idx = numpy.array([0, 1, 1], numpy.int32)
    rois5 = numpy.concatenate([idx[:, None], rois4[:, [1, 0, 3, 2]]], axis=1)
    x = _distinct(rng, 2, 2, 6, 5)
    _check(lambda x: F.roi_pooling_2d(x, rois5, 2, 3, 1.0), x, rng)
    _check(lambda x: F.roi_max_pooling_2d(x, rois4, idx, (3, 2), 1.0), x, rng)
    _check(lambda x: F.roi_average_pooling_2d(x, rois4, idx, 2, 0.9), x, rng)


def test_roi_align_grads(rng):
    rois = numpy.array([[0.3, -0.6, 4.5, 3.2], [1.2, 0.5, 5.7, 4.9]])
    idx = numpy.array([1, 0], numpy.int32)
    x = rng.randn(2, 2, 6, 5)
    _check(lambda x: F.roi_average_align_2d(x, rois, idx, (2, 3), 1.0), x, rng)
    _check(lambda x: F.roi_average_align_2d(x, rois, idx, 2, 0.8, sampling_ratio=2), x, rng)
    _check(lambda x: F.roi_max_align_2d(x, rois, idx, 2, 1.0, sampling_ratio=(1, 2)), x, rng)


def test_roi_average_pooling_matches_plain_average_pooling(rng):
    # A whole-image region split into bins that tile it is average pooling.
    x = rng.randn(2, 3, 6, 4)
    rois = numpy.array([[0, 0, 6, 4], [0, 0, 6, 4]], numpy.float64)
    y = F.roi_average_pooling_2d(x, rois, numpy.array([1, 0], numpy.int32), (3, 2), 1.0)
    numpy.testing.assert_allclose(y.array, F.average_pooling_2d(x, 2).array[::-1])


# ---- bad input ----

@pytest.mark.parametrize('call,err,match', [
    (lambda: F.max_pooling_2d(numpy.zeros((1, 4, 4)), 2), ValueError,
     r"max_pooling_2d.*should be 2.*\(1, 4, 4\)"),
    (lambda: F.max_pooling_2d(numpy.zeros((1, 1, 4, 4), 'i'), 2), type_check.InvalidType,
     'MaxPooling2D'),
    (lambda: F.max_pooling_2d(numpy.zeros((1, 1, 4, 4)), 5, cover_all=False), ValueError,
     r'max_pooling_2d.*\(5, 5\).*\(4, 4\)'),
    (lambda: F.max_pooling_nd(numpy.zeros((1, 1, 4, 4)), (2, 2, 2)), ValueError, 'ksize'),
    (lambda: F.average_pooling_2d(numpy.zeros((1, 1, 4, 4)), 5), ValueError,
     'average_pooling_2d'),
    (lambda: F.average_pooling_nd(numpy.zeros((1, 1, 4, 4)), 2, pad_value=1), ValueError,
     'pad_value'),
    (lambda: F.unpooling_2d(numpy.zeros((1, 1, 3, 3)), 2, outsize=(7, 6)), ValueError,
     r'outsize \(7, 6\)'),
    (lambda: F.upsampling_2d(numpy.zeros((1, 1, 3, 3)), numpy.zeros((1, 1, 2, 2), 'i'), 2),
     type_check.InvalidType, 'Upsampling2D'),
    (lambda: F.spatial_pyramid_pooling_2d(numpy.zeros((1, 1, 4, 4)), 2), ValueError,
     'Unsupported pooling'),
    (lambda: F.roi_max_pooling_2d(numpy.zeros((1, 1, 4, 4)), numpy.zeros((2, 5)),
                                  numpy.zeros(2, 'i'), 2, 1.0), type_check.InvalidType,
     r'roi_max_pooling_2d.*rois \(2, 5\)'),
    (lambda: F.roi_pooling_2d(numpy.zeros((1, 4, 4)), numpy.zeros((2, 5)), 2, 2, 1.0),
     type_check.InvalidType, 'roi_pooling_2d'),
    (lambda: F.roi_average_align_2d(numpy.zeros((1, 1, 4, 4)), numpy.zeros((2, 4)),
                                    numpy.zeros(3, 'i'), 2, 1.0), type_check.InvalidType,
     r'roi_average_align_2d.*\(3,\)'),
])
def test_bad_input(call, err, match):
    with pytest.raises(err, match=match):
        call()


@pytest.mark.parametrize('nd', [1, 3])
def test_1d_3d_variants_are_nd(rng, nd):
    x = _distinct(rng, 1, 2, *(5,) * nd)
    for name in ('max_pooling', 'average_pooling', 'unpooling'):
        fixed, general = getattr(F, '%s_%dd' % (name, nd)), getattr(F, '%s_nd' % name)
        numpy.testing.assert_array_equal(fixed(x, 2).array, general(x, 2).array)
        with pytest.raises(ValueError, match='should be %d' % nd):
            fixed(rng.randn(1, 2, 5, 5), 2)


@pytest.mark.parametrize('pool', [
    lambda x: F.max_pooling_2d(x, 3, 2, 1), lambda x: F.max_pooling_2d(x, 2),
    lambda x: F.average_pooling_2d(x, 3, 2, 1), lambda x: F.unpooling_2d(x, 2)])
def test_pooling_of_channel_major_views(rng, pool):
    # Convolutions return (n, c, ...) views of (c, n, ...) memory; results must not depend on it.
    view = _distinct(rng, 3, 2, 5, 6).swapaxes(0, 1)
    xs = [chainlite.Variable(view), chainlite.Variable(numpy.ascontiguousarray(view))]
    ys = [pool(x) for x in xs]
    numpy.testing.assert_array_equal(ys[0].array, ys[1].array)
    gy = rng.randn(*ys[0].shape)
    for y, g in zip(ys, (gy, gy.swapaxes(0, 1).copy().swapaxes(0, 1))):
        y.grad = g
        y.backward()
    numpy.testing.assert_array_equal(xs[0].grad, xs[1].grad)


@pytest.mark.parametrize('name', ['max_pooling_1d', 'max_pooling_3d', 'average_pooling_1d',
                                  'average_pooling_3d', 'unpooling_1d', 'unpooling_3d'])
def test_1d_3d_grads(rng, name):
    nd = int(name[-2])
    _check(lambda x: getattr(F, name)(x, 2), _distinct(rng, 1, 2, *(3,) * nd), rng)


@pytest.mark.gpu
@pytest.mark.parametrize('func', [
    lambda x: F.max_pooling_2d(x, 3, 2, 1), lambda x: F.average_pooling_nd(x, 3, 2, 1, None),
    lambda x: F.unpooling_2d(x, 2), lambda x: F.spatial_pyramid_pooling_2d(x, 2, 'max'),
    lambda x: F.roi_average_align_2d(
        x, x.xp.asarray([[0.5, 0.2, 4.1, 3.7]], numpy.float32), x.xp.asarray([1], numpy.int32),
        2, 1.0),
    lambda x: F.roi_max_pooling_2d(
        x, x.xp.asarray([[0.5, 0.2, 4.1, 3.7]], numpy.float32), x.xp.asarray([1], numpy.int32),
        2, 1.0)])
def test_gpu_matches_cpu(func):
    compare_with_gpu(func, [_distinct(numpy.random.RandomState(0), 2, 3, 5, 6).astype('f')])
