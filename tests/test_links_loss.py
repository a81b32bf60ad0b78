"""Loss links: WalkerAlias parity, NumPy references and gradient checks."""
import os

import numpy
import pytest

import chainlite
import chainlite.links as L
from chainlite.gradient_check import check_backward
from chainlite.utils import WalkerAlias

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'links.npz'))
R = numpy.random.RandomState(0)


def rand(*shape, dtype=numpy.float32):
    return R.standard_normal(shape).astype(dtype)


@pytest.mark.parametrize('i', [0, 1, 2])
def test_walker_alias_same_table_and_samples_as_chainer(i):
    sampler = WalkerAlias(GOLDEN['walker/probs%d' % i])
    numpy.testing.assert_array_equal(sampler.threshold, GOLDEN['walker/threshold%d' % i])
    numpy.testing.assert_array_equal(sampler.values, GOLDEN['walker/values%d' % i])
    numpy.random.seed(i)
    numpy.testing.assert_array_equal(sampler.sample((50, 3)), GOLDEN['walker/sample%d' % i])
    numpy.random.seed(i)  # sample_xp with NumPy draws the same (Chainer's API)
    numpy.testing.assert_array_equal(sampler.sample_xp(numpy, (50, 3)),
                                     GOLDEN['walker/sample%d' % i])
    assert not sampler.use_gpu


def test_walker_alias_distribution():
    sampler = WalkerAlias([1., 2., 3., 4.])
    numpy.random.seed(0)
    counts = numpy.bincount(sampler.sample(40000), minlength=4) / 40000
    numpy.testing.assert_allclose(counts, [0.1, 0.2, 0.3, 0.4], atol=0.01)


def test_negative_sampling():
    ns = L.NegativeSampling(3, [5, 1, 2, 4], 2)
    assert ns.W.shape == (4, 3) and not ns.W.array.any() and ns.sample_size == 2
    ns.W.array[...] = rand(4, 3)
    x, t = rand(3, 3), numpy.array([0, 3, 1], numpy.int32)
    numpy.random.seed(1)
    loss, samples = ns(x, t, reduce='no', return_samples=True)
    assert samples.shape == (3, 3) and (samples[:, 0] == t).all()
    W = ns.W.array.astype(numpy.float64)
    # Positive term for the label, negative terms for the drawn samples.
    score = numpy.einsum('nk,nsk->ns', x, W[samples])
    sign = numpy.array([1., -1., -1.])
    expected = numpy.log1p(numpy.exp(-sign * score)).sum(1)
    numpy.testing.assert_allclose(loss.array, expected, rtol=1e-5)
    numpy.random.seed(1)
    numpy.testing.assert_allclose(ns(x, t).array, expected.sum(), rtol=1e-5)

    def f(x):
        numpy.random.seed(1)   # the same samples for every evaluation
        return ns(x, t)
    check_backward(f, x.astype(numpy.float64), None, params=(ns.W,), dtype=numpy.float64,
                   atol=1e-4, rtol=1e-3)


def test_black_out():
    bo = L.BlackOut(3, [5, 1, 2, 4], 2)
    assert numpy.isnan(bo.W.array).all()     # as in Chainer: the user sets W
    bo.W.array[...] = rand(4, 3)
    x, t = rand(3, 3), numpy.array([0, 3, 1], numpy.int32)

    def f(x):
        numpy.random.seed(2)
        return bo(x, t)
    assert f(x).shape == ()
    check_backward(f, x.astype(numpy.float64), None, params=(bo.W,), dtype=numpy.float64,
                   atol=1e-4, rtol=1e-3)


def test_crf1d():
    crf = L.CRF1d(2)
    assert crf.cost.array.tolist() == [[0, 0], [0, 0]]
    crf.cost.array[...] = rand(2, 2)
    xs = [rand(1, 2) for _ in range(3)]
    ys = [numpy.array([1], numpy.int32), numpy.array([0], numpy.int32),
          numpy.array([1], numpy.int32)]
    # Brute force over the 8 label sequences of length 3.
    cost = crf.cost.array

    def score(path):
        return (sum(xs[i][0, p] for i, p in enumerate(path))
                + sum(cost[a, b] for a, b in zip(path, path[1:])))
    paths = [(a, b, c) for a in range(2) for b in range(2) for c in range(2)]
    log_z = numpy.log(sum(numpy.exp(score(p)) for p in paths))
    numpy.testing.assert_allclose(crf(xs, ys).array, log_z - score((1, 0, 1)), rtol=1e-5)
    best_score, best_path = crf.argmax(xs)
    best = max(paths, key=score)
    assert [int(p[0]) for p in best_path] == list(best)
    numpy.testing.assert_allclose(best_score.array, [score(best)], rtol=1e-5)
    check_backward(lambda *xs: crf(list(xs), ys), tuple(x.astype(numpy.float64) for x in xs),
                   None, params=(crf.cost,), dtype=numpy.float64, atol=1e-4, rtol=1e-3)


def test_crf1d_transpose_takes_batch_major_sequences_in_any_order():
    crf = L.CRF1d(3)
    crf.cost.array[...] = rand(3, 3)
    seqs = [rand(2, 3), rand(4, 3), rand(3, 3)]
    labels = [numpy.array(v, numpy.int32) for v in ([1, 0], [2, 2, 0, 1], [0, 1, 2])]
    per_seq = crf(seqs, labels, reduce='no', transpose=True).array
    for s, y, loss in zip(seqs, labels, per_seq):
        alone = crf([s[t:t + 1] for t in range(len(s))], [y[t:t + 1] for t in range(len(y))])
        numpy.testing.assert_allclose(loss, alone.array, rtol=1e-5)
    _, paths = crf.argmax(seqs, transpose=True)
    assert [len(p) for p in paths] == [2, 4, 3]


def test_binary_hierarchical_softmax():
    tree = (((0, 3), 1), (2, 4))
    bhs = L.BinaryHierarchicalSoftmax(3, tree)
    assert bhs.W.shape == (4, 3) and numpy.abs(bhs.W.array).max() <= 1
    x, t = rand(5, 3), numpy.array([0, 1, 2, 3, 4], numpy.int32)
    W = bhs.W.array
    # Inner nodes in pre-order: 0 = root, 1 = ((0, 3), 1), 2 = (0, 3), 3 = (2, 4).
    routes = {0: [(0, 1), (1, 1), (2, 1)], 1: [(0, 1), (1, -1)], 2: [(0, -1), (3, 1)],
              3: [(0, 1), (1, 1), (2, -1)], 4: [(0, -1), (3, -1)]}
    expected = sum(numpy.log1p(numpy.exp(-c * W[n] @ x[i]))
                   for i in range(5) for n, c in routes[int(t[i])])
    numpy.testing.assert_allclose(bhs(x, t).array, expected, rtol=1e-5)
    check_backward(lambda x: bhs(x, t), x.astype(numpy.float64), None, params=(bhs.W,),
                   dtype=numpy.float64, atol=1e-4, rtol=1e-3)
    with pytest.raises(ValueError, match=r'labels must be in \[0, 5\).*max 5'):
        bhs(x, numpy.array([0, 1, 2, 3, 5], numpy.int32))
    with pytest.raises(ValueError, match='ids 0..2'):
        L.BinaryHierarchicalSoftmax(3, ((0, 1), 3))
    with pytest.raises(ValueError, match='pair'):
        L.BinaryHierarchicalSoftmax(3, ((0, 1, 2), 3))


def test_huffman_tree():
    tree = L.BinaryHierarchicalSoftmax.create_huffman_tree({0: 1, 1: 1, 2: 1, 3: 1, 4: 1})
    assert tree == ((2, 3), (4, (0, 1)))
    assert L.BinaryHierarchicalSoftmax.create_huffman_tree({'a': 1}) == 'a'
    with pytest.raises(ValueError, match='empty'):
        L.BinaryHierarchicalSoftmax.create_huffman_tree({})


@pytest.mark.gpu
def test_samplers_follow_the_link_to_a_device():
    ns = L.NegativeSampling(2, [1, 2], 1)
    ns.to_device('@cupy:0')
    cupy = chainlite.backend.cupy
    loss = ns(cupy.ones((1, 2), numpy.float32), cupy.array([0], numpy.int32))
    assert isinstance(loss.array, cupy.ndarray)
    assert isinstance(ns.sampler.threshold, cupy.ndarray)
