"""chainlite.functions attention and one-hot helpers: NumPy references, gradients, errors."""
import math

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check


def _softmax(x):
    e = numpy.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sdpa_ref(q, k, v, mask=None):
    s = q @ numpy.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])
    if mask is not None and mask.dtype == bool:
        s = numpy.where(mask, s, -numpy.inf)
        with numpy.errstate(invalid='ignore'):
            w = numpy.nan_to_num(_softmax(s))   # rows with no key: zero weights
    else:
        w = _softmax(s if mask is None else s + mask)
    return w @ v, w


def test_every_attention_name_is_covered():
    from chainlite.functions import attention
    gradient_tests = {'scaled_dot_product_attention': test_sdpa_gradients,
                      'multi_head_attention': test_mha_gradients}
    arrays_only = {'onehot_encode', 'onehot_decode'}   # data helpers returning arrays
    assert set(attention.__all__) == set(gradient_tests) | arrays_only


SDPA_SHAPES = [((3, 4), (5, 4), (5, 2)), ((2, 3, 4), (2, 5, 4), (2, 5, 6)),
               ((2, 2, 1, 3), (2, 2, 4, 3), (2, 2, 4, 3))]


def _qkv(shapes, rng):
    return tuple(rng.normal(size=s) for s in shapes)


def _causal(lq, lk):
    return numpy.tril(numpy.ones((lq, lk), bool))


@pytest.mark.parametrize('shapes', SDPA_SHAPES)
@pytest.mark.parametrize('mask_kind', [None, 'bool', 'float'])
def test_sdpa_forward(shapes, mask_kind, rng):
    q, k, v = _qkv(shapes, rng)
    lq, lk = q.shape[-2], k.shape[-2]
    mask = {None: None, 'bool': _causal(lq, lk), 'float': rng.normal(size=(lq, lk))}[mask_kind]
    y, w = F.scaled_dot_product_attention(q, k, v, mask, return_weights=True)
    y_ref, w_ref = _sdpa_ref(q, k, v, mask)
    numpy.testing.assert_allclose(y.array, y_ref, rtol=1e-12, atol=1e-12)
    numpy.testing.assert_allclose(w.array, w_ref, rtol=1e-12, atol=1e-12)


def test_sdpa_row_without_keys_gives_zero(rng):
    q, k, v = _qkv(((3, 4), (5, 4), (5, 2)), rng)
    mask = numpy.ones((3, 5), bool)
    mask[1] = False
    y = F.scaled_dot_product_attention(q, k, v, mask)
    numpy.testing.assert_array_equal(y.array[1], 0)
    numpy.testing.assert_allclose(y.array[[0, 2]], _sdpa_ref(q, k, v)[0][[0, 2]], rtol=1e-12)
    as_variable = F.scaled_dot_product_attention(q, k, v, chainlite.Variable(mask))
    numpy.testing.assert_array_equal(as_variable.array, y.array)


@pytest.mark.parametrize('dtype, tol', [(numpy.float16, 5e-3), (numpy.float32, 1e-6)])
def test_sdpa_low_precision(dtype, tol, rng):
    q, k, v = _qkv(SDPA_SHAPES[1], rng)
    mask = _causal(3, 5)
    y = F.scaled_dot_product_attention(q.astype(dtype), k.astype(dtype), v.astype(dtype), mask)
    assert y.dtype == dtype
    ref = _sdpa_ref(*(a.astype(dtype).astype(numpy.float64) for a in (q, k, v)), mask)[0]
    numpy.testing.assert_allclose(y.array, ref, rtol=tol, atol=tol)


@pytest.mark.parametrize('shapes', SDPA_SHAPES)
@pytest.mark.parametrize('masked', [False, True])
def test_sdpa_gradients(shapes, masked, rng):
    qkv = _qkv(shapes, rng)
    mask = _causal(shapes[0][-2], shapes[1][-2]) if masked else None

    def func(q, k, v):
        return F.scaled_dot_product_attention(q, k, v, mask)
    gy = rng.normal(size=func(*qkv).shape)
    gradient_check.check_backward(func, qkv, gy, dtype=numpy.float64, atol=1e-6, rtol=1e-5)
    ggx = tuple(rng.normal(size=a.shape) for a in qkv)
    gradient_check.check_double_backward(func, qkv, gy, ggx, dtype=numpy.float64)


def test_sdpa_dropout_follows_train_mode(rng):
    q, k, v = _qkv(SDPA_SHAPES[1], rng)
    numpy.random.seed(5)
    y = F.scaled_dot_product_attention(q, k, v, dropout_ratio=0.25)
    numpy.random.seed(5)
    _, w = _sdpa_ref(q, k, v)
    keep = numpy.random.rand(*w.shape) >= 0.25
    numpy.testing.assert_allclose(y.array, (w * keep / 0.75) @ v, rtol=1e-12)
    with chainlite.using_config('train', False):
        y = F.scaled_dot_product_attention(q, k, v, dropout_ratio=0.25)
    numpy.testing.assert_allclose(y.array, _sdpa_ref(q, k, v)[0], rtol=1e-12)


def test_sdpa_errors():
    q, k, v = numpy.zeros((2, 3, 4)), numpy.zeros((2, 5, 4)), numpy.zeros((2, 5, 6))
    with pytest.raises(ValueError, match=r'scaled_dot_product_attention.*k.shape = \(2, 5, 3\)'):
        F.scaled_dot_product_attention(q, numpy.zeros((2, 5, 3)), v)
    with pytest.raises(ValueError, match=r'v.shape = \(2, 4, 6\)'):
        F.scaled_dot_product_attention(q, k, numpy.zeros((2, 4, 6)))
    with pytest.raises(ValueError, match=r'q.shape = \(3, 3, 4\)'):
        F.scaled_dot_product_attention(numpy.zeros((3, 3, 4)), k, v)
    with pytest.raises(TypeError, match=r'k.dtype \(float32\) differs'):
        F.scaled_dot_product_attention(q, k.astype(numpy.float32), v)
    with pytest.raises(TypeError, match='floating point'):
        F.scaled_dot_product_attention(*(numpy.zeros(a.shape, int) for a in (q, k, v)))
    with pytest.raises(ValueError, match=r'mask.shape = \(3, 4\) does not broadcast.*\(2, 3, 5\)'):
        F.scaled_dot_product_attention(q, k, v, numpy.ones((3, 4), bool))
    with pytest.raises(TypeError, match='mask must be boolean'):
        F.scaled_dot_product_attention(q, k, v, numpy.ones((3, 5), int))


# multi_head_attention

def _mha_params(rng, e=6, d=4, dv=6, e_out=5):
    return dict(W_q=rng.normal(size=(d, e)), W_k=rng.normal(size=(d, e)),
                W_v=rng.normal(size=(dv, e)), W_o=rng.normal(size=(e_out, dv)),
                b_q=rng.normal(size=d), b_k=rng.normal(size=d), b_v=rng.normal(size=dv),
                b_o=rng.normal(size=e_out))


def _mha_ref(query, key, value, h, p, mask=None):
    def split(x):
        n, length, size = x.shape
        return x.reshape(n, length, h, size // h).transpose(0, 2, 1, 3)
    q = split(query @ p['W_q'].T + p['b_q'])
    k = split(key @ p['W_k'].T + p['b_k'])
    v = split(value @ p['W_v'].T + p['b_v'])
    y, w = _sdpa_ref(q, k, v, mask)
    n, _, lq, _ = y.shape
    return y.transpose(0, 2, 1, 3).reshape(n, lq, -1) @ p['W_o'].T + p['b_o'], w


@pytest.mark.parametrize('n_heads', [1, 2])
@pytest.mark.parametrize('masked', [False, True])
def test_mha_forward(n_heads, masked, rng):
    p = _mha_params(rng)
    query, key = rng.normal(size=(2, 3, 6)), rng.normal(size=(2, 4, 6))
    mask = _causal(3, 4) if masked else None
    y, w = F.multi_head_attention(query, key, key, n_heads, mask=mask, return_weights=True, **p)
    y_ref, w_ref = _mha_ref(query, key, key, n_heads, p, mask)
    assert y.shape == (2, 3, 5) and w.shape == (2, n_heads, 3, 4)
    numpy.testing.assert_allclose(y.array, y_ref, rtol=1e-10, atol=1e-12)
    numpy.testing.assert_allclose(w.array, w_ref, rtol=1e-10, atol=1e-12)


def test_mha_without_biases(rng):
    p = {k: v for k, v in _mha_params(rng).items() if k.startswith('W')}
    x = rng.normal(size=(1, 3, 6))
    zero = {'b_q': numpy.zeros(4), 'b_k': numpy.zeros(4), 'b_v': numpy.zeros(6),
            'b_o': numpy.zeros(5)}
    numpy.testing.assert_allclose(F.multi_head_attention(x, x, x, 2, **p).array,
                                  _mha_ref(x, x, x, 2, dict(p, **zero))[0], rtol=1e-10)


def test_mha_gradients(rng):
    p = _mha_params(rng, e=4, d=4, dv=2, e_out=3)
    names = sorted(p)
    query, key = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 2, 4))
    mask = numpy.array([[True, True], [True, False], [False, True]])

    def func(query, key, value, *params):
        return F.multi_head_attention(query, key, value, 2, mask=mask,
                                      **dict(zip(names, params)))
    inputs = (query, key, key.copy()) + tuple(p[n] for n in names)
    gy = rng.normal(size=(2, 3, 3))
    gradient_check.check_backward(func, inputs, gy, dtype=numpy.float64, atol=1e-6, rtol=1e-5)
    ggx = tuple(rng.normal(size=a.shape) for a in inputs)
    gradient_check.check_double_backward(func, inputs, gy, ggx, dtype=numpy.float64)


def test_mha_works_as_a_model_function(rng):
    # Parameters in a dict, gradients by chainlite.grad (MATLAB's dlfeval style).
    params = {k: chainlite.Variable(v) for k, v in _mha_params(rng).items()}
    x = rng.normal(size=(2, 3, 6))
    loss = F.sum(F.multi_head_attention(x, x, x, 2, **params) ** 2)
    grads = chainlite.grad([loss], list(params.values()))
    assert all(g is not None and g.shape == v.shape for g, v in zip(grads, params.values()))


def test_mha_errors(rng):
    p = _mha_params(rng)
    x = numpy.zeros((2, 3, 6))
    with pytest.raises(ValueError, match='projection size 4 is not divisible by n_heads = 3'):
        F.multi_head_attention(x, x, x, 3, **p)
    with pytest.raises(ValueError, match=r'W_k.shape = \(4, 5\) does not fit inputs of shape '
                                         r'\(2, 3, 6\)'):
        F.multi_head_attention(x, x, x, 2, **dict(p, W_k=numpy.zeros((4, 5))))
    with pytest.raises(ValueError, match=r'bias of W_o has shape \(4,\); expected \(5,\)'):
        F.multi_head_attention(x, x, x, 2, **dict(p, b_o=numpy.zeros(4)))
    with pytest.raises(ValueError, match=r'query must be \(N, L, E\), got shape \(3, 6\)'):
        F.multi_head_attention(x[0], x, x, 2, **p)


# one-hot helpers

@pytest.mark.parametrize('shape, axis', [((5,), 1), ((5,), -1), ((2, 4), 1), ((2, 4), -1),
                                         ((2, 4), 0), ((), 0)])
def test_onehot_round_trip(shape, axis, rng):
    t = rng.randint(0, 3, shape)
    y = F.onehot_encode(t, 3, axis=axis)
    assert y.dtype == numpy.float32
    expected = numpy.moveaxis(numpy.eye(3, dtype=numpy.float32)[t], -1, axis)
    numpy.testing.assert_array_equal(y, expected)
    numpy.testing.assert_array_equal(F.onehot_decode(y, axis=axis), t)


def test_onehot_decode_scores_and_classes(rng):
    scores = chainlite.Variable(rng.normal(size=(4, 3)))
    numpy.testing.assert_array_equal(F.onehot_decode(scores), scores.array.argmax(1))
    names = F.onehot_decode(scores, classes=['a', 'b', 'c'])
    numpy.testing.assert_array_equal(names, numpy.array(['a', 'b', 'c'])[scores.array.argmax(1)])
    assert F.onehot_encode(numpy.array([1]), 2, dtype=numpy.int32).dtype == numpy.int32


def test_onehot_errors():
    with pytest.raises(ValueError, match=r'onehot_encode: labels must lie in \[0, 3\); got '
                                         r'values in \[-1, 3\]'):
        F.onehot_encode(numpy.array([0, -1, 3]), 3)
    with pytest.raises(TypeError, match='onehot_encode: labels must be integers'):
        F.onehot_encode(numpy.array([0.0, 1.0]), 3)
    with pytest.raises(ValueError, match='onehot_encode: axis 3'):
        F.onehot_encode(numpy.array([[0]]), 3, axis=3)
    with pytest.raises(ValueError, match='onehot_decode: 2 classes given for 3 scores'):
        F.onehot_decode(numpy.zeros((1, 3)), classes=['a', 'b'])
