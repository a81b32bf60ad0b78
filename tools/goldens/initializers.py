"""Golden draws of Chainer 7.8.1's initializers and default link parameters.

Runs in the reference environment: python initializers.py OUT.npz
Keys:
  init/<name>/<dtype>/s<seed>     the initializer filling an array of its SHAPES entry
  next/init/<name>/s<seed>        numpy.random.normal() right after (checks the draw count)
  link/<name>/s<seed>/<path>      a default-constructed link's params and persistents
  next/link/<name>/s<seed>        numpy.random.normal() right after construction
  ufg/s<seed>                     L.LSTM(3, 4)'s upward bias with bias_init=Normal(1),
                                  forget_bias_init=Uniform(1) (UnitForgetGate's draw order)
  rnn_<name>/s<seed>/<path>       the same for recurrent links (next/rnn_<name>/s<seed> too)
"""
import sys

import numpy

import chainer.initializers as I
import chainer.links as L

SEEDS = (0, 1, 7)
SHAPE = (4, 3, 2, 2)
INITIALIZERS = {
    'Normal': (lambda: I.Normal(), SHAPE),
    'Normal_0.3': (lambda: I.Normal(0.3), SHAPE),
    'LeCunNormal': (lambda: I.LeCunNormal(), SHAPE),
    'GlorotNormal': (lambda: I.GlorotNormal(), SHAPE),
    'HeNormal': (lambda: I.HeNormal(), SHAPE),
    'HeNormal_fan_out_2': (lambda: I.HeNormal(2.0, fan_option='fan_out'), SHAPE),
    'Uniform': (lambda: I.Uniform(), SHAPE),
    'Uniform_0.3': (lambda: I.Uniform(0.3), SHAPE),
    'LeCunUniform': (lambda: I.LeCunUniform(), SHAPE),
    'GlorotUniform': (lambda: I.GlorotUniform(), SHAPE),
    'GlorotUniform_0.5': (lambda: I.GlorotUniform(0.5), SHAPE),
    'HeUniform': (lambda: I.HeUniform(), SHAPE),
    'Orthogonal_3x5': (lambda: I.Orthogonal(), (3, 5)),
    'Orthogonal_5x3': (lambda: I.Orthogonal(), (5, 3)),
    'Orthogonal_4x4': (lambda: I.Orthogonal(0.5), (4, 4)),
    'Orthogonal_conv': (lambda: I.Orthogonal(), (3, 2, 2, 2)),
    'Identity': (lambda: I.Identity(2.0), (3, 3)),
    'Constant': (lambda: I.Constant(0.25), (2, 3)),
}
DTYPES = ('float16', 'float32', 'float64')

LINKS = {
    'Linear': lambda: L.Linear(3, 4),
    'Linear_nobias': lambda: L.Linear(3, 4, nobias=True),
    'Convolution2D': lambda: L.Convolution2D(3, 4, 2),
    'Deconvolution2D': lambda: L.Deconvolution2D(3, 4, 2),
    'EmbedID': lambda: L.EmbedID(5, 3),
    'BatchNormalization': lambda: L.BatchNormalization(3),
}
RNN_LINKS = {
    'LSTM': lambda: L.LSTM(3, 4),
    'GRU': lambda: L.StatelessGRU(3, 4),
    'StatefulGRU': lambda: L.StatefulGRU(3, 4),
    'NStepLSTM': lambda: L.NStepLSTM(1, 3, 4, 0.0),
}


def record_link(out, prefix, name, make, seed):
    numpy.random.seed(seed)
    link = make()
    key = '%s%s/s%d' % (prefix, name, seed)
    out['next/' + key] = numpy.random.normal()
    for path, param in link.namedparams():
        out[key + path] = param.array
    for pname in getattr(link, '_persistent', ()):
        out['%s/%s' % (key, pname)] = numpy.asarray(getattr(link, pname))


def main(path):
    out = {}
    for seed in SEEDS:
        for name, (make, shape) in INITIALIZERS.items():
            for dtype in DTYPES:
                numpy.random.seed(seed)
                a = numpy.empty(shape, dtype)
                make()(a)
                out['init/%s/%s/s%d' % (name, dtype, seed)] = a
            out['next/init/%s/s%d' % (name, seed)] = numpy.random.normal()
        # Linear(4) with in_size inferred: W is drawn on the first call.
        numpy.random.seed(seed)
        lazy = L.Linear(4)
        lazy(numpy.ones((2, 3), numpy.float32))
        out['link/Linear_lazy/s%d/W' % seed] = lazy.W.array
        out['next/link/Linear_lazy/s%d' % seed] = numpy.random.normal()
        numpy.random.seed(seed)
        lstm = L.LSTM(3, 4, lateral_init=0, upward_init=0, bias_init=I.Normal(1.0),
                      forget_bias_init=I.Uniform(1.0))
        out['ufg/s%d' % seed] = lstm.upward.b.array
        for name, make in LINKS.items():
            record_link(out, 'link/', name, make, seed)
        for name, make in RNN_LINKS.items():
            record_link(out, 'rnn_', name, make, seed)
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
