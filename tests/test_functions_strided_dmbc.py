"""as_strided and discriminative_margin_based_clustering_loss.

Values and gradients are compared with Chainer 7.8.1's (the calls are CASES in
tools/goldens/functions_strided_dmbc.py, the records tests/data/functions_strided_dmbc.npz);
gradients are also checked numerically in float64.
"""
import types

import numpy
import pytest

import chainlite
from chainlite import backend
from chainlite.functions.array.as_strided import as_strided
from chainlite.functions.loss.discriminative_loss import (
    discriminative_margin_based_clustering_loss as dmbc)
from chainlite.gradient_check import check_backward, check_double_backward

import golden_scripts

goldens = golden_scripts.script('functions_strided_dmbc')
DATA = golden_scripts.data('functions_strided_dmbc')
# the two functions under the names the golden calls use (F.<name>)
F = types.SimpleNamespace(as_strided=as_strided,
                          discriminative_margin_based_clustering_loss=dmbc)


def _call(name, i):
    case = goldens.CASES[name]
    v = {k: chainlite.Variable(DATA['in/%s/%s' % (name, k)]) if k in case['diff']
         else DATA['in/%s/%s' % (name, k)] for k in case['inputs']}
    x, = [v[k] for k in case['diff']]
    return x, case['call'](F, v)[i]


def _n_outputs(name):
    return len([k for k in DATA.files if k.startswith('out/%s/' % name)])


@pytest.mark.parametrize('name', sorted(goldens.CASES))
def test_values_and_gradients_match_chainer(name):
    for i in range(_n_outputs(name)):
        x, y = _call(name, i)
        assert y.dtype == numpy.float64
        numpy.testing.assert_allclose(y.array, DATA['out/%s/%d' % (name, i)],
                                      rtol=1e-12, atol=1e-14)
        if y.size != 1:
            y.grad = DATA['gy/' + name]
        y.backward()
        key = 'grad/%s/%d' % (name, i)
        if key in DATA.files:
            numpy.testing.assert_allclose(x.grad, DATA[key], rtol=1e-12, atol=1e-14)
        else:  # Chainer's gradient is NaN here (sqrt at 0 in its L2 norm); ours is finite
            assert name.endswith('norm2')
            assert numpy.isfinite(x.grad).all()


def test_every_case_has_a_golden():
    assert _n_outputs('as_strided/overlap') == 1
    for name in goldens.CASES:
        assert _n_outputs(name) == (1 if name.startswith('as_strided/') else 3), name


# ---- as_strided

def test_as_strided_counts_strides_and_offset_in_elements():
    x = numpy.arange(12, dtype=numpy.float32)
    y = as_strided(x, (2, 3), (4, 2), 1)
    numpy.testing.assert_array_equal(y.array, [[1, 3, 5], [5, 7, 9]])
    assert y.dtype == numpy.float32
    numpy.testing.assert_array_equal(as_strided(x, (2,), (3,)).array, [0, 3])  # offset 0


def test_as_strided_is_a_view_of_contiguous_input():
    x = numpy.arange(6.0)
    y = as_strided(x, (3, 2), (1, 1))
    assert numpy.shares_memory(y.array, x)


def test_as_strided_views_a_noncontiguous_input_in_c_order():
    # deliberate deviation: Chainer reads the memory buffer (here x.T's, giving [0, 1, 2])
    x = numpy.arange(12.0).reshape(3, 4).T
    numpy.testing.assert_array_equal(as_strided(x, (3,), (1,)).array, x.ravel()[:3])


def test_as_strided_gradients_of_overlapping_elements_accumulate():
    # every x[i] appears once per window that covers it; a scatter that assigned instead
    # of adding would give 1 everywhere
    x = chainlite.Variable(numpy.arange(7.0))
    y = as_strided(x, (3, 3), (2, 1))  # windows [0:3], [2:5], [4:7]
    y.grad = numpy.ones((3, 3))
    y.backward()
    numpy.testing.assert_array_equal(x.grad, [1, 1, 2, 1, 2, 1, 1])


def test_as_strided_zero_stride_sums_the_gradient():
    x = chainlite.Variable(numpy.arange(3.0))
    y = as_strided(x, (4, 3), (0, 1))
    gy = numpy.arange(12.0).reshape(4, 3)
    y.grad = gy
    y.backward()
    numpy.testing.assert_array_equal(x.grad, gy.sum(axis=0))


@pytest.mark.parametrize('shape, strides, offset', [
    ((3, 2), (1, 1), 0), ((4, 3), (0, 1), 2), ((3,), (-2,), 5), ((2, 2, 2), (3, 1, 2), 0),
    ((), (), 4)])
def test_as_strided_check_backward(rng, shape, strides, offset):
    def f(x):
        return as_strided(x, shape, strides, offset)
    x = rng.randn(2, 4)
    gy = numpy.asarray(rng.randn(*shape))
    check_backward(f, x, gy, dtype=numpy.float64, atol=1e-8, rtol=1e-8)
    check_double_backward(f, x, gy, rng.randn(2, 4), dtype=numpy.float64, atol=1e-8, rtol=1e-8)


def test_as_strided_empty_view_has_zero_gradient():
    x = chainlite.Variable(numpy.ones(4))
    y = as_strided(x, (0, 3), (1, 1))
    assert y.shape == (0, 3)
    y.grad = numpy.zeros((0, 3))
    y.backward()
    numpy.testing.assert_array_equal(x.grad, numpy.zeros(4))


@pytest.mark.parametrize('args, error, words', [
    (((3,), (5,), 0), ValueError, ['as_strided', '(3,)', '(5,)', '0 to 10', '10 elements']),
    (((3,), (-1,), 0), ValueError, ['as_strided', '-2 to 0']),
    (((2,), (1,), -1), ValueError, ['as_strided', 'storage_offset -1']),
    (((3, 2), (1,), 0), ValueError, ['as_strided', '(1,)', '(3, 2)']),
    (((3, -2), (1, 1), 0), ValueError, ['as_strided', '(3, -2)']),
    (((3,), (1.5,), 0), TypeError, ['as_strided', 'strides', '1.5']),
    ((3, (1,), 0), TypeError, ['as_strided', 'shape', '3']),
    (((3,), (1,), 1.0), TypeError, ['as_strided', 'storage_offset', '1.0']),
])
def test_as_strided_rejects_bad_arguments(args, error, words):
    with pytest.raises(error) as info:
        as_strided(numpy.zeros(10), *args)
    for w in words:
        assert w in str(info.value)


# ---- discriminative_margin_based_clustering_loss

def _reference(emb, labels, delta_v, delta_d, norm, alpha=1.0, beta=1.0, gamma=0.001):
    """A loop over samples and instances, written from the formula in the docstring."""
    n_batch, k = emb.shape[:2]
    x = emb.reshape(n_batch, k, -1)
    lab = labels.reshape(n_batch, -1)
    means = numpy.zeros((k, n_batch, k))
    pull = numpy.zeros(k)
    total = numpy.zeros(k)
    for c in range(k):
        for b in range(n_batch):
            pixels = x[b][:, lab[b] == c + 1]
            if pixels.shape[1]:
                means[c, b] = pixels.mean(axis=1)
            d = numpy.linalg.norm(pixels - means[c, b][:, None], ord=norm, axis=0)
            pull[c] += (numpy.maximum(d - delta_v, 0) ** 2).sum()
            total[c] += pixels.shape[1]
    push = 0.0
    for b in range(n_batch):
        for i in range(k):
            for j in range(k):
                if i != j:
                    d = numpy.linalg.norm(means[i, b] - means[j, b], ord=norm)
                    push += max(2 * delta_d - d, 0) ** 2
    variance = (pull / numpy.maximum(total, 1)).sum() / k
    distance = push / (n_batch * k * (k - 1)) if k > 1 else 0.0
    reg = sum(numpy.linalg.norm(means[c].ravel(), ord=norm) for c in range(k)) / (k * n_batch)
    return alpha * variance, beta * distance, gamma * reg


def _inputs(rng, n_batch, k, h=3, w=4):
    return rng.randn(n_batch, k, h, w), rng.randint(0, k + 2, (n_batch, h, w))


@pytest.mark.parametrize('n_batch, k', [(2, 3), (4, 2), (3, 1), (1, 4)])
@pytest.mark.parametrize('norm', [1, 2])
def test_dmbc_matches_the_formula(rng, n_batch, k, norm):
    # batch sizes other than 1 and K, which Chainer cannot take, follow the same formula
    emb, labels = _inputs(rng, n_batch, k)
    got = dmbc(emb, labels, 0.4, 1.1, k, norm, 0.5, 2.0, 0.1)
    expected = _reference(emb, labels, 0.4, 1.1, norm, 0.5, 2.0, 0.1)
    for g, e in zip(got, expected):
        assert isinstance(g, chainlite.Variable) and g.shape == ()
        numpy.testing.assert_allclose(g.array, e, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize('n_batch, k', [(1, 2), (2, 3), (3, 1)])
@pytest.mark.parametrize('norm', [1, 2])
@pytest.mark.parametrize('term', [0, 1, 2])
def test_dmbc_check_backward(rng, n_batch, k, norm, term):
    emb, labels = _inputs(rng, n_batch, k)
    labels[0, 0, :2] = 1  # a two-pixel instance ...
    labels[0, 1, 0] = 2 if k > 1 else 0  # ... and (where K > 1) a one-pixel one

    def f(x):
        return dmbc(x, labels, 0.2, 1.5, k, norm)[term]
    check_backward(f, emb, None, dtype=numpy.float64, atol=1e-7, rtol=1e-6)
    if norm == 2:
        check_double_backward(f, emb, None, rng.randn(*emb.shape), dtype=numpy.float64,
                              atol=1e-6, rtol=1e-5)


def test_dmbc_l2_gradient_is_finite_with_empty_instances():
    emb = chainlite.Variable(numpy.random.RandomState(1).randn(2, 3, 2, 2))
    labels = numpy.zeros((2, 2, 2), numpy.int32)
    labels[0, 0] = 1  # instances 2 and 3 are absent: their means are 0 and coincide
    loss = sum(dmbc(emb, labels, 0.1, 1.0, 3, norm=2), 0)
    loss.backward()
    assert numpy.isfinite(emb.grad).all()


def test_dmbc_keeps_float32_and_takes_labels_as_variable():
    emb = numpy.random.RandomState(2).randn(1, 2, 3, 3).astype(numpy.float32)
    labels = numpy.random.RandomState(3).randint(0, 3, (1, 3, 3))
    a = dmbc(emb, labels, 0.1, 1.0, 2)
    b = dmbc(emb, chainlite.Variable(labels), 0.1, 1.0, 2)
    for s, t in zip(a, b):
        assert s.dtype == numpy.float32
        assert float(s.array) == float(t.array)


@pytest.mark.parametrize('kwargs, error, words', [
    (dict(norm=3), ValueError, ['discriminative_margin_based_clustering_loss', 'norm', '3']),
    (dict(max_embedding_dim=3), ValueError, ['max_embedding_dim 3', 'embedding size 2']),
    (dict(labels=numpy.zeros((1, 3, 3), numpy.int32)), ValueError,
     ['labels', '(1, 3, 4)', '(1, 3, 3)']),
    (dict(embeddings=numpy.zeros((2, 3, 4))), ValueError, ['embeddings', '(2, 3, 4)']),
    (dict(embeddings=numpy.zeros((1, 2, 3, 4), numpy.int32)), TypeError,
     ['embeddings', 'int32']),
])
def test_dmbc_rejects_bad_arguments(kwargs, error, words):
    args = dict(embeddings=numpy.zeros((1, 2, 3, 4)), labels=numpy.zeros((1, 3, 4), numpy.int32),
                delta_v=0.1, delta_d=1.0, max_embedding_dim=2)
    args.update(kwargs)
    with pytest.raises(error) as info:
        dmbc(**args)
    assert 'discriminative_margin_based_clustering_loss' in str(info.value)
    for w in words:
        assert w in str(info.value)


@pytest.mark.gpu
def test_both_run_on_cupy():
    cupy = backend.cupy
    rng = numpy.random.RandomState(4)
    x = rng.randn(10)
    for xp_x in (x, cupy.asarray(x)):
        v = chainlite.Variable(xp_x)
        y = as_strided(v, (4, 3), (2, 1), 1)
        y.grad = backend.get_array_module(xp_x).ones((4, 3))
        y.backward()
        if xp_x is x:
            expected = (y.array, v.grad)
        else:
            numpy.testing.assert_allclose(cupy.asnumpy(y.array), expected[0])
            numpy.testing.assert_allclose(cupy.asnumpy(v.grad), expected[1])
    emb, labels = _inputs(rng, 2, 2)
    cpu = dmbc(emb, labels, 0.2, 1.0, 2, 2)
    gpu = dmbc(cupy.asarray(emb), cupy.asarray(labels), 0.2, 1.0, 2, 2)
    for c, g in zip(cpu, gpu):
        numpy.testing.assert_allclose(cupy.asnumpy(g.array), c.array, rtol=1e-12)
