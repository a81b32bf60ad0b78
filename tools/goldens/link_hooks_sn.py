"""Goldens of Chainer 7.8.1's SpectralNormalization link hook.

Runs in the reference environment: python link_hooks_sn.py OUT.npz
Each case seeds numpy.random with 0, builds the link (its default initializer and then
the hook's vector draw from the global RNG), adds the hook and runs CALLS training-mode
forwards on a fixed input, each followed by backward of sum(y * y), then one forward in
test mode. Keys, per case:
  <case>/x                  the float32 input
  <case>/uinit              the vector right after add_hook (absent when W starts uninitialized)
  <case>/y<k>, <case>/u<k>  output and vector after training call k
  <case>/gW<k>              W's gradient of call k (cleared before each call); not for deconv:
                            L.Deconvolution2D's backward raises in Chainer 7.8.1 on NumPy 1.26
                            (a ValueError in its cover_all check), hook or not
  <case>/ggamma<k>          gamma's gradient (use_gamma cases)
  <case>/gamma              gamma as created by add_hook
  <case>/ytest, <case>/utest  output and vector of the test-mode call
"""
import sys

import numpy

import chainer
import chainer.functions as F
import chainer.links as L
from chainer.link_hooks import SpectralNormalization

CALLS = 2

CASES = {
    'linear': (lambda: L.Linear(3, 4), (5, 3), {}),
    'linear_uninit': (lambda: L.Linear(None, 4), (5, 3), {}),
    'linear_gamma': (lambda: L.Linear(3, 4), (5, 3), {'use_gamma': True}),
    'linear_factor_iter': (lambda: L.Linear(3, 4), (5, 3),
                           {'factor': 2.0, 'n_power_iteration': 3}),
    'conv': (lambda: L.Convolution2D(2, 3, 2), (2, 2, 4, 4), {'n_power_iteration': 2}),
    'deconv': (lambda: L.Deconvolution2D(2, 3, 2), (2, 2, 3, 3), {}),
    'embed': (lambda: L.EmbedID(6, 4), None, {}),
}


def main(path):
    out = {}
    for case, (make, shape, kwargs) in CASES.items():
        rng = numpy.random.RandomState(7)
        x = (rng.randint(0, 6, size=(5,)).astype(numpy.int32) if shape is None
             else rng.standard_normal(shape).astype(numpy.float32))
        out[case + '/x'] = x
        numpy.random.seed(0)
        link = make()
        link.add_hook(SpectralNormalization(**kwargs))
        if hasattr(link, 'W_u'):
            out[case + '/uinit'] = link.W_u.copy()
        if hasattr(link, 'gamma'):
            out[case + '/gamma'] = link.gamma.array.copy()
        for k in range(CALLS):
            link.cleargrads()
            y = link(x)
            out['%s/y%d' % (case, k)] = y.array
            out['%s/u%d' % (case, k)] = link.W_u.copy()
            if case == 'deconv':
                continue
            F.sum(y * y).backward()
            out['%s/gW%d' % (case, k)] = link.W.grad.copy()
            if hasattr(link, 'gamma'):
                out['%s/ggamma%d' % (case, k)] = link.gamma.grad.copy()
        with chainer.using_config('train', False):
            out[case + '/ytest'] = link(x).array
        out[case + '/utest'] = link.W_u.copy()
    numpy.savez(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
