"""Golden results of Chainer 7.8.1's DeformableConvolution2D link.

Runs in the reference environment: python deformable_convolution_2d.py OUT.npz
For each case NAME (the link built after numpy.random.seed(0), called on a
fixed input after numpy.random.seed(3), so lazy parameters are drawn then):
  NAME/x              the input
  NAME/next           numpy.random.normal() right after construction (draw count)
  NAME/initial/<path> each parameter initialized by the constructor, before the call
  NAME/lazy/<path>    each parameter still uninitialized after construction (value 0)
  NAME/after          numpy.random.normal() right after the call
  NAME/param/<path>   each parameter after the call
  NAME/y              the output
  NAME/gx             the gradient of the input for sum(y * gy), gy from RandomState(5)
  NAME/grad/<path>    the gradient of each parameter
  NAME/str            str(link)
"""
import sys

import numpy

import chainer
import chainer.functions as F
import chainer.initializers as I
import chainer.links as L

R = numpy.random.RandomState(1)


def rand(*shape, dtype=numpy.float32):
    return R.standard_normal(shape).astype(dtype)


# name: (constructor, input, default dtype)
CASES = {
    'default': (lambda: L.DeformableConvolution2D(2, 3, 3), rand(2, 2, 5, 5), numpy.float32),
    'random': (lambda: L.DeformableConvolution2D(
        2, 3, 3, stride=2, pad=1, offset_initial_bias=I.Uniform(0.5),
        deform_initialW=I.Normal(0.5), deform_initial_bias=I.Normal(0.1)),
        rand(2, 2, 6, 5), numpy.float32),
    'far': (lambda: L.DeformableConvolution2D(
        3, 2, 2, offset_initialW=I.Normal(1.0), deform_initialW=I.Normal(1.0)),
        rand(1, 3, 4, 4), numpy.float32),
    'nobias': (lambda: L.DeformableConvolution2D(
        3, 2, (2, 3), stride=(1, 2), pad=(1, 0), offset_nobias=True, deform_nobias=True,
        offset_initialW=I.Normal(0.3), deform_initialW=I.HeNormal()),
        rand(2, 3, 4, 5), numpy.float32),
    'constants': (lambda: L.DeformableConvolution2D(
        2, 2, 2, offset_initialW=0.05, offset_initial_bias=0.25, deform_initialW=0.5,
        deform_initial_bias=numpy.array([1.0, -1.0])),
        rand(1, 2, 3, 3), numpy.float32),
    'lazy': (lambda: L.DeformableConvolution2D(
        None, 3, 3, pad=1, deform_initialW=I.Normal(0.5), deform_initial_bias=I.Normal(0.1)),
        rand(1, 2, 4, 4), numpy.float32),
    'lazy_nobias': (lambda: L.DeformableConvolution2D(
        None, 2, 2, stride=2, deform_nobias=True, offset_initialW=I.Normal(0.2),
        deform_initialW=I.Normal(1.0)),
        rand(2, 2, 5, 5), numpy.float32),
    'float64': (lambda: L.DeformableConvolution2D(
        2, 2, 3, pad=1, deform_initialW=I.Normal(0.5)),
        rand(1, 2, 3, 4, dtype=numpy.float64), numpy.float64),
}


def main(path):
    out = {}
    for name, (make, x, dtype) in CASES.items():
        with chainer.using_config('dtype', dtype):
            numpy.random.seed(0)
            link = make()
            out[name + '/next'] = numpy.random.normal()
            out[name + '/str'] = numpy.array(str(link))
            for p, v in link.namedparams():
                if v.array is None:
                    out['%s/lazy%s' % (name, p)] = numpy.array(0)
                else:
                    out['%s/initial%s' % (name, p)] = v.array.copy()
            out[name + '/x'] = x
            xv = chainer.Variable(x.copy())
            numpy.random.seed(3)
            y = link(xv)
            out[name + '/after'] = numpy.random.normal()
        out[name + '/y'] = y.array
        link.cleargrads()
        gy = numpy.random.RandomState(5).standard_normal(y.shape).astype(y.dtype)
        F.sum(y * gy).backward()
        out[name + '/gx'] = xv.grad
        for p, v in link.namedparams():
            out['%s/param%s' % (name, p)] = v.array
            out['%s/grad%s' % (name, p)] = v.grad
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
