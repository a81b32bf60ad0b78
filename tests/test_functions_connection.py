"""Connection functions: goldens from Chainer 7.8.1, NumPy references, gradients, errors."""
import json
import pathlib

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check

GOLDENS = pathlib.Path(__file__).parent / 'data' / 'functions_conv.npz'
_data = numpy.load(GOLDENS)


def golden_cases(fns):
    """Names of the golden cases (tools/goldens/functions_conv.py) of the given functions."""
    names = sorted({k.split('/')[0] for k in _data.files})
    return [n for n in names if json.loads(str(_data[n + '/params']))['fn'] in fns]


def run_golden(name):
    """Calls chainlite on a golden case's inputs and compares outputs, gradients and state."""
    p = json.loads(str(_data[name + '/params']))
    arrays = {k: _data['%s/in/%s' % (name, k)].copy() for k in p['args'] + p['arrays_in_kwargs']}
    xs = {k: chainlite.Variable(arrays[k]) if arrays[k].dtype.kind == 'f' else arrays[k]
          for k in p['args']}
    kwargs = dict(p['kwargs'])
    for k in ('stride', 'pad', 'ksize', 'dilate', 'outsize', 'axis', 'sampling_ratio'):
        if isinstance(kwargs.get(k), list):
            kwargs[k] = tuple(kwargs[k])
    kwargs.update({k: arrays[k] for k in p['arrays_in_kwargs']})
    fn = getattr(F, p['fn'])
    if p['fn'] == 'group_normalization':
        ys = fn(xs['x'], kwargs.pop('groups'), xs['gamma'], xs['beta'], **kwargs)
    else:
        ys = fn(*xs.values(), **kwargs)
    ys = ys if isinstance(ys, tuple) else (ys,)
    tol = dict(atol=1e-5, rtol=1e-4) if name.endswith('_f32') else dict(atol=1e-12, rtol=1e-10)
    for i, y in enumerate(ys):
        expected = _data['%s/out/%d' % (name, i)]
        y = getattr(y, 'array', y)
        assert y.shape == expected.shape
        assert y.dtype == expected.dtype
        numpy.testing.assert_allclose(y, expected, **tol)
    ys[0].grad = _data[name + '/gy'].copy()
    ys[0].backward()
    for k in p['grads']:
        numpy.testing.assert_allclose(xs[k].grad, _data['%s/grad/%s' % (name, k)], **tol)
    for k in p['arrays_in_kwargs']:
        numpy.testing.assert_allclose(arrays[k], _data['%s/after/%s' % (name, k)], **tol)


CONNECTION = ('convolution_2d', 'convolution_nd', 'deconvolution_2d', 'deconvolution_nd',
              'depthwise_convolution_2d', 'dilated_convolution_2d', 'linear', 'embed_id',
              'bilinear', 'shift', 'local_convolution_2d', 'deformable_convolution_2d_sampler')


@pytest.mark.parametrize('name', golden_cases(CONNECTION))
def test_golden(name):
    run_golden(name)


def test_goldens_cover_every_function():
    covered = {json.loads(str(_data[n + '/params']))['fn'] for n in golden_cases(CONNECTION)}
    assert covered == set(CONNECTION)


# ---- independent NumPy references ----

def _conv_ref(x, W, b, stride, pad, dilate=1, groups=1, cover_all=False):
    n, c, h, w = x.shape
    oc, cg, kh, kw = W.shape
    dkh, dkw = (kh - 1) * dilate + 1, (kw - 1) * dilate + 1
    extra = stride - 1 if cover_all else 0
    xp = numpy.pad(x, ((0, 0), (0, 0), (pad, pad + extra), (pad, pad + extra)))
    oh = (h + 2 * pad - dkh + extra) // stride + 1
    ow = (w + 2 * pad - dkw + extra) // stride + 1
    y = numpy.zeros((n, oc, oh, ow))
    og = oc // groups
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i * stride:i * stride + dkh:dilate, j * stride:j * stride + dkw:dilate]
            for g in range(groups):
                y[:, g * og:(g + 1) * og, i, j] = numpy.einsum(
                    'nckl,ockl->no', patch[:, g * cg:(g + 1) * cg], W[g * og:(g + 1) * og])
    return y if b is None else y + b[:, None, None]


@pytest.mark.parametrize('stride,pad,dilate,groups,cover_all', [
    (1, 0, 1, 1, False), (2, 1, 1, 1, False), (2, 0, 1, 1, True), (1, 2, 2, 1, False),
    (1, 1, 1, 3, False), (3, 1, 1, 3, True)])
def test_convolution_2d_matches_loop_reference(rng, stride, pad, dilate, groups, cover_all):
    x = rng.randn(2, 6, 7, 8)
    W = rng.randn(9, 6 // groups, 3, 2)
    b = rng.randn(9)
    y = F.convolution_2d(x, W, b, stride, pad, cover_all, dilate=dilate, groups=groups)
    numpy.testing.assert_allclose(y.array, _conv_ref(x, W, b, stride, pad, dilate, groups,
                                                     cover_all), atol=1e-10)


def test_deconvolution_is_adjoint_of_convolution(rng):
    # <conv(x), y> == <x, deconv(y)> for the same W and geometry
    x = rng.randn(2, 4, 7, 6)
    W = rng.randn(6, 2, 3, 3)
    kw = dict(stride=2, pad=1, groups=2)
    y = F.convolution_2d(x, W, **kw).array
    z = rng.randn(*y.shape)
    xt = F.deconvolution_2d(z, W, outsize=x.shape[2:], **kw).array
    numpy.testing.assert_allclose((y * z).sum(), (x * xt).sum(), rtol=1e-10)


@pytest.mark.parametrize('dtype,atol', [(numpy.float16, 5e-2), (numpy.float32, 1e-4)])
def test_convolution_low_precision(rng, dtype, atol):
    x = rng.randn(2, 3, 5, 5)
    W = rng.randn(4, 3, 3, 3) * 0.3
    y = F.convolution_2d(x.astype(dtype), W.astype(dtype), pad=1)
    assert y.dtype == dtype
    numpy.testing.assert_allclose(y.array, _conv_ref(x, W, None, 1, 1), atol=atol, rtol=atol)


def test_linear_matches_numpy(rng):
    x, W, b = rng.randn(3, 2, 2), rng.randn(5, 4), rng.randn(5)
    numpy.testing.assert_allclose(F.linear(x, W, b).array, x.reshape(3, 4) @ W.T + b)
    y = F.linear(x, W[:, :2], n_batch_axes=2)
    numpy.testing.assert_allclose(y.array, x @ W[:, :2].T)


def test_embed_id_matches_indexing(rng):
    W = rng.randn(5, 3)
    x = numpy.array([[4, 0], [2, 2]])
    numpy.testing.assert_array_equal(F.embed_id(x, W).array, W[x])


def test_shift_moves_channel_groups(rng):
    x = numpy.zeros((1, 9, 3, 3))
    x[0, :, 1, 1] = numpy.arange(1, 10)
    y = F.shift(x).array[0]
    # Raster order of the 3x3 offsets with the centre swapped to the end.
    moved_to = [tuple(numpy.argwhere(y[c])[0]) for c in range(9)]
    assert moved_to == [(0, 0), (0, 1), (0, 2), (1, 0), (2, 2), (1, 2), (2, 0), (2, 1), (1, 1)]


# ---- gradients (float64, numerical) ----

def _check(func, xs, double=True, rng=None, **kw):
    rng = rng or numpy.random.RandomState(1)
    xs = tuple(xs)
    ys = func(*[chainlite.Variable(x) for x in xs])
    gy = rng.randn(*ys.shape)
    gradient_check.check_backward(func, xs, gy, dtype=numpy.float64, **kw)
    if double:
        ggx = tuple(rng.randn(*x.shape) for x in xs)
        gradient_check.check_double_backward(func, xs, gy, ggx, dtype=numpy.float64, **kw)


@pytest.mark.parametrize('kw', [
    dict(), dict(stride=2, pad=1), dict(stride=2, cover_all=True), dict(dilate=2, pad=1),
    dict(groups=2, pad=(1, 0))])
def test_convolution_2d_grads(rng, kw):
    x, W, b = rng.randn(2, 4, 5, 4), rng.randn(4, 4 // kw.get('groups', 1), 3, 2), rng.randn(4)
    _check(lambda x, W, b: F.convolution_2d(x, W, b, **kw), (x, W, b))


def test_convolution_nd_grads(rng):
    _check(lambda x, W: F.convolution_nd(x, W, stride=(2, 1, 1), pad=1),
           (rng.randn(1, 2, 3, 3, 2), rng.randn(2, 2, 2, 2, 2)))
    _check(lambda x, W, b: F.convolution_nd(x, W, b, stride=2, cover_all=True),
           (rng.randn(2, 2, 6), rng.randn(3, 2, 3), rng.randn(3)))


@pytest.mark.parametrize('kw', [dict(), dict(stride=2, pad=1), dict(stride=2, outsize=(6, 5)),
                                dict(groups=2, dilate=2)])
def test_deconvolution_2d_grads(rng, kw):
    groups = kw.get('groups', 1)
    x, W = rng.randn(2, 4, 3, 2), rng.randn(4, 3 if groups == 1 else 2, 3, 2)
    b = rng.randn(W.shape[1] * groups)
    _check(lambda x, W, b: F.deconvolution_2d(x, W, b, **kw), (x, W, b))


def test_deconvolution_nd_grads(rng):
    _check(lambda x, W: F.deconvolution_nd(x, W, stride=2, pad=1),
           (rng.randn(1, 2, 2, 3, 2), rng.randn(2, 2, 3, 2, 2)))


def test_depthwise_and_dilated_grads(rng):
    _check(lambda x, W, b: F.depthwise_convolution_2d(x, W, b, stride=2, pad=1),
           (rng.randn(2, 3, 4, 4), rng.randn(2, 3, 3, 3), rng.randn(6)))
    _check(lambda x, W: F.dilated_convolution_2d(x, W, dilate=2),
           (rng.randn(1, 2, 6, 5), rng.randn(2, 2, 2, 2)))


@pytest.mark.parametrize('shape,n_batch_axes', [((3, 4), 1), ((3, 2, 2), 1), ((2, 3, 4), 2)])
def test_linear_grads(rng, shape, n_batch_axes):
    x, W, b = rng.randn(*shape), rng.randn(5, 4), rng.randn(5)
    _check(lambda x, W, b: F.linear(x, W, b, n_batch_axes), (x, W, b))
    _check(lambda x, W: F.linear(x, W, n_batch_axes=n_batch_axes), (x, W))


def test_embed_id_grads(rng):
    x = numpy.array([[0, 3, -1], [3, 1, 1]], numpy.int32)
    W = rng.randn(4, 3)

    def f(W):
        return F.embed_id(x, W, ignore_label=-1)
    _check(f, (W,))


def test_bilinear_grads(rng):
    e1, e2, W = rng.randn(3, 2), rng.randn(3, 4), rng.randn(2, 4, 5)
    V1, V2, b = rng.randn(2, 5), rng.randn(4, 5), rng.randn(5)
    _check(F.bilinear, (e1, e2, W))
    _check(F.bilinear, (e1, e2, W, V1, V2, b))


def test_shift_grads(rng):
    _check(lambda x: F.shift(x, 3, 2), (rng.randn(2, 10, 4, 3),))


def test_local_convolution_2d_grads(rng):
    _check(lambda x, W, b: F.local_convolution_2d(x, W, b, stride=2),
           (rng.randn(2, 2, 5, 5), rng.randn(3, 2, 2, 2, 3, 3), rng.randn(3, 2, 2)))


def test_deformable_convolution_with_zero_offsets_is_convolution(rng):
    x, W, b = rng.randn(2, 3, 5, 6), rng.randn(4, 3, 3, 2), rng.randn(4)
    y = F.convolution_2d(x, W, b, stride=2, pad=1)
    offset = numpy.zeros((2, 12) + y.shape[2:])
    numpy.testing.assert_allclose(
        F.deformable_convolution_2d_sampler(x, offset, W, b, 2, 1).array, y.array, atol=1e-12)


def test_deformable_convolution_grads(rng):
    # Fractional parts kept away from 0 so the finite differences stay on one bilinear piece.
    offset = rng.randint(-2, 3, (2, 8, 3, 4)) + rng.uniform(0.2, 0.8, (2, 8, 3, 4))
    _check(lambda x, o, W, b: F.deformable_convolution_2d_sampler(x, o, W, b, pad=1),
           (rng.randn(2, 2, 3, 4), offset, rng.randn(3, 2, 2, 2), rng.randn(3)))


# ---- bad input ----

@pytest.mark.parametrize('call,match', [
    (lambda: F.convolution_2d(numpy.zeros((2, 3, 5)), numpy.zeros((4, 3, 3, 3))),
     'Convolution2DFunction'),
    (lambda: F.convolution_2d(numpy.zeros((2, 3, 5, 5)), numpy.zeros((4, 2, 3, 3))),
     r'x.shape\[1\] == W.shape\[1\] \* 1'),
    (lambda: F.convolution_2d(numpy.zeros((2, 3, 5, 5)), numpy.zeros((4, 3, 3, 3)), groups=3),
     r'3 != 9'),
    (lambda: F.convolution_2d(numpy.zeros((2, 3, 5, 5), 'i'), numpy.zeros((4, 3, 3, 3), 'i')),
     'dtype.kind'),
    (lambda: F.convolution_2d(numpy.zeros((2, 3, 5, 5)), numpy.zeros((4, 3, 3, 3)),
                              numpy.zeros(5)), r'b.shape\[0\]'),
    (lambda: F.convolution_2d(numpy.zeros((2, 3, 5, 5), 'f'), numpy.zeros((4, 3, 3, 3))),
     'W.dtype == x.dtype'),
    (lambda: F.linear(numpy.zeros((2, 3)), numpy.zeros((5, 4))), r'3 != 4'),
    (lambda: F.linear(numpy.zeros((2, 3)), numpy.zeros((5, 3)), numpy.zeros(4)), 'b'),
    (lambda: F.linear(numpy.zeros(3), numpy.zeros((5, 3))), 'x.ndim'),
    (lambda: F.linear(numpy.zeros((2, 3), 'i'), numpy.zeros((5, 3), 'i')), 'dtype.kind'),
    (lambda: F.embed_id(numpy.zeros(2), numpy.zeros((3, 2))), 'EmbedIDFunction'),
    (lambda: F.bilinear(numpy.zeros((3, 2)), numpy.zeros((3, 4)), numpy.zeros((1, 4, 5))),
     'bilinear'),
    (lambda: F.shift(numpy.zeros((1, 4, 3, 3))), r'x.shape\[1\] >= 9'),
    (lambda: F.local_convolution_2d(numpy.zeros((2, 3, 5, 5)), numpy.zeros((4, 3, 3, 2, 3, 3))),
     'local_convolution_2d'),
    (lambda: F.deformable_convolution_2d_sampler(
        numpy.zeros((1, 2, 4, 4)), numpy.zeros((1, 9, 2, 2)), numpy.zeros((3, 2, 3, 3))),
     r'deformable_convolution_2d_sampler.*offset \(1, 9, 2, 2\)'),
])
def test_invalid_type(call, match):
    with pytest.raises(type_check.InvalidType, match=match):
        call()


@pytest.mark.parametrize('call,err,match', [
    (lambda: F.convolution_2d(numpy.zeros((1, 1, 4, 4)), numpy.zeros((1, 1, 5, 5))),
     ValueError, r'Convolution2DFunction.*\(5, 5\).*\(4, 4\)'),
    (lambda: F.deconvolution_2d(numpy.zeros((1, 3, 5, 5)), numpy.zeros((3, 4, 3, 3)), stride=2,
                                outsize=(14, 11)), ValueError, r'outsize \(14, 11\)'),
    (lambda: F.embed_id(numpy.array([0, 3]), numpy.zeros((3, 2))), ValueError, r'\[3\]'),
    (lambda: F.embed_id(numpy.array([-1]), numpy.zeros((3, 2))), ValueError, 'embed_id'),
    (lambda: F.linear(numpy.zeros((2, 3)), numpy.zeros((5, 3)), n_batch_axes=0), ValueError,
     'n_batch_axes'),
    (lambda: F.bilinear(numpy.zeros((3, 2)), numpy.zeros((3, 4)), numpy.zeros((2, 4, 5)),
                        numpy.zeros((2, 5))), ValueError, 'must be None'),
    (lambda: F.shift(numpy.zeros((1, 9, 3, 3)), ksize=2), ValueError, 'odd'),
    (lambda: F.convolution_2d(numpy.zeros((1, 1, 4, 4)), numpy.zeros((1, 1, 2, 2)), foo=1),
     TypeError, 'foo'),
])
def test_bad_arguments(call, err, match):
    with pytest.raises(err, match=match):
        call()


@pytest.mark.parametrize('fn,nd', [(F.convolution_1d, 1), (F.convolution_3d, 3)])
def test_convolution_1d_3d_are_convolution_nd(rng, fn, nd):
    x, W = rng.randn(2, 3, *(4,) * nd), rng.randn(2, 3, *(2,) * nd)
    numpy.testing.assert_array_equal(fn(x, W, stride=2).array,
                                     F.convolution_nd(x, W, stride=2).array)
    with pytest.raises(ValueError, match="should be %d" % nd):
        fn(rng.randn(2, 3, 4, 4), W)


@pytest.mark.parametrize('fn,nd', [(F.deconvolution_1d, 1), (F.deconvolution_3d, 3)])
def test_deconvolution_1d_3d_are_deconvolution_nd(rng, fn, nd):
    x, W = rng.randn(2, 3, *(2,) * nd), rng.randn(3, 2, *(2,) * nd)
    numpy.testing.assert_array_equal(fn(x, W, stride=2).array,
                                     F.deconvolution_nd(x, W, stride=2).array)
    with pytest.raises(ValueError, match="should be %d" % nd):
        fn(rng.randn(2, 3, 4, 4), W)


def test_convolution_of_non_contiguous_inputs(rng):
    x = rng.randn(4, 2, 5, 5).swapaxes(0, 1)
    W = rng.randn(3, 8, 3, 3)[:, ::2]
    y = F.convolution_2d(x, W, pad=1)
    numpy.testing.assert_allclose(y.array, _conv_ref(x, W, None, 1, 1), atol=1e-12)


@pytest.mark.parametrize('fn,xshape,wshape', [
    (F.convolution_1d, (2, 2, 5), (3, 2, 2)),
    (F.convolution_3d, (1, 2, 3, 3, 2), (2, 2, 2, 2, 1)),
    (F.deconvolution_1d, (2, 2, 3), (2, 3, 2)),
    (F.deconvolution_3d, (1, 2, 2, 2, 2), (2, 1, 2, 2, 2))])
def test_1d_3d_grads(rng, fn, xshape, wshape):
    _check(lambda x, W: fn(x, W, stride=2), (rng.randn(*xshape), rng.randn(*wshape)))


# ---- GPU (skipped without CuPy and a device) ----

def compare_with_gpu(func, xs, atol=1e-4):
    """Runs ``func`` on NumPy and on CuPy copies of ``xs``; outputs and gradients must agree."""
    cupy = chainlite.backend.cupy
    results = []
    for to in (numpy.asarray, cupy.asarray):
        vs = [chainlite.Variable(to(x)) for x in xs]
        y = func(*vs)
        y.grad = to(numpy.linspace(-1, 1, y.size).reshape(y.shape).astype(y.dtype))
        y.backward()
        results.append([y.array] + [v.grad for v in vs])
    for cpu, gpu in zip(*results):
        numpy.testing.assert_allclose(cupy.asnumpy(gpu), cpu, atol=atol, rtol=atol)


@pytest.mark.gpu
@pytest.mark.parametrize('func,shapes', [
    (lambda x, W, b: F.convolution_2d(x, W, b, stride=2, pad=1, groups=2),
     [(2, 4, 7, 6), (6, 2, 3, 3), (6,)]),
    (lambda x, W: F.deconvolution_2d(x, W, stride=2, pad=1), [(2, 3, 4, 4), (3, 2, 3, 3)]),
    (lambda x, W: F.convolution_nd(x, W, cover_all=True, stride=2),
     [(1, 2, 5, 4, 3), (2, 2, 2, 2, 2)]),
    (lambda x, W, b: F.linear(x, W, b), [(3, 4), (5, 4), (5,)]),
    (lambda x: F.shift(x), [(1, 9, 3, 4)]),
    (lambda x, o, W: F.deformable_convolution_2d_sampler(x, o, W, pad=1),
     [(1, 2, 3, 3), (1, 8, 4, 4), (2, 2, 2, 2)]),
])
def test_gpu_matches_cpu(func, shapes):
    rng = numpy.random.RandomState(0)
    compare_with_gpu(func, [rng.randn(*s).astype(numpy.float32) for s in shapes])


@pytest.mark.gpu
def test_gpu_embed_id_matches_cpu():
    xp = chainlite.backend.get_array_module

    def f(W):
        ids = numpy.array([[0, 2], [-1, 2]], numpy.int32)
        if xp(W) is not numpy:
            ids = xp(W).asarray(ids)
        return F.embed_id(ids, W, ignore_label=-1)
    compare_with_gpu(f, [numpy.random.RandomState(0).randn(3, 4).astype(numpy.float32)])
