"""Golden results of Chainer 7.8.1's chainer.link_hooks.WeightStandardization.

Runs in the reference environment: python link_hooks_ws.py OUT.npz
For each case NAME (a link built after numpy.random.seed(0), WeightStandardization
attached, called once on NAME/x0 after numpy.random.seed(3)):
  NAME/W, NAME/b     the parameters after the call (lazy ones are drawn by it)
  NAME/y             the output of the hooked forward
  NAME/Wstd          the standardized weight the forward used (seen by a later hook)
  NAME/restored      whether the link's weight is its Parameter again after the call
  NAME/gx0, NAME/gW, NAME/gb
                     gradients of sum(y * gy), gy from RandomState(5), through the hook
The script also checks that (W - mean) / sqrt(var + eps) over the axes after the
first (biased variance), written with Chainer functions, gives the same forward and
gradients.
"""
import sys

import numpy

import chainer
import chainer.functions as F
import chainer.links as L
from chainer.link_hooks import WeightStandardization

R = numpy.random.RandomState(1)


def rand(*shape):
    return R.standard_normal(shape).astype(numpy.float32)


CASES = {
    'Linear': (lambda: L.Linear(3, 4), {}, lambda l, x, W: F.linear(x, W, l.b), rand(2, 3)),
    'Linear_eps': (lambda: L.Linear(3, 4), {'eps': 0.5},
                   lambda l, x, W: F.linear(x, W, l.b), rand(2, 3)),
    'Linear_lazy': (lambda: L.Linear(None, 3), {}, lambda l, x, W: F.linear(x, W, l.b),
                    rand(2, 5)),
    'Convolution2D': (lambda: L.Convolution2D(3, 4, 3, stride=2, pad=1), {},
                      lambda l, x, W: F.convolution_2d(x, W, l.b, stride=2, pad=1),
                      rand(2, 3, 5, 5)),
    'Convolution2D_lazy': (lambda: L.Convolution2D(None, 2, 2), {},
                           lambda l, x, W: F.convolution_2d(x, W, l.b), rand(1, 3, 4, 4)),
    'Deconvolution2D': (lambda: L.Deconvolution2D(3, 2, 3, stride=2, pad=1), {},
                        lambda l, x, W: F.deconvolution_2d(x, W, l.b, stride=2, pad=1),
                        rand(1, 3, 4, 4)),
}


def standardize(W, eps):
    rows = F.reshape(W, (W.shape[0], -1))
    mean = F.broadcast_to(F.mean(rows, axis=1, keepdims=True), rows.shape)
    centered = rows - mean
    var = F.mean(F.square(centered), axis=1, keepdims=True)
    std = F.broadcast_to(F.sqrt(var + eps), rows.shape)
    return F.reshape(centered / std, W.shape)


class Seen(chainer.LinkHook):
    name = 'Seen'

    def forward_preprocess(self, args):
        self.W = args.link.W.array.copy()


def main(path):
    out = {}
    for name, (make, options, apply, x) in CASES.items():
        numpy.random.seed(0)
        link = make()
        param = link.W
        seen = Seen()
        link.add_hook(WeightStandardization(**options))
        link.add_hook(seen)
        numpy.random.seed(3)
        xh = chainer.Variable(x.copy())
        y = link(xh)
        out[name + '/x0'] = x
        out[name + '/W'] = link.W.array
        out[name + '/b'] = link.b.array
        out[name + '/y'] = y.array
        out[name + '/Wstd'] = seen.W
        out[name + '/restored'] = numpy.array(link.W is param)
        gy = numpy.random.RandomState(5).standard_normal(y.shape).astype(numpy.float32)
        link.cleargrads()  # a fresh Parameter's grad is NaN-filled in Chainer
        F.sum(y * gy).backward()
        out[name + '/gx0'] = xh.grad
        out[name + '/gW'] = link.W.grad.copy()
        out[name + '/gb'] = link.b.grad.copy()
        link.delete_hook('Seen')
        link.delete_hook('WeightStandardization')
        link.cleargrads()
        xv = chainer.Variable(x.copy())
        W = standardize(link.W, options.get('eps', 1e-5))
        numpy.testing.assert_allclose(W.array, seen.W, rtol=1e-5, atol=1e-5)
        y2 = apply(link, xv, W)
        numpy.testing.assert_allclose(y2.array, y.array, rtol=1e-5, atol=1e-5)
        F.sum(y2 * gy).backward()
        numpy.testing.assert_allclose(xv.grad, out[name + '/gx0'], rtol=1e-4, atol=1e-5)
        numpy.testing.assert_allclose(link.W.grad, out[name + '/gW'], rtol=1e-4, atol=1e-5)
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
