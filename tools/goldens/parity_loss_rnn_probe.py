"""Goldens of Chainer 7.8.1 losses and recurrent cells whose float rounding a differential
probe found chainlite getting wrong.

Runs in the reference environment: python parity_loss_rnn_probe.py OUT.npz
Inputs come from RandomState(1) (CASE/x<i>); outputs are CASE/y<i>:
  kl_<dtype>_<reduce>   F.softmax_cross_entropy(x0, x1, soft_target_loss='kl-divergence')
                        with soft targets x1 (one zero entry), reduce 'mean' or 'no'
  huber_<dtype>_<reduce>  F.huber_loss(x0, x1, 0.7, reduce=...)
  tree_lstm<n>          F.tree_lstm(x0, ..., x<n>) with n children: y0 = c, y1 = h
  mgu                   L.StatelessMGU(4, 6) built after numpy.random.seed(0), called on
                        (x0, x1): y0 (its parameters as mgu/W_f/W, mgu/W_f/b, ...)
"""
import sys

import numpy

import chainer.functions as F
import chainer.links as L

R = numpy.random.RandomState(1)
DTYPES = ('float16', 'float32', 'float64')


def soft_targets(shape):
    t = R.rand(*shape)
    t[0, 1] = 0
    return t / t.sum(axis=1, keepdims=True)


def main(path):
    out = {}

    def record(name, fn, *xs):
        ys = fn(*xs)
        for i, x in enumerate(xs):
            out['%s/x%d' % (name, i)] = x
        for i, y in enumerate(ys if isinstance(ys, tuple) else (ys,)):
            out['%s/y%d' % (name, i)] = y.array

    for dtype in ('float32', 'float64'):
        x, t = R.randn(6, 5).astype(dtype), soft_targets((6, 5)).astype(dtype)
        for reduce in ('mean', 'no'):
            record('kl_%s_%s' % (dtype, reduce), lambda x, t, r=reduce: F.softmax_cross_entropy(
                x, t, soft_target_loss='kl-divergence', reduce=r), x, t)
    for dtype in DTYPES:
        x, t = R.randn(6, 5).astype(dtype), R.randn(6, 5).astype(dtype)
        for reduce in ('sum_along_second_axis', 'no'):
            record('huber_%s_%s' % (dtype, reduce),
                   lambda x, t, r=reduce: F.huber_loss(x, t, 0.7, reduce=r), x, t)
    for n in (2, 3):
        xs = [R.randn(4, 5).astype(numpy.float32) for _ in range(n)]
        record('tree_lstm%d' % n, F.tree_lstm, *(xs + [R.randn(4, 5 * (3 + n)).astype('f')]))
    numpy.random.seed(0)
    mgu = L.StatelessMGU(4, 6)
    for name, param in mgu.namedparams():
        out['mgu' + name] = param.array
    record('mgu', mgu, R.randn(5, 6).astype(numpy.float32), R.randn(5, 4).astype(numpy.float32))
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
