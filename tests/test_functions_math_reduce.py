"""chainlite.functions math (reductions, products, linear algebra): forward, gradients, errors."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check


def _check_grads(f, xs, rng, double=True):
    """check_backward (and check_double_backward) of ``f`` at ``xs`` in float64."""
    xs = xs if isinstance(xs, tuple) else (xs,)
    ys = f(*xs)
    ys = ys if isinstance(ys, tuple) else (ys,)
    gys = tuple(rng.normal(size=y.shape) for y in ys)
    gradient_check.check_backward(f, xs, gys, eps=1e-5, atol=1e-7, rtol=1e-6)
    if double:
        ggs = tuple(rng.normal(size=x.shape) for x in xs)
        gradient_check.check_double_backward(f, xs, gys, ggs, eps=1e-5, atol=1e-6, rtol=1e-5)


def _distinct(shape, rng):
    """Values at least 0.05 apart: no ties in max/min within a difference step."""
    return rng.permutation(int(numpy.prod(shape))).reshape(shape) * 0.05 + rng.uniform(0, 0.01)


AXES = [None, 0, 1, -1, (0, 2), (1, 2)]
KEEPDIMS = [False, True]

# -- sums of ratios: mean, average -------------------------------------------------------


@pytest.mark.parametrize('axis', AXES)
@pytest.mark.parametrize('keepdims', KEEPDIMS)
def test_mean(axis, keepdims):
    rng = numpy.random.RandomState(0)
    x = rng.normal(size=(2, 3, 4))
    y = F.mean(x, axis=axis, keepdims=keepdims)
    numpy.testing.assert_allclose(y.array, x.mean(axis=axis, keepdims=keepdims), rtol=1e-13)
    _check_grads(lambda x: F.mean(x, axis=axis, keepdims=keepdims), x, rng)


@pytest.mark.parametrize('axis', [0, 1, -1])
@pytest.mark.parametrize('keepdims', KEEPDIMS)
def test_average_weighted_axis(axis, keepdims):
    rng = numpy.random.RandomState(1)
    x = rng.normal(size=(3, 4))
    w = rng.uniform(0.5, 2, x.shape[axis])
    y = F.average(x, axis=axis, weights=w, keepdims=keepdims)
    expected = numpy.average(x, axis=axis, weights=w)
    if keepdims:
        expected = numpy.expand_dims(expected, axis)
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-13)
    _check_grads(lambda x, w: F.average(x, axis=axis, weights=w, keepdims=keepdims), (x, w), rng)


def test_average_weighted_no_axis():
    x = numpy.arange(6.0).reshape(2, 3)
    w = numpy.arange(1.0, 7.0).reshape(2, 3)
    numpy.testing.assert_allclose(F.average(x, weights=w).array, numpy.average(x, weights=w))
    # Chainer's rule: sum(x * w) / sum(w), the weights broadcast only in the numerator.
    w1 = numpy.array([1.0, 2.0, 3.0])
    numpy.testing.assert_allclose(F.average(x, weights=w1).array, (x * w1).sum() / w1.sum())
    assert F.average(x, weights=w, keepdims=True).shape == (1, 1)
    _check_grads(lambda x, w: F.average(x, weights=w), (x, w), numpy.random.RandomState(2))


def test_average_bad_input():
    x = numpy.ones((2, 3))
    with pytest.raises(type_check.InvalidType, match=r'average[\s\S]*weights.shape = \(2,\)'):
        F.average(x, axis=1, weights=numpy.ones(2))
    with pytest.raises(type_check.InvalidType, match=r'weights.shape = \(4,\), x.shape = \(2, 3\)'):
        F.average(x, weights=numpy.ones(4))
    with pytest.raises(ValueError, match='tuple axis'):
        F.average(x, axis=(0, 1), weights=numpy.ones((2, 3)))
    with pytest.raises(type_check.InvalidType, match='Mean[\\s\\S]*dtype.kind == f'):
        F.mean(numpy.arange(4))
    with pytest.raises(type_check.InvalidType, match='Mean'):
        F.mean(x, axis=2)
    with pytest.raises(type_check.InvalidType, match='weights.dtype.kind == f'):
        F.average(x, axis=1, weights=numpy.ones(3, int))
    with pytest.raises(type_check.InvalidType, match=r'average[\s\S]*float64 != float32'):
        F.average(x, axis=1, weights=numpy.ones(3, numpy.float32))


def test_mean_low_precision():
    x = numpy.random.RandomState(3).uniform(-1, 1, (8, 16))
    for dtype, rtol in ((numpy.float16, 5e-3), (numpy.float32, 1e-6)):
        y = F.mean(x.astype(dtype), axis=1)
        assert y.dtype == dtype
        numpy.testing.assert_allclose(y.array, x.astype(dtype).astype(numpy.float64).mean(1),
                                      rtol=rtol, atol=rtol)


# -- extremes --------------------------------------------------------------------------------

@pytest.mark.parametrize('name', ['max', 'min'])
@pytest.mark.parametrize('axis', AXES)
@pytest.mark.parametrize('keepdims', KEEPDIMS)
def test_max_min(name, axis, keepdims):
    rng = numpy.random.RandomState(4)
    x = _distinct((2, 3, 4), rng)
    f = getattr(F, name)
    y = f(x, axis=axis, keepdims=keepdims)
    numpy.testing.assert_array_equal(y.array, getattr(numpy, name)(x, axis=axis, keepdims=keepdims))
    _check_grads(lambda x: f(x, axis=axis, keepdims=keepdims), x, rng)


def test_max_ties_each_get_the_gradient():
    x = chainlite.Variable(numpy.array([[1.0, 3.0, 3.0], [2.0, 0.0, -1.0]]))
    F.sum(F.max(x, axis=1)).backward()
    assert x.grad.tolist() == [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]


@pytest.mark.parametrize('name', ['argmax', 'argmin'])
def test_argmax_argmin(name):
    x = _distinct((3, 4), numpy.random.RandomState(5))
    f, ref = getattr(F, name), getattr(numpy, name)
    for axis in (None, 0, 1, -1):
        y = f(x, axis=axis)
        assert y.dtype == numpy.int32
        numpy.testing.assert_array_equal(y.array, ref(x, axis=axis))
    v = chainlite.Variable(x)
    assert f(v).creator is not None  # a graph node, like Chainer; it passes no gradient
    assert f(x.astype(numpy.float16), axis=0).dtype == numpy.int32
    with pytest.raises(TypeError, match='axis'):
        f(x, axis=(0, 1))
    with pytest.raises(type_check.InvalidType,
                       match=r'Arg(Max|Min)[\s\S]*axis = 2, x.shape = \(3, 4\)'):
        f(x, axis=2)
    with pytest.raises(type_check.InvalidType, match='dtype.kind == f'):
        f(numpy.arange(3))


def test_max_bad_input():
    with pytest.raises(type_check.InvalidType, match='Max'):
        F.max(numpy.ones((2, 3)), axis=2)
    with pytest.raises(ValueError, match='duplicate'):
        F.max(numpy.ones((2, 3)), axis=(1, 1))
    with pytest.raises(type_check.InvalidType, match='Min[\\s\\S]*dtype.kind == f'):
        F.min(numpy.arange(3))


# -- clip -------------------------------------------------------------------------------------

def test_clip():
    rng = numpy.random.RandomState(6)
    x = rng.uniform(-2, 2, (3, 4))
    x[numpy.abs(numpy.abs(x) - 1) < 0.05] = 0.0
    for lo, hi in ((-1.0, 1.0), (None, 1.0), (-1.0, None)):
        y = F.clip(x, lo, hi)
        numpy.testing.assert_array_equal(y.array, numpy.clip(x, lo, hi))
        _check_grads(lambda x: F.clip(x, lo, hi), x, rng)
    assert F.clip(x.astype(numpy.float32), 0, 1).dtype == numpy.float32


def test_clip_gradient_includes_bounds():
    x = chainlite.Variable(numpy.array([0.0, 1.0, 2.0, 3.0, -1.0, numpy.nan]))
    F.sum(F.clip(x, 0.0, 2.0)).backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]


def test_clip_bad_input():
    with pytest.raises(ValueError, match='either'):
        F.clip(numpy.ones(2), None, None)
    with pytest.raises(ValueError, match='less than'):
        F.clip(numpy.ones(2), 1.0, 1.0)
    with pytest.raises(TypeError, match='x_min'):
        F.clip(numpy.ones(2), numpy.zeros(2), 1.0)
    with pytest.raises(type_check.InvalidType, match='Clip[\\s\\S]*dtype.kind == f'):
        F.clip(numpy.arange(3), 0, 1)


# -- cumulative, products, logsumexp ---------------------------------------------------------------

@pytest.mark.parametrize('name', ['cumsum', 'cumprod'])
@pytest.mark.parametrize('axis', [None, 0, 1, -1])
def test_cumulative(name, axis):
    rng = numpy.random.RandomState(7)
    x = rng.uniform(0.5, 1.5, (2, 3, 4)) * rng.choice([-1, 1], (2, 3, 4))
    f = getattr(F, name)
    y = f(x, axis=axis)
    numpy.testing.assert_allclose(y.array, getattr(numpy, name)(x, axis=axis), rtol=1e-13)
    _check_grads(lambda x: f(x, axis=axis), x, rng)


def test_cumprod_with_zeros():
    rng = numpy.random.RandomState(8)
    x = rng.uniform(0.5, 1.5, (3, 5))
    x[0, 1] = 0.0
    x[1, 2:4] = 0.0
    y = chainlite.Variable(x)
    F.sum(F.cumprod(y, axis=1)).backward()
    # d/dx_i sum_j prod_{k<=j} x_k, written out per element
    expected = numpy.zeros_like(x)
    for r in range(3):
        for i in range(5):
            for j in range(i, 5):
                expected[r, i] += numpy.prod(numpy.delete(x[r, :j + 1], i))
    numpy.testing.assert_allclose(y.grad, expected, rtol=1e-13)
    _check_grads(lambda x: F.cumprod(x, axis=1), x, rng)


def test_cumulative_bad_input():
    with pytest.raises(TypeError, match='axis'):
        F.cumsum(numpy.ones((2, 3)), axis=(0,))
    with pytest.raises(type_check.InvalidType, match=r'Cumsum[\s\S]*axis = 3, x.shape = \(2, 3\)'):
        F.cumsum(numpy.ones((2, 3)), axis=3)
    with pytest.raises(type_check.InvalidType, match='Cumprod[\\s\\S]*dtype.kind == f'):
        F.cumprod(numpy.arange(3))


@pytest.mark.parametrize('axis', AXES)
@pytest.mark.parametrize('keepdims', KEEPDIMS)
def test_prod(axis, keepdims):
    rng = numpy.random.RandomState(9)
    x = rng.uniform(0.5, 1.5, (2, 3, 4)) * rng.choice([-1, 1], (2, 3, 4))
    y = F.prod(x, axis=axis, keepdims=keepdims)
    numpy.testing.assert_allclose(y.array, numpy.prod(x, axis=axis, keepdims=keepdims),
                                  rtol=1e-13)
    _check_grads(lambda x: F.prod(x, axis=axis, keepdims=keepdims), x, rng)


def test_prod_with_zeros():
    x = chainlite.Variable(numpy.array([[1.0, 0.0, 3.0], [0.0, 0.0, 2.0], [2.0, 3.0, 4.0]]))
    F.sum(F.prod(x, axis=1)).backward()
    assert x.grad.tolist() == [[0.0, 3.0, 0.0], [0.0, 0.0, 0.0], [12.0, 8.0, 6.0]]
    _check_grads(lambda x: F.prod(x, axis=1), x.array, numpy.random.RandomState(10))
    assert F.prod(numpy.array(3.0)).array == 3.0
    with pytest.raises(type_check.InvalidType, match='Prod[\\s\\S]*dtype.kind == f'):
        F.prod(numpy.arange(3))


@pytest.mark.parametrize('axis', [None, 0, 1, (0, 2), -1])
def test_logsumexp(axis):
    rng = numpy.random.RandomState(11)
    x = rng.normal(size=(2, 3, 4)) * 3
    y = F.logsumexp(x, axis=axis)
    expected = numpy.log(numpy.exp(x).sum(axis=axis))
    numpy.testing.assert_allclose(y.array, expected, rtol=1e-13)
    _check_grads(lambda x: F.logsumexp(x, axis=axis), x, rng)


def test_logsumexp_is_stable():
    y = F.logsumexp(numpy.array([[1000.0, 1000.0], [-1000.0, -numpy.inf]]), axis=1)
    numpy.testing.assert_allclose(y.array, [1000.0 + numpy.log(2.0), -1000.0])
    assert F.logsumexp(numpy.array([-numpy.inf, -numpy.inf])).array == -numpy.inf
    y = F.logsumexp(numpy.array([1.0, 2.0], numpy.float16))
    assert y.dtype == numpy.float16
    with pytest.raises(type_check.InvalidType, match='LogSumExp[\\s\\S]*dtype.kind == f'):
        F.logsumexp(numpy.arange(3))


# -- bias, scale -------------------------------------------------------------------------------

@pytest.mark.parametrize('name, op', [('bias', numpy.add), ('scale', numpy.multiply)])
@pytest.mark.parametrize('y_shape, axis', [((3,), 1), ((4,), 2), ((3, 4), 1), ((2,), 0),
                                           ((2, 3, 4), 0)])
def test_bias_scale(name, op, y_shape, axis):
    rng = numpy.random.RandomState(12)
    x = rng.normal(size=(2, 3, 4))
    y = rng.normal(size=y_shape)
    f = getattr(F, name)
    expected = op(x, y.reshape((1,) * axis + y_shape + (1,) * (3 - axis - len(y_shape))))
    numpy.testing.assert_allclose(f(x, y, axis=axis).array, expected, rtol=1e-13)
    _check_grads(lambda x, y: f(x, y, axis=axis), (x, y), rng)


@pytest.mark.parametrize('name', ['bias', 'scale'])
def test_bias_scale_bad_input(name):
    f = getattr(F, name)
    with pytest.raises(ValueError, match=r'%s[\s\S]*x.shape = \(2, 3, 4\), y.shape = \(4,\)'
                       % name):
        f(numpy.ones((2, 3, 4)), numpy.ones(4))
    with pytest.raises(ValueError, match='axis = -1'):
        f(numpy.ones((2, 3, 4)), numpy.ones(4), axis=-1)


# -- tensordot, einsum ---------------------------------------------------------------------------

TENSORDOT = [((2, 3, 4), (3, 4, 5), 2), ((2, 3, 4), (4, 3, 5), ([1, 2], [1, 0])),
             ((2, 3), (4,), 0), ((2, 3), (3, 4), (1, 0)), ((3,), (3,), 1),
             ((2, 3, 4), (5, 2), ([0], [1]))]


@pytest.mark.parametrize('a_shape, b_shape, axes', TENSORDOT)
def test_tensordot(a_shape, b_shape, axes):
    rng = numpy.random.RandomState(13)
    a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
    y = F.tensordot(a, b, axes=axes)
    numpy.testing.assert_allclose(y.array, numpy.tensordot(a, b, axes=axes), rtol=1e-12)
    _check_grads(lambda a, b: F.tensordot(a, b, axes=axes), (a, b), rng)


def test_tensordot_bad_input():
    with pytest.raises(type_check.InvalidType,
                       match=r'tensordot[\s\S]*a.shape = \(2, 3\), b.shape = \(4, 4\)'):
        F.tensordot(numpy.ones((2, 3)), numpy.ones((4, 4)), axes=1)
    with pytest.raises(type_check.InvalidType, match='dtype'):
        F.tensordot(numpy.ones((2, 3)), numpy.ones((3, 4), numpy.float32), axes=1)
    with pytest.raises(ValueError, match='axes'):
        F.tensordot(numpy.ones((2, 3)), numpy.ones((3, 4)), axes=([0, 1], [0]))
    with pytest.raises(ValueError, match='axes'):
        F.tensordot(numpy.ones((2, 3)), numpy.ones((3, 4)), axes=3)


EINSUM = [
    ('ij,jk->ik', [(2, 3), (3, 4)]),
    ('ij,jk', [(2, 3), (3, 4)]),
    ('ij,jk,kl->il', [(2, 3), (3, 4), (4, 2)]),
    ('...ij,...jk->...ik', [(2, 2, 3), (2, 3, 4)]),
    ('...ij,jk->...ik', [(2, 2, 3), (3, 4)]),
    ('ij->ji', [(2, 3)]),
    ('ij->', [(2, 3)]),
    ('ii->i', [(3, 3)]),
    ('ii', [(3, 3)]),
    ('iij->j', [(2, 2, 3)]),
    ('i,j->ij', [(2,), (3,)]),
    ('ij,ij->i', [(2, 3), (2, 3)]),
    ('bij,bjk->bik', [(2, 1, 3), (2, 3, 2)]),
    ('ij,j->ij', [(2, 3), (1,)]),
    ('i j -> j i', [(2, 3)]),
]


@pytest.mark.parametrize('subscripts, shapes', EINSUM)
def test_einsum(subscripts, shapes):
    rng = numpy.random.RandomState(14)
    xs = tuple(rng.normal(size=s) for s in shapes)
    y = F.einsum(subscripts, *xs)
    numpy.testing.assert_allclose(y.array, numpy.einsum(subscripts.replace(' ', ''), *xs),
                                  rtol=1e-12, atol=1e-14)
    _check_grads(lambda *xs: F.einsum(subscripts, *xs), xs, rng)


def test_einsum_trace_gradient():
    x = chainlite.Variable(numpy.ones((3, 3)))
    F.einsum('ii', x).backward()
    numpy.testing.assert_array_equal(x.grad, numpy.eye(3))


def test_einsum_bad_input():
    with pytest.raises(type_check.InvalidType, match=r"EinSum[\s\S]*'j'[\s\S]*3 != 4"):
        F.einsum('ij,jk->ik', numpy.ones((2, 3)), numpy.ones((4, 4)))
    with pytest.raises(ValueError, match='2 operands but 1'):
        F.einsum('ij,jk->ik', numpy.ones((2, 3)))
    with pytest.raises(ValueError, match='more than once'):
        F.einsum('ij->ii', numpy.ones((3, 3)))
    with pytest.raises(ValueError, match=r"'ijk'.*shape \(2, 3\)"):
        F.einsum('ijk->i', numpy.ones((2, 3)))
    with pytest.raises(type_check.InvalidType, match='dtype'):
        F.einsum('ij,jk->ik', numpy.ones((2, 3)), numpy.ones((3, 4), numpy.float32))


# -- determinants and inverses -------------------------------------------------------------------

def _well_conditioned(shape, rng):
    n = shape[-1]
    return rng.uniform(-1, 1, shape) + numpy.eye(n) * n


@pytest.mark.parametrize('n', [1, 3])
def test_det_inv(n):
    rng = numpy.random.RandomState(15)
    a = _well_conditioned((n, n), rng)
    numpy.testing.assert_allclose(F.det(a).array, numpy.linalg.det(a), rtol=1e-12)
    assert F.det(a).shape == ()
    numpy.testing.assert_allclose(F.inv(a).array, numpy.linalg.inv(a), rtol=1e-12)
    _check_grads(F.det, a, rng)
    _check_grads(F.inv, a, rng)


def test_batch_det_inv():
    rng = numpy.random.RandomState(16)
    a = _well_conditioned((2, 3, 3), rng)
    numpy.testing.assert_allclose(F.batch_det(a).array, numpy.linalg.det(a), rtol=1e-12)
    numpy.testing.assert_allclose(F.batch_inv(a).array, numpy.linalg.inv(a), rtol=1e-12)
    _check_grads(F.batch_det, a, rng)
    _check_grads(F.batch_inv, a, rng)


def test_det_inv_low_precision():
    a = _well_conditioned((3, 3), numpy.random.RandomState(17))
    for dtype, rtol in ((numpy.float16, 5e-3), (numpy.float32, 1e-5)):
        d, i = F.det(a.astype(dtype)), F.inv(a.astype(dtype))
        assert d.dtype == dtype and i.dtype == dtype
        a_low = a.astype(dtype).astype(numpy.float64)
        numpy.testing.assert_allclose(d.array, numpy.linalg.det(a_low), rtol=rtol)
        numpy.testing.assert_allclose(i.array, numpy.linalg.inv(a_low), rtol=rtol, atol=rtol)


def test_det_inv_bad_input():
    with pytest.raises(type_check.InvalidType, match=r'det[\s\S]*3 != 2 \(a.shape = \(2, 3\)\)'):
        F.det(numpy.ones((2, 3)))
    with pytest.raises(type_check.InvalidType, match=r'det[\s\S]*a.ndim == 2'):
        F.det(numpy.ones((2, 2, 2)))
    with pytest.raises(type_check.InvalidType, match=r'det[\s\S]*a.ndim == 3'):
        F.batch_det(numpy.ones((2, 2)))
    with pytest.raises(type_check.InvalidType, match=r'Inv[\s\S]*a.ndim == 2'):
        F.inv(numpy.ones((2, 2, 2)))
    with pytest.raises(type_check.InvalidType, match=r'BatchInv[\s\S]*a.ndim == 3'):
        F.batch_inv(numpy.eye(2))
    with pytest.raises(ValueError,
                       match=r'Inv: input has singular matrices \(a.shape = \(2, 2\)\)'):
        F.inv(numpy.array([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(ValueError, match='singular'):
        F.batch_inv(numpy.array([[[1.0, 2.0], [2.0, 4.0]]]))
    assert F.det(numpy.array([[1.0, 2.0], [2.0, 4.0]])).array == 0.0
    with pytest.raises(type_check.InvalidType, match='dtype.kind == f'):
        F.inv(numpy.eye(2, dtype=int))


def test_cholesky():
    rng = numpy.random.RandomState(18)
    m = rng.normal(size=(3, 3))
    a = m @ m.T + numpy.eye(3)
    y = F.cholesky(a)
    numpy.testing.assert_allclose(y.array, numpy.linalg.cholesky(a), rtol=1e-12)

    def f(m):  # a symmetric input, so the symmetric gradient is the true one
        return F.cholesky(F.matmul(m, m, transb=True) + numpy.eye(3))
    _check_grads(f, m, rng)
    with pytest.raises(numpy.linalg.LinAlgError, match=r'cholesky[\s\S]*\(2, 2\)'):
        F.cholesky(numpy.array([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(type_check.InvalidType, match='cholesky[\\s\\S]*a.ndim == 2'):
        F.cholesky(numpy.ones((2, 2, 2)))


@pytest.mark.parametrize('name, ref', [('fft', numpy.fft.fft), ('ifft', numpy.fft.ifft)])
def test_fft(name, ref):
    rng = numpy.random.RandomState(19)
    re, im = rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    yr, yi = getattr(F, name)((re, im))
    expected = ref(re + 1j * im)
    numpy.testing.assert_allclose(yr.array, expected.real, rtol=1e-12, atol=1e-14)
    numpy.testing.assert_allclose(yi.array, expected.imag, rtol=1e-12, atol=1e-14)
    assert getattr(F, name)((re.astype(numpy.float32), im.astype(numpy.float32)))[0].dtype == \
        numpy.float32
    _check_grads(lambda a, b: getattr(F, name)((a, b)), (re, im), rng)
    with pytest.raises(type_check.InvalidType, match=r'FFT[\s\S]*\(2, 5\) != \(5,\)'):
        getattr(F, name)((re, im[0]))


def test_linear_interpolate():
    rng = numpy.random.RandomState(20)
    p, x, y = rng.uniform(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    numpy.testing.assert_allclose(F.linear_interpolate(p, x, y).array, p * x + (1 - p) * y)
    _check_grads(F.linear_interpolate, (p, x, y), rng)
    with pytest.raises(type_check.InvalidType, match=r'LinearInterpolate[\s\S]*\(1,\) != \(2,\)'):
        F.linear_interpolate(numpy.ones(1), numpy.ones(2), numpy.ones(2))


def test_batch_l2_norm_squared():
    rng = numpy.random.RandomState(21)
    x = rng.normal(size=(2, 3, 2))
    numpy.testing.assert_allclose(F.batch_l2_norm_squared(x).array, (x ** 2).sum(axis=(1, 2)))
    _check_grads(F.batch_l2_norm_squared, x, rng)
    with pytest.raises(type_check.InvalidType, match=r'BatchL2NormSquared[\s\S]*x.shape = \(3,\)'):
        F.batch_l2_norm_squared(numpy.ones(3))


# -- sparse_matmul ------------------------------------------------------------------------------

def _sparse(shape, rng, ldnz=None):
    from chainlite.functions.math.sparse_matmul import to_coo
    x = rng.normal(size=shape) * (rng.uniform(size=shape) < 0.5)
    return x, to_coo(x, ldnz=ldnz)


@pytest.mark.parametrize('transa', [False, True])
@pytest.mark.parametrize('transb', [False, True])
@pytest.mark.parametrize('sparse_side', ['a', 'b'])
@pytest.mark.parametrize('batch', [None, 2])
def test_sparse_matmul(transa, transb, sparse_side, batch):
    from chainlite.functions.math.sparse_matmul import CooMatrix
    rng = numpy.random.RandomState(22)
    lead = () if batch is None else (batch,)
    a_shape = lead + ((4, 3) if transa else (3, 4))
    b_shape = lead + ((2, 4) if transb else (4, 2))
    if sparse_side == 'a':
        dense_s, sp = _sparse(a_shape, rng, ldnz=9)
        other = rng.normal(size=b_shape)
    else:
        dense_s, sp = _sparse(b_shape, rng, ldnz=7)
        other = rng.normal(size=a_shape)
    mats = (dense_s, other) if sparse_side == 'a' else (other, dense_s)

    def op(x, t):
        return numpy.swapaxes(x, -1, -2) if t else x
    expected = op(mats[0], transa) @ op(mats[1], transb)

    def f(data, other):
        s = CooMatrix(data, sp.row, sp.col, sp.shape)
        args = (s, other) if sparse_side == 'a' else (other, s)
        return F.sparse_matmul(*args, transa=transa, transb=transb)
    numpy.testing.assert_allclose(f(sp.data.array, other).array, expected, rtol=1e-12, atol=1e-14)
    _check_grads(f, (sp.data.array, other), rng)


def test_sparse_matmul_coo_and_errors():
    from chainlite.functions.math.sparse_matmul import CooMatrix, to_coo
    x = numpy.array([[0.0, 2.0, 0.0], [3.0, 0.0, 4.0]])
    sp = to_coo(x, ldnz=5)
    assert sp.data.array.tolist() == [2.0, 3.0, 4.0, 0.0, 0.0]
    assert sp.row.tolist() == [0, 1, 1, -1, -1] and sp.col.tolist() == [1, 0, 2, -1, -1]
    numpy.testing.assert_array_equal(sp.to_dense(), x)
    batch = numpy.stack([x, 2 * x, numpy.eye(2, 3)])
    numpy.testing.assert_array_equal(to_coo(batch).to_dense(), batch)
    assert to_coo(x, requires_grad=True).data.requires_grad
    with pytest.raises(type_check.InvalidType, match=r'sparse_matmul[\s\S]*\(2, 2\)'):
        F.sparse_matmul(sp, numpy.ones((2, 2)))
    with pytest.raises(type_check.InvalidType, match='dtype'):
        F.sparse_matmul(sp, numpy.ones((3, 2), numpy.float32))
    with pytest.raises(ValueError, match='exactly one'):
        F.sparse_matmul(x, x.T)
    with pytest.raises(ValueError, match='row and col'):
        CooMatrix(numpy.ones(2), numpy.zeros(2, 'i'), numpy.zeros(1, 'i'), (2, 2))
    with pytest.raises(ValueError, match='ldnz'):
        to_coo(x, ldnz=2)


LOW_PRECISION = {
    'max': (lambda x: F.max(x, axis=1), lambda x: x.max(axis=1)),
    'min': (lambda x: F.min(x, axis=1), lambda x: x.min(axis=1)),
    'logsumexp': (lambda x: F.logsumexp(x, axis=1), lambda x: numpy.log(numpy.exp(x).sum(1))),
    'cumsum': (lambda x: F.cumsum(x, axis=1), lambda x: x.cumsum(axis=1)),
    'prod': (lambda x: F.prod(x, axis=1), lambda x: x.prod(axis=1)),
    'clip': (lambda x: F.clip(x, 0.8, 1.2), lambda x: numpy.clip(x, 0.8, 1.2)),
    'einsum': (lambda x: F.einsum('ij,kj->ik', x, x), lambda x: x @ x.T),
    'tensordot': (lambda x: F.tensordot(x, x, axes=([1], [1])), lambda x: x @ x.T),
    'bias': (lambda x: F.bias(x, x[0]), lambda x: x + x[0]),
}


@pytest.mark.parametrize('name', sorted(LOW_PRECISION))
@pytest.mark.parametrize('dtype, rtol', [(numpy.float16, 5e-3), (numpy.float32, 1e-6)])
def test_low_precision_forward(name, dtype, rtol):
    f, ref = LOW_PRECISION[name]
    x = numpy.random.RandomState(23).uniform(0.5, 1.5, (4, 6)).astype(dtype)
    y = f(x)
    assert y.dtype == dtype
    numpy.testing.assert_allclose(y.array.astype(numpy.float64), ref(x.astype(numpy.float64)),
                                  rtol=rtol, atol=rtol)
