"""Goldens of Chainer 7.8.1's multi-layer n-step RNN links under numpy.random.seed:
between layers each direction draws its own dropout masks from numpy.random, one per
time step and at ratio 0 too, so seeded runs (dropout masks and every later
draw, e.g. an iterator's shuffle) depend on that count and order.

Runs in the reference environment: python rnn_dropout.py OUT.npz
Keys, for each link in LINKS: <link>/y/<i> (outputs per sequence), <link>/gx/<i> (input
gradients of sum(y * y)), <link>/next (numpy.random.rand() right after the forward).
"""
import sys

import numpy

LINKS = {
    'gru2_drop0': lambda L: L.NStepGRU(2, 3, 4, 0.0),
    'lstm3_drop': lambda L: L.NStepLSTM(3, 3, 4, 0.5),
    'bilstm2_drop': lambda L: L.NStepBiLSTM(2, 3, 4, 0.5),
    'birnn2_drop0': lambda L: L.NStepBiRNNReLU(2, 3, 4, 0.0),
}
LENGTHS = (4, 3, 1)


def run(chainer, name):
    """Builds link ``name`` under seed 0 and runs it on seeded inputs (seed 1); returns
    the outputs, the input gradients and the next draw of numpy.random."""
    numpy.random.seed(0)
    link = LINKS[name](chainer.links)
    r = numpy.random.RandomState(1)
    xs = [chainer.Variable(r.randn(n, 3).astype(numpy.float32)) for n in LENGTHS]
    ys = link(None, None, xs)[-1] if 'lstm' in name else link(None, xs)[-1]
    chainer.functions.sum(chainer.functions.stack([chainer.functions.sum(y * y)
                                                   for y in ys])).backward()
    return [y.array for y in ys], [x.grad for x in xs], numpy.random.rand()


def main(out):
    import chainer
    data = {}
    for name in LINKS:
        ys, gxs, following = run(chainer, name)
        data.update({'%s/y/%d' % (name, i): y for i, y in enumerate(ys)})
        data.update({'%s/gx/%d' % (name, i): g for i, g in enumerate(gxs)})
        data['%s/next' % name] = numpy.float64(following)
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
