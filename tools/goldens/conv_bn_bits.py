"""Chainer 7.8.1's float32 bits of a convolution followed by batch normalization (training
and test mode), seeded: the statistics are sums over the convolution's output, whose order
follows that output's memory layout, so equal bits need Chainer's layout too.

Runs in the reference environment: python conv_bn_bits.py OUT.npz
Keys: <mode>/y, <mode>/gx, <mode>/g<param path> for mode 'train' and 'test'.
"""
import sys

import numpy


def run(ch, train):
    """Conv(3 -> 6, 3x3, pad 1) then BatchNormalization(6) under numpy.random.seed(0), on a
    seeded (5, 3, 7, 6) input; returns the output, the input gradient of sum(y * gy) and the
    parameter gradients (by path)."""
    numpy.random.seed(0)
    conv = ch.links.Convolution2D(3, 6, 3, pad=1)
    bn = ch.links.BatchNormalization(6)
    r = numpy.random.RandomState(1)
    x = ch.Variable((r.randn(5, 3, 7, 6) * 3).astype(numpy.float32))
    bn.avg_mean[...] = r.randn(6)
    bn.avg_var[...] = r.rand(6) + 0.5
    with ch.using_config('train', train):
        y = bn(conv(x))
    y.grad = r.randn(*y.shape).astype(numpy.float32)
    y.backward()
    grads = {'conv' + p: v.grad for p, v in conv.namedparams()}
    grads.update({'bn' + p: v.grad for p, v in bn.namedparams()})
    return y.array, x.grad, grads


def main(out):
    import chainer
    data = {}
    for mode, train in (('train', True), ('test', False)):
        y, gx, grads = run(chainer, train)
        data['%s/y' % mode], data['%s/gx' % mode] = y, gx
        data.update(('%s/g%s' % (mode, p), g) for p, g in grads.items())
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
