"""Golden values of Chainer 7.8.1's noise functions (seeded draws) and evaluation metrics.

Runs in the reference environment: python functions_noise_evaluation.py OUT.npz
Keys: x/<case>/<i> (inputs) and y/<case>/<j> (outputs). Each noise case reseeds
numpy.random with SEED right before the call.
"""
import sys

import numpy

import chainer
import chainer.functions as F

SEED = 11


def _outputs(ret):
    ret = ret if isinstance(ret, tuple) else (ret,)
    return [getattr(r, 'array', r) for r in ret]


# name -> (function, inputs made from a RandomState)
NOISE = {
    'dropout_f32': (lambda x: F.dropout(x, 0.3, return_mask=True),
                    lambda r: [r.randn(5, 7).astype('f')]),
    'dropout_f16': (lambda x: F.dropout(x, 0.6, return_mask=True),
                    lambda r: [r.randn(4, 6).astype('e')]),
    'rrelu': (lambda x: F.rrelu(x, 0.1, 0.4, return_r=True), lambda r: [r.randn(4, 5).astype('f')]),
    'gaussian': (lambda m, v: F.gaussian(m, v, return_eps=True),
                 lambda r: [r.randn(3, 4).astype('f'), r.randn(3, 4).astype('f')]),
    'gumbel_softmax': (lambda x: F.gumbel_softmax(x, 0.5, axis=1),
                       lambda r: [r.randn(3, 4, 2).astype('f')]),
    'dropconnect_batchwise': (lambda x, W, b: F.simplified_dropconnect(x, W, b, 0.4),
                              lambda r: [r.randn(3, 2, 2), r.randn(5, 4), r.randn(5)]),
    'dropconnect_shared': (
        lambda x, W, b: F.simplified_dropconnect(x, W, b, 0.4, use_batchwise_mask=False),
        lambda r: [r.randn(3, 4), r.randn(5, 4), r.randn(5)]),
    'zoneout': (lambda h, x: F.zoneout(h, x, 0.3), lambda r: [r.randn(4, 5), r.randn(4, 5)]),
}


def _labels(r, shape, low, high):
    return r.randint(low, high, shape).astype(numpy.int32)


EVALUATION = {
    'accuracy': (F.accuracy, lambda r: [r.randn(20, 4).astype('f'), _labels(r, 20, 0, 4)]),
    'accuracy_ignore': (lambda y, t: F.accuracy(y, t, ignore_label=-1),
                        lambda r: [r.randn(8, 3, 4).astype('f'), _labels(r, (8, 4), -1, 3)]),
    'binary_accuracy': (F.binary_accuracy,
                        lambda r: [r.randn(6, 5).astype('f'), _labels(r, (6, 5), -1, 2)]),
    'classification_summary': (lambda y, t: F.classification_summary(y, t, beta=2.0),
                               lambda r: [r.randn(30, 4).astype('f'), _labels(r, 30, -1, 4)]),
    'classification_summary_nd': (lambda y, t: F.classification_summary(y, t, label_num=3),
                                  lambda r: [r.randn(6, 3, 5), _labels(r, (6, 5), 0, 3)]),
    'r2_score': (F.r2_score, lambda r: [r.randn(10, 3).astype('f'), r.randn(10, 3).astype('f')]),
    'r2_score_raw': (lambda p, t: F.r2_score(p, t, multioutput='raw_values'),
                     lambda r: [r.randn(10, 2, 2), r.randn(10, 2, 2)]),
}


def main(out):
    data = {}
    for i, (name, (f, make)) in enumerate(sorted(NOISE.items()) + sorted(EVALUATION.items())):
        xs = make(numpy.random.RandomState(i))
        numpy.random.seed(SEED)
        with chainer.using_config('train', True):
            ys = _outputs(f(*xs))
        for j, x in enumerate(xs):
            data['x/%s/%d' % (name, j)] = x
        for j, y in enumerate(ys):
            data['y/%s/%d' % (name, j)] = y
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
