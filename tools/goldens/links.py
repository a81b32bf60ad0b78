"""Golden forward/backward results of Chainer 7.8.1's links (not the recurrent ones).

Runs in the reference environment: python links.py OUT.npz
For each case NAME (a link built after numpy.random.seed(0), called on fixed
inputs after numpy.random.seed(3)):
  NAME/x<i>            the inputs (crf/xs<t>, crf/ys<t>, crf/seq<i>, crf/label<i> for CRF1d)
  NAME/next            numpy.random.normal() right after construction (draw count)
  NAME/param/<path>    each parameter after the call (lazy ones are drawn by it)
  NAME/persist/<path>  each persistent value after the call
  NAME/y               the output (NAME/y<i> for tuples; NAME/path<i> for CRF1d paths)
  NAME/gx<i>           the gradient of each float input of sum(y * gy), gy from RandomState(5)
  NAME/grad/<path>     the gradient of each parameter
walker/{threshold,values,sample}<i>  WalkerAlias tables and samples (input: walker/probs<i>)
"""
import sys

import numpy

import chainer
import chainer.functions as F
import chainer.initializers as I
import chainer.links as L

R = numpy.random.RandomState(1)


def rand(*shape):
    return R.standard_normal(shape).astype(numpy.float32)


COUNTS = [5, 1, 2, 4, 3]
TREE = (((0, 3), 1), (2, 4))
CRF_XS = [rand(3, 3), rand(3, 3), rand(2, 3), rand(1, 3)]
CRF_YS = [numpy.array(v, numpy.int32) for v in ([0, 2, 1], [1, 1, 0], [2, 0], [1])]
SEQS = [rand(2, 3), rand(4, 3), rand(3, 3)]
WALKER_PROBS = [[1., 2., 3., 4.], numpy.power(numpy.arange(1, 30, dtype=numpy.float32), 0.75),
                R.uniform(0, 1, 17).astype(numpy.float32)]
SEQ_LABELS = [numpy.array(v, numpy.int32) for v in ([1, 0], [2, 2, 0, 1], [0, 1, 2])]


def with_weights(link, **arrays):
    for name, value in arrays.items():
        getattr(link, name).array[...] = value
    return link


CASES = {
    'Linear': (lambda: L.Linear(3, 4), [rand(2, 3)]),
    'Linear_lazy': (lambda: L.Linear(4), [rand(2, 3, 2)]),
    'Linear_nobias': (lambda: L.Linear(3, 4, nobias=True), [rand(2, 3)]),
    'Convolution2D': (lambda: L.Convolution2D(3, 4, 3, stride=2, pad=1), [rand(2, 3, 5, 5)]),
    'Convolution2D_lazy': (lambda: L.Convolution2D(4, 2), [rand(1, 3, 4, 4)]),
    'Convolution2D_groups': (lambda: L.Convolution2D(4, 6, 3, groups=2), [rand(1, 4, 5, 5)]),
    'Convolution1D': (lambda: L.Convolution1D(2, 3, 3), [rand(2, 2, 6)]),
    'Convolution3D': (lambda: L.Convolution3D(2, 3, 2), [rand(1, 2, 3, 3, 3)]),
    'Deconvolution2D': (lambda: L.Deconvolution2D(3, 2, 3, stride=2, pad=1), [rand(1, 3, 4, 4)]),
    'Deconvolution2D_outsize': (lambda: L.Deconvolution2D(3, 2, 3, stride=2, pad=1,
                                                          outsize=(8, 8)), [rand(1, 3, 4, 4)]),
    'Deconvolution2D_groups': (lambda: L.Deconvolution2D(4, 6, 3, groups=2), [rand(1, 4, 3, 3)]),
    'Deconvolution1D': (lambda: L.Deconvolution1D(None, 3, 3, stride=2), [rand(1, 2, 4)]),
    'DilatedConvolution2D': (lambda: L.DilatedConvolution2D(2, 3, 3, dilate=2),
                             [rand(1, 2, 7, 7)]),
    'DepthwiseConvolution2D': (lambda: L.DepthwiseConvolution2D(3, 2, 2), [rand(1, 3, 4, 4)]),
    'Bilinear': (lambda: L.Bilinear(2, 3, 4), [rand(5, 2), rand(5, 3)]),
    'EmbedID': (lambda: L.EmbedID(5, 3, ignore_label=-1),
                [numpy.array([0, 4, -1, 2], numpy.int32)]),
    'Highway': (lambda: L.Highway(3), [rand(2, 3)]),
    'Maxout': (lambda: L.Maxout(3, 4, 2), [rand(5, 3)]),
    'BatchNormalization': (lambda: L.BatchNormalization(3), [rand(5, 3)]),
    'BatchNormalization_conv': (lambda: L.BatchNormalization(2), [rand(3, 2, 2, 2)]),
    'BatchNormalization_axis': (lambda: L.BatchNormalization(axis=(0, 2)), [rand(4, 3, 2)]),
    'BatchRenormalization': (lambda: with_weights(L.BatchRenormalization(3, rmax=1.5, dmax=0.5)),
                             [rand(6, 3)]),
    'LayerNormalization': (lambda: L.LayerNormalization(), [rand(3, 4)]),
    'GroupNormalization': (lambda: L.GroupNormalization(2), [rand(2, 4, 3)]),
    'MLPConvolution2D': (lambda: L.MLPConvolution2D(3, (4, 5), 3), [rand(1, 3, 5, 5)]),
    'Inception': (lambda: L.Inception(3, 2, 2, 3, 2, 3, 2), [rand(1, 3, 6, 6)]),
    'InceptionBN': (lambda: L.InceptionBN(3, 2, 2, 3, 2, 3, 'max', 2), [rand(2, 3, 6, 6)]),
    'InceptionBN_stride': (lambda: L.InceptionBN(3, 0, 2, 3, 2, 3, 'avg', None, stride=2),
                           [rand(2, 3, 6, 6)]),
    'NegativeSampling': (lambda: with_weights(L.NegativeSampling(3, COUNTS, 2), W=rand(5, 3)),
                         [rand(4, 3), numpy.array([0, 4, 2, 1], numpy.int32)]),
    'BlackOut': (lambda: with_weights(L.BlackOut(3, COUNTS, 2), W=rand(5, 3)),
                 [rand(4, 3), numpy.array([0, 4, 2, 1], numpy.int32)]),
    'BinaryHierarchicalSoftmax': (lambda: L.BinaryHierarchicalSoftmax(3, TREE),
                                  [rand(5, 3), numpy.array([0, 1, 2, 3, 4], numpy.int32)]),
    'LocalConvolution2D': (lambda: L.LocalConvolution2D(2, 3, (4, 4), 2), [rand(2, 2, 4, 4)]),
    'LocalConvolution2D_lazy': (lambda: L.LocalConvolution2D(None, 3, None, 2),
                                [rand(1, 2, 5, 5)]),
    'SimplifiedDropconnect': (lambda: L.SimplifiedDropconnect(3, 2), [rand(4, 3)]),
    'SimplifiedDropconnect_lazy': (lambda: L.SimplifiedDropconnect(None, 2, ratio=0.3),
                                   [rand(4, 3, 2)]),
    'Parameter': (lambda: L.Parameter(rand(3)), []),
    'Classifier': (lambda: L.Classifier(L.Linear(3, 4)),
                   [rand(5, 3), numpy.array([0, 3, 2, 1, 1], numpy.int32)]),
}
CALLS = {
    'NegativeSampling_no': ('NegativeSampling', lambda link, x, t: link(x, t, reduce='no')),
    'CRF1d': (None, lambda link: link(CRF_XS, CRF_YS)),
    'CRF1d_no': (None, lambda link: link(CRF_XS, CRF_YS, reduce='no')),
    'CRF1d_argmax': (None, lambda link: link.argmax(CRF_XS)),
    'CRF1d_transpose': (None, lambda link: link(SEQS, SEQ_LABELS, reduce='no', transpose=True)),
    'CRF1d_argmax_transpose': (None, lambda link: link.argmax(SEQS, transpose=True)),
}


def record(out, name, link, ys, inputs):
    ys = ys if isinstance(ys, tuple) else (ys,)
    for i, y in enumerate(ys):
        if isinstance(y, list):
            for k, p in enumerate(y):
                out['%s/path%d' % (name, k)] = numpy.asarray(p)
        else:
            out['%s/y%s' % (name, '' if i == 0 else i)] = y.array
    y = ys[0]
    for p in link.params():
        p.cleargrad()
    if y.ndim:
        gy = numpy.random.RandomState(5).standard_normal(y.shape).astype(y.dtype)
        F.sum(y * gy).backward()
    else:
        y.backward()
    for i, x in enumerate(inputs):
        if isinstance(x, chainer.Variable):
            out['%s/gx%d' % (name, i)] = x.grad
    for path, p in link.namedparams():
        out['%s/param%s' % (name, path)] = p.array
        if p.grad is not None:
            out['%s/grad%s' % (name, path)] = p.grad
    for lpath, sub in link.namedlinks():
        for pname in sub._persistent:
            out['%s/persist%s/%s' % (name, lpath.rstrip('/'), pname)] = \
                numpy.asarray(getattr(sub, pname))


def build(out, name, make):
    numpy.random.seed(0)
    link = make()
    out[name + '/next'] = numpy.random.normal()
    return link


def main(path):
    out = {}
    for prefix, arrays in (('xs', CRF_XS), ('ys', CRF_YS), ('seq', SEQS),
                           ('label', SEQ_LABELS)):
        for i, a in enumerate(arrays):
            out['crf/%s%d' % (prefix, i)] = a
    for name, (make, inputs) in CASES.items():
        for i, a in enumerate(inputs):
            out['%s/x%d' % (name, i)] = a
        link = build(out, name, make)
        xs = [chainer.Variable(a.copy()) if a.dtype.kind == 'f' else a for a in inputs]
        numpy.random.seed(3)
        record(out, name, link, link(*xs), xs)
    for name, (base, call) in CALLS.items():
        if base is None:
            link = build(out, name, lambda: L.CRF1d(3, initial_cost=I.Normal(1.0)))
            inputs = []
            numpy.random.seed(3)
            ys = call(link)
        else:
            make, inputs = CASES[base]
            link = build(out, name, make)
            inputs = [chainer.Variable(a.copy()) if a.dtype.kind == 'f' else a for a in inputs]
            numpy.random.seed(3)
            ys = call(link, *inputs)
        record(out, name, link, ys, inputs)
    with chainer.using_config('train', False):
        for name in ('BatchNormalization', 'BatchRenormalization', 'InceptionBN'):
            make, inputs = CASES[name]
            link = build(out, name + '_test', make)
            link(*inputs)                            # no statistics change in test mode
            with chainer.using_config('train', True):
                link(*inputs)                        # one training step to move them
            record(out, name + '_test', link, link(*[chainer.Variable(a) for a in inputs]),
                   [])
    for i, probs in enumerate(WALKER_PROBS):
        sampler = chainer.utils.WalkerAlias(probs)
        numpy.random.seed(i)
        out['walker/probs%d' % i] = numpy.asarray(probs, numpy.float32)
        out['walker/threshold%d' % i] = sampler.threshold
        out['walker/values%d' % i] = sampler.values
        out['walker/sample%d' % i] = sampler.sample((50, 3))
    out['huffman'] = numpy.array(repr(L.BinaryHierarchicalSoftmax.create_huffman_tree(
        {'a': 3, 'b': 1, 'c': 2, 'd': 5, 'e': 2, 'f': 1})))
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
