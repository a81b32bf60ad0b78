"""Golden values and gradients of Chainer 7.8.1's as_strided and discriminative loss.

Runs in the reference environment: python functions_strided_dmbc.py OUT.npz
The tests import CASES from this file and make the same calls with chainlite.

Keys, for each case name:
  in/<case>/<input>      the inputs (float64 embeddings and x, int32 labels)
  out/<case>/<i>         output i (as_strided has the one output 0)
  gy/<case>              the upstream gradient of a non-scalar output
  grad/<case>/<i>        the gradient of the differentiable input through output i alone;
                         absent where Chainer's is NaN (its L2 discriminative loss)
"""
import sys

import numpy


def _strided(shape, strides, offset=None):
    if offset is None:
        return lambda F, v: (F.as_strided(v['x'], shape, strides),)
    return lambda F, v: (F.as_strided(v['x'], shape, strides, offset),)


def _dmbc(delta_v, delta_d, norm, alpha=1.0, beta=1.0, gamma=0.001):
    def call(F, v):
        emb = v['embeddings']
        return F.discriminative_margin_based_clustering_loss(
            emb, v['labels'], delta_v, delta_d, emb.shape[1], norm, alpha, beta, gamma)
    return call


def _dmbc_inputs(seed, batch, dim, h=3, w=4, empty=()):
    r = numpy.random.RandomState(seed)
    labels = r.randint(-1, dim + 2, (batch, h, w)).astype(numpy.int32)
    for b, c in empty:  # instance c absent from sample b
        labels[b][labels[b] == c] = 0
    return {'embeddings': r.randn(batch, dim, h, w), 'labels': labels}


def _make_cases():
    r = numpy.random.RandomState(0)
    cases = {}

    def strided(name, x, call):
        cases['as_strided/' + name] = {'inputs': {'x': x}, 'diff': ('x',), 'call': call}

    strided('overlap', r.randn(2, 3), _strided((3, 2), (1, 1), 0))
    strided('offset', r.randn(10), _strided((3, 2), (1, 1), 2))
    strided('offset-none', r.randn(10), _strided((2, 3), (3, 1)))
    strided('zero-stride', r.randn(10), _strided((3, 2), (0, 1), 0))
    strided('negative-stride', r.randn(10), _strided((3,), (-2,), 6))
    strided('2d-block', r.randn(3, 4), _strided((2, 2), (4, 1), 1))
    strided('windows', r.randn(12), _strided((5, 4), (2, 1), 0))
    strided('transpose-like', r.randn(3, 4), _strided((4, 3), (1, 4), 0))
    strided('int-like-offset', r.randn(6), _strided((2,), (2,), numpy.int64(1)))

    def dmbc(name, inputs, call):
        cases['dmbc/' + name] = {'inputs': inputs, 'diff': ('embeddings',), 'call': call}

    for norm in (1, 2):
        dmbc('b1-k2-norm%d' % norm, _dmbc_inputs(1, 1, 2), _dmbc(0.3, 1.0, norm))
        dmbc('b1-k3-norm%d' % norm, _dmbc_inputs(2, 1, 3), _dmbc(0.3, 1.0, norm, 0.7, 1.3, 0.01))
        dmbc('b2-k2-norm%d' % norm, _dmbc_inputs(3, 2, 2), _dmbc(0.5, 1.5, norm))
        dmbc('b3-k3-norm%d' % norm, _dmbc_inputs(4, 3, 3, 4, 5), _dmbc(0.2, 0.8, norm, 2.0))
        dmbc('empty-instance-norm%d' % norm, _dmbc_inputs(5, 2, 2, empty=((0, 1),)),
             _dmbc(0.3, 1.0, norm))
        dmbc('b1-k5-norm%d' % norm, _dmbc_inputs(6, 1, 5, 4, 4), _dmbc(0.1, 0.6, norm))
    dmbc('no-instances', {'embeddings': r.randn(1, 2, 3, 4),
                          'labels': numpy.zeros((1, 3, 4), numpy.int32)}, _dmbc(0.3, 1.0, 1))
    dmbc('negative-delta-v', _dmbc_inputs(7, 1, 2), _dmbc(-0.3, -1.0, 1))
    dmbc('negative-delta-v-b2', _dmbc_inputs(8, 2, 2), _dmbc(-0.4, 1.0, 1))
    return cases


CASES = _make_cases()


def gy_for(name, shape):
    """The upstream gradient of a non-scalar output (a fixed draw per case)."""
    return numpy.random.RandomState(sum(map(ord, name))).randn(*shape)


def main(out):
    import chainer
    import chainer.functions as F
    data = {}
    for name, case in CASES.items():
        for k, a in case['inputs'].items():
            data['in/%s/%s' % (name, k)] = a
        for i in range(len(case['call'](F, case['inputs']))):  # each output on its own
            v = {k: chainer.Variable(a) if k in case['diff'] else a
                 for k, a in case['inputs'].items()}
            y = case['call'](F, v)[i]
            data['out/%s/%d' % (name, i)] = y.array
            if y.size != 1:
                y.grad = data['gy/' + name] = gy_for(name, y.shape)
            y.backward()
            x, = [v[k] for k in case['diff']]
            g = numpy.zeros_like(x.array) if x.grad is None else x.grad
            if not numpy.isnan(g).any():
                data['grad/%s/%d' % (name, i)] = g
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
