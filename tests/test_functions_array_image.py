"""Image-layout array functions (im2col, depth2space, space2depth, resize_images):
naive NumPy references, goldens from Chainer 7.8.1, gradients, bad input."""
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import testing
from chainlite.utils.conv import get_conv_outsize
from chainlite.utils.conv import col2im_cpu as col2im_array, im2col_cpu as im2col_array
from array_checks import check_all

R = numpy.random.RandomState(0)
GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'functions_array.npz'))


def randn(*shape):
    return R.standard_normal(shape)


def naive_im2col(x, kh, kw, sy, sx, ph, pw, cover_all, dy, dx):
    n, c, h, w = x.shape
    oh = get_conv_outsize(h, kh, sy, ph, cover_all, dy)
    ow = get_conv_outsize(w, kw, sx, pw, cover_all, dx)
    col = numpy.zeros((n, c, kh, kw, oh, ow))
    for i in range(kh):
        for j in range(kw):
            for y in range(oh):
                for z in range(ow):
                    r, s = y * sy + i * dy - ph, z * sx + j * dx - pw
                    if 0 <= r < h and 0 <= s < w:
                        col[:, :, i, j, y, z] = x[:, :, r, s]
    return col


IM2COL_CASES = [
    # kh, kw, sy, sx, ph, pw, cover_all, dy, dx
    (3, 3, 1, 1, 1, 1, False, 1, 1),
    (3, 2, 2, 1, 1, 0, True, 1, 2),
    (2, 2, 3, 3, 0, 0, True, 1, 1),
    (3, 3, 2, 2, 2, 1, False, 2, 1),
    (1, 1, 1, 1, 0, 0, False, 1, 1),
]


@pytest.mark.parametrize('args', IM2COL_CASES)
def test_im2col_array_matches_naive_and_col2im_is_its_adjoint(args):
    x = randn(2, 3, 5, 6)
    kh, kw, sy, sx, ph, pw, cover_all, dy, dx = args
    col = im2col_array(x, kh, kw, sy, sx, ph, pw, cover_all=cover_all, dy=dy, dx=dx)
    numpy.testing.assert_array_equal(col, naive_im2col(x, *args))
    g = randn(*col.shape)
    img = col2im_array(g, sy, sx, ph, pw, 5, 6, dy, dx)
    assert img.shape == x.shape
    numpy.testing.assert_allclose((col * g).sum(), (x * img).sum(), rtol=1e-12)


def test_im2col_array_pval_and_explicit_outsize():
    x = randn(1, 1, 3, 3)
    col = im2col_array(x, 2, 2, 1, 1, 1, 1, pval=-7.0, out_h=2, out_w=3)
    assert col.shape == (1, 1, 2, 2, 2, 3)
    assert col[0, 0, 0, 0, 0, 0] == -7.0 and col[0, 0, 1, 1, 0, 0] == x[0, 0, 0, 0]


@pytest.mark.parametrize('args', IM2COL_CASES[:4])
def test_im2col(args):
    x = randn(2, 2, 5, 4)
    kh, kw, sy, sx, ph, pw, cover_all, dy, dx = args
    col = naive_im2col(x, *args)
    expected = col.reshape(2, 2 * kh * kw, col.shape[4], col.shape[5])
    check_all(lambda x: F.im2col(x, (kh, kw), (sy, sx), (ph, pw), cover_all, (dy, dx)),
              x, expected)


def naive_depth2space(x, r):
    b, crr, h, w = x.shape
    c = crr // (r * r)
    y = numpy.zeros((b, c, h * r, w * r))
    for i in range(r):
        for j in range(r):
            for k in range(c):
                y[:, k, i::r, j::r] = x[:, (i * r + j) * c + k]
    return y


@pytest.mark.parametrize('r', [1, 2, 3])
def test_depth2space_space2depth(r):
    x = randn(2, 2 * r * r, 2, 3)
    y = naive_depth2space(x, r)
    check_all(lambda x: F.depth2space(x, r), x, y)
    check_all(lambda y: F.space2depth(y, r), y, x)


def naive_resize(x, out_h, out_w, mode, align_corners):
    n, c, h, w = x.shape
    y = numpy.zeros((n, c, out_h, out_w))

    def source(i, n_in, n_out):
        if mode == 'nearest':
            return min(int(numpy.floor(i * n_in / n_out)), n_in - 1)
        if align_corners:
            return i * (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        return min(max((i + 0.5) * n_in / n_out - 0.5, 0.0), n_in - 1)

    for p in range(out_h):
        for q in range(out_w):
            u, v = source(p, h, out_h), source(q, w, out_w)
            u0, v0 = int(numpy.floor(u)), int(numpy.floor(v))
            u1, v1 = min(u0 + 1, h - 1), min(v0 + 1, w - 1)
            a, b = u - u0, v - v0
            y[:, :, p, q] = ((1 - a) * (1 - b) * x[:, :, u0, v0] + (1 - a) * b * x[:, :, u0, v1]
                             + a * (1 - b) * x[:, :, u1, v0] + a * b * x[:, :, u1, v1])
    return y


@pytest.mark.parametrize('out_shape', [(7, 3), (2, 9), (1, 1), (4, 5)])
@pytest.mark.parametrize('mode,align_corners', [
    ('bilinear', True), ('bilinear', False), ('nearest', True), ('nearest', False)])
def test_resize_images(out_shape, mode, align_corners):
    x = randn(1, 2, 4, 5)
    check_all(lambda x: F.resize_images(x, out_shape, mode=mode, align_corners=align_corners),
              x, naive_resize(x, *out_shape, mode, align_corners))


GOLDEN_CASES = {
    'resize_bilinear_ac_up': lambda x: F.resize_images(x, (7, 9)),
    'resize_bilinear_ac_down': lambda x: F.resize_images(x, (2, 3)),
    'resize_bilinear_noac': lambda x: F.resize_images(x, (7, 3), align_corners=False),
    'resize_nearest_up': lambda x: F.resize_images(x, (9, 7), mode='nearest'),
    'resize_nearest_down': lambda x: F.resize_images(x, (3, 2), mode='nearest',
                                                     align_corners=False),
    'resize_to_one': lambda x: F.resize_images(x, (1, 1)),
    'depth2space': lambda x: F.depth2space(x, 2),
    'space2depth': lambda x: F.space2depth(x, 3),
    'im2col': lambda x: F.im2col(x, (3, 2), stride=(2, 1), pad=(1, 0), dilate=(1, 2)),
    'im2col_cover_all': lambda x: F.im2col(x, 3, stride=2, cover_all=True),
    'st_grid': lambda theta: F.spatial_transformer_grid(theta, (3, 4)),
    'st_sampler': F.spatial_transformer_sampler,
}


@pytest.mark.parametrize('name', sorted(GOLDEN_CASES))
def test_against_chainer_goldens(name):
    xs = [chainlite.Variable(GOLDEN['x/%s/%d' % (name, i)])
          for i in range(2) if 'x/%s/%d' % (name, i) in GOLDEN]
    y = GOLDEN_CASES[name](*xs)
    assert y.dtype == xs[0].dtype
    tol = {'atol': 1e-6, 'rtol': 1e-5} if y.dtype == numpy.float32 else {'atol': 1e-12}
    testing.assert_allclose(y.array, GOLDEN['y/' + name], **tol)
    y.grad = GOLDEN['gy/' + name]
    y.backward()
    for i, x in enumerate(xs):
        testing.assert_allclose(x.grad, GOLDEN['gx/%s/%d' % (name, i)], **tol)


@pytest.mark.parametrize('dtype', [numpy.float16, numpy.float32])
def test_resize_images_low_precision(dtype):
    x = randn(1, 2, 4, 5)
    y = F.resize_images(x.astype(dtype), (7, 3))
    assert y.dtype == dtype
    tol = 1e-2 if dtype == numpy.float16 else 1e-5
    testing.assert_allclose(y.array, naive_resize(x, 7, 3, 'bilinear', True), atol=tol, rtol=tol)


def test_spatial_transformer_grid():
    theta = randn(2, 2, 3)
    expected = numpy.zeros((2, 2, 3, 4))
    for p in range(3):
        for q in range(4):
            point = numpy.array([-1 + 2 * q / 3, -1 + p, 1.0])
            expected[:, :, p, q] = theta @ point
    check_all(lambda t: F.spatial_transformer_grid(t, (3, 4)), theta, expected)


def naive_sampler(x, grid):
    b, c, h, w = x.shape
    y = numpy.zeros((b, c) + grid.shape[2:])
    for n in range(b):
        for p, q in numpy.ndindex(grid.shape[2:]):
            u = (grid[n, 0, p, q] + 1) * (w - 1) / 2
            v = (grid[n, 1, p, q] + 1) * (h - 1) / 2
            for r in (int(numpy.floor(v)), int(numpy.floor(v)) + 1):
                for s in (int(numpy.floor(u)), int(numpy.floor(u)) + 1):
                    if 0 <= r < h and 0 <= s < w:
                        y[n, :, p, q] += (1 - abs(v - r)) * (1 - abs(u - s)) * x[n, :, r, s]
    return y


def test_spatial_transformer_sampler():
    x = randn(2, 3, 4, 5)
    grid = R.uniform(-1.4, 1.4, (2, 2, 3, 2))
    check_all(F.spatial_transformer_sampler, (x, grid), naive_sampler(x, grid))


@pytest.mark.parametrize('name,call', [
    ('spatial_transformer_grid', lambda: F.spatial_transformer_grid(randn(2, 3, 3), (2, 2))),
    ('spatial_transformer_sampler',
     lambda: F.spatial_transformer_sampler(randn(2, 1, 3, 3), randn(2, 1, 3, 3))),
    ('spatial_transformer_sampler',
     lambda: F.spatial_transformer_sampler(randn(2, 1, 3, 3), randn(1, 2, 3, 3))),
    ('spatial_transformer_sampler',
     lambda: F.spatial_transformer_sampler(randn(1, 1, 3, 3).astype(numpy.float32),
                                           randn(1, 2, 3, 3))),
    ('im2col', lambda: F.im2col(randn(1, 1, 2, 2), 3)),
    ('depth2space', lambda: F.depth2space(randn(1, 6, 2, 2), 2)),
    ('depth2space', lambda: F.depth2space(randn(4, 2, 2), 2)),
    ('space2depth', lambda: F.space2depth(randn(1, 1, 3, 4), 2)),
    ('resize_images', lambda: F.resize_images(randn(2, 3, 4), (2, 2))),
    ('resize_images', lambda: F.resize_images(randn(1, 1, 2, 2), (2, 2), mode='bicubic')),
    ('resize_images', lambda: F.resize_images(randn(1, 1, 2, 2), (0, 2))),
    ('resize_images', lambda: F.resize_images(numpy.ones((1, 1, 2, 2), numpy.int32), (2, 2))),
])
def test_bad_input(name, call):
    with pytest.raises((ValueError, TypeError, chainlite.utils.type_check.InvalidType)) as e:
        call()
    assert name in str(e.value)
