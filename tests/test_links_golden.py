"""Every link against Chainer 7.8.1 (tests/data/links.npz from tools/goldens/links.py).

Each case builds the link after ``numpy.random.seed(0)`` (the same draws, and
as many, as Chainer), calls it after ``numpy.random.seed(3)`` (the same samples
for the sampling losses), then backpropagates ``sum(y * gy)`` and compares the
output, the gradients and the persistent values.
"""
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.initializers as I
import chainlite.links as L

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'links.npz'))
COUNTS = [5, 1, 2, 4, 3]
TREE = (((0, 3), 1), (2, 4))


def golden_weights(name, link, *names):
    for n in names:
        getattr(link, n).array[...] = GOLDEN['%s/param/%s' % (name, n)]
    return link


CASES = {
    'Linear': lambda: L.Linear(3, 4),
    'Linear_lazy': lambda: L.Linear(4),
    'Linear_nobias': lambda: L.Linear(3, 4, nobias=True),
    'Convolution2D': lambda: L.Convolution2D(3, 4, 3, stride=2, pad=1),
    'Convolution2D_lazy': lambda: L.Convolution2D(4, 2),
    'Convolution2D_groups': lambda: L.Convolution2D(4, 6, 3, groups=2),
    'Convolution1D': lambda: L.Convolution1D(2, 3, 3),
    'Convolution3D': lambda: L.Convolution3D(2, 3, 2),
    'Deconvolution2D': lambda: L.Deconvolution2D(3, 2, 3, stride=2, pad=1),
    'Deconvolution2D_outsize': lambda: L.Deconvolution2D(3, 2, 3, stride=2, pad=1,
                                                         outsize=(8, 8)),
    'Deconvolution2D_groups': lambda: L.Deconvolution2D(4, 6, 3, groups=2),
    'Deconvolution1D': lambda: L.Deconvolution1D(None, 3, 3, stride=2),
    'DilatedConvolution2D': lambda: L.DilatedConvolution2D(2, 3, 3, dilate=2),
    'DepthwiseConvolution2D': lambda: L.DepthwiseConvolution2D(3, 2, 2),
    'Bilinear': lambda: L.Bilinear(2, 3, 4),
    'EmbedID': lambda: L.EmbedID(5, 3, ignore_label=-1),
    'Highway': lambda: L.Highway(3),
    'Maxout': lambda: L.Maxout(3, 4, 2),
    'BatchNormalization': lambda: L.BatchNormalization(3),
    'BatchNormalization_conv': lambda: L.BatchNormalization(2),
    'BatchNormalization_axis': lambda: L.BatchNormalization(axis=(0, 2)),
    'BatchRenormalization': lambda: L.BatchRenormalization(3, rmax=1.5, dmax=0.5),
    'LayerNormalization': lambda: L.LayerNormalization(),
    'GroupNormalization': lambda: L.GroupNormalization(2),
    'MLPConvolution2D': lambda: L.MLPConvolution2D(3, (4, 5), 3),
    'Inception': lambda: L.Inception(3, 2, 2, 3, 2, 3, 2),
    'InceptionBN': lambda: L.InceptionBN(3, 2, 2, 3, 2, 3, 'max', 2),
    'InceptionBN_stride': lambda: L.InceptionBN(3, 0, 2, 3, 2, 3, 'avg', None, stride=2),
    'NegativeSampling': lambda: golden_weights('NegativeSampling',
                                               L.NegativeSampling(3, COUNTS, 2), 'W'),
    'BlackOut': lambda: golden_weights('BlackOut', L.BlackOut(3, COUNTS, 2), 'W'),
    'BinaryHierarchicalSoftmax': lambda: L.BinaryHierarchicalSoftmax(3, TREE),
    'LocalConvolution2D': lambda: L.LocalConvolution2D(2, 3, (4, 4), 2),
    'LocalConvolution2D_lazy': lambda: L.LocalConvolution2D(None, 3, None, 2),
    'SimplifiedDropconnect': lambda: L.SimplifiedDropconnect(3, 2),
    'SimplifiedDropconnect_lazy': lambda: L.SimplifiedDropconnect(None, 2, ratio=0.3),
    'Parameter': lambda: L.Parameter(GOLDEN['Parameter/param/W'].copy()),
    'Classifier': lambda: L.Classifier(L.Linear(3, 4)),
}


def crf():
    return L.CRF1d(3, initial_cost=I.Normal(1.0))


def crf_inputs(prefix):
    return [GOLDEN['crf/%s%d' % (prefix, i)] for i in range(4)
            if 'crf/%s%d' % (prefix, i) in GOLDEN]


CALLS = {
    'NegativeSampling_no': (lambda: golden_weights('NegativeSampling_no',
                                                   L.NegativeSampling(3, COUNTS, 2), 'W'),
                            'NegativeSampling',
                            lambda link, x, t: link(x, t, reduce='no')),
    'CRF1d': (crf, None, lambda link: link(crf_inputs('xs'), crf_inputs('ys'))),
    'CRF1d_no': (crf, None, lambda link: link(crf_inputs('xs'), crf_inputs('ys'), reduce='no')),
    'CRF1d_argmax': (crf, None, lambda link: link.argmax(crf_inputs('xs'))),
}


def inputs(name):
    xs = []
    while '%s/x%d' % (name, len(xs)) in GOLDEN:
        a = GOLDEN['%s/x%d' % (name, len(xs))]
        xs.append(chainlite.Variable(a.copy()) if a.dtype.kind == 'f' else a)
    return xs


def build(name, make):
    numpy.random.seed(0)
    link = make()
    assert numpy.random.normal() == GOLDEN[name + '/next'], 'a different number of draws'
    return link


def check(name, link, ys, xs, atol=1e-5, rtol=1e-4):
    ys = ys if isinstance(ys, tuple) else (ys,)
    for i, y in enumerate(ys):
        if isinstance(y, list):
            for k, p in enumerate(y):
                numpy.testing.assert_array_equal(p, GOLDEN['%s/path%d' % (name, k)])
        else:
            key = '%s/y%s' % (name, '' if i == 0 else i)
            numpy.testing.assert_allclose(y.array, GOLDEN[key], atol=atol, rtol=rtol)
    y = ys[0]
    link.cleargrads()
    if y.ndim:
        gy = numpy.random.RandomState(5).standard_normal(y.shape).astype(y.dtype)
        F.sum(y * gy).backward()
    else:
        y.backward()
    for i, x in enumerate(xs):
        if isinstance(x, chainlite.Variable):
            numpy.testing.assert_allclose(x.grad, GOLDEN['%s/gx%d' % (name, i)],
                                          atol=atol, rtol=rtol)
    expected_params = {k[len(name) + 6:] for k in GOLDEN if k.startswith(name + '/param/')}
    assert {path for path, _ in link.namedparams()} == expected_params
    for path, p in link.namedparams():
        # Initial draws are bit-exact; nothing changes them during a forward pass.
        numpy.testing.assert_array_equal(p.array, GOLDEN['%s/param%s' % (name, path)])
        if '%s/grad%s' % (name, path) in GOLDEN:
            numpy.testing.assert_allclose(p.grad, GOLDEN['%s/grad%s' % (name, path)],
                                          atol=atol, rtol=rtol)
    for lpath, sub in link.namedlinks():
        for pname in sub._persistent:
            key = '%s/persist%s/%s' % (name, lpath.rstrip('/'), pname)
            numpy.testing.assert_allclose(getattr(sub, pname), GOLDEN[key], atol=atol, rtol=rtol)


@pytest.mark.parametrize('name', sorted(CASES))
def test_same_as_chainer(name):
    link = build(name, CASES[name])
    xs = inputs(name)
    numpy.random.seed(3)
    check(name, link, link(*xs), xs)


@pytest.mark.parametrize('name', sorted(CALLS))
def test_same_as_chainer_calls(name):
    make, base, call = CALLS[name]
    link = build(name, make)
    xs = inputs(base) if base else []
    numpy.random.seed(3)
    check(name, link, call(link, *xs), xs)


@pytest.mark.parametrize('name', ['BatchNormalization', 'BatchRenormalization', 'InceptionBN'])
def test_test_mode_same_as_chainer(name):
    link = build(name + '_test', CASES[name])
    arrays = [v.array for v in inputs(name)]
    with chainlite.using_config('train', False):
        link(*arrays)
        with chainlite.using_config('train', True):
            link(*arrays)
        check(name + '_test', link, link(*[chainlite.Variable(a) for a in arrays]), [])


def test_crf1d_transposed_sequences_come_back_in_input_order():
    seqs = [GOLDEN['crf/seq%d' % i] for i in range(3)]
    labels = [GOLDEN['crf/label%d' % i] for i in range(3)]
    # Chainer returned per-sequence values sorted by decreasing length (2, 4, 3 -> 4, 3, 2).
    unsort = [2, 0, 1]
    numpy.random.seed(0)
    link = crf()
    loss = link(seqs, labels, reduce='no', transpose=True)
    numpy.testing.assert_allclose(loss.array, GOLDEN['CRF1d_transpose/y'][unsort], rtol=1e-5)
    score, path = link.argmax(seqs, transpose=True)
    numpy.testing.assert_allclose(score.array, GOLDEN['CRF1d_argmax_transpose/y'][unsort],
                                  rtol=1e-5)
    for k, p in enumerate(path):
        numpy.testing.assert_array_equal(p, GOLDEN['CRF1d_argmax_transpose/path%d' % k])


def test_huffman_tree_same_as_chainer():
    tree = L.BinaryHierarchicalSoftmax.create_huffman_tree(
        {'a': 3, 'b': 1, 'c': 2, 'd': 5, 'e': 2, 'f': 1})
    assert repr(tree) == str(GOLDEN['huffman'])
