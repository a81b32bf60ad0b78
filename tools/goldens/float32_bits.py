"""Chainer 7.8.1's float32 bits (values and gradients) of the losses and reductions that
training scripts print most, on random inputs, for tests that ask for equality, not
closeness: softmax_cross_entropy, log_softmax, sigmoid_cross_entropy, mean_squared_error,
mean, batch_normalization (training mode) and fixed_batch_normalization (its gradients
of x, and of mean and var through x); and the parameters after three updates
of the optimizers in OPTIMIZERS (opt/<name>/p0, opt/<name>/g<k>, opt/<name>/p).

Runs in the reference environment: python float32_bits.py OUT.npz
Keys, for case i: in/<name>/i (inputs), and for each call in CALLS out/<call>/i (value),
gy/<call>/i (upstream gradient), grad/<call>/i (gradient of x); libm/<function> (see
_bits.py).
"""
import sys

import numpy

import _bits

N_CASES = 16
CALLS = {
    'sce': lambda F, x, a: F.softmax_cross_entropy(x, a['t']),
    'sce_no': lambda F, x, a: F.softmax_cross_entropy(x, a['t'], reduce='no'),
    'log_softmax': lambda F, x, a: F.log_softmax(x),
    'sigmoid_ce': lambda F, x, a: F.sigmoid_cross_entropy(x, a['tb']),
    'sigmoid_ce_no': lambda F, x, a: F.sigmoid_cross_entropy(x, a['tb'], reduce='no'),
    'sigmoid_ce_batch': lambda F, x, a: F.sigmoid_cross_entropy(x, a['tb'], normalize=False),
    'mse': lambda F, x, a: F.mean_squared_error(x, a['x2']),
    'mean': lambda F, x, a: F.mean(x),
    'mean_axis': lambda F, x, a: F.mean(x, axis=1),
    'batch_normalization': lambda F, x, a: F.batch_normalization(x, a['gamma'], a['beta']),
    'fixed_bn': lambda F, x, a: F.fixed_batch_normalization(x, a['gamma'], a['beta'],
                                                            a['beta'] * 0.5, a['gamma'] * 2),
    'fixed_bn_stats': lambda F, x, a: F.fixed_batch_normalization(
        a['x2'], a['gamma'], a['beta'], F.mean(x, axis=0), F.mean(x * x, axis=0) + 0.1),
}
# the NumPy float32 functions whose CPU-dependent last bits each call's result carries
# (see _bits.py); the other calls round alike everywhere
LIBM = {'sce': ('exp', 'log'), 'sce_no': ('exp', 'log'), 'log_softmax': ('exp', 'log'),
        'sigmoid_ce': ('exp', 'log1p'), 'sigmoid_ce_no': ('exp', 'log1p'),
        'sigmoid_ce_batch': ('exp', 'log1p')}


OPTIMIZERS = {
    'adam': lambda o: o.Adam(),
    'adamw': lambda o: o.Adam(weight_decay_rate=0.01),
    'adamw_eta': lambda o: o.Adam(weight_decay_rate=0.01, eta=0.5),
    'amsgrad': lambda o: o.Adam(amsgrad=True),
    'momentum_sgd': lambda o: o.MomentumSGD(),
    'rmsprop': lambda o: o.RMSprop(),
}


def inputs(r, i):
    n, c = r.randint(1, 9), r.randint(2, 9)
    x = (r.randn(n, c) * r.choice([0.1, 1.0, 8.0])).astype(numpy.float32)
    t = r.randint(0, c, n).astype(numpy.int32)
    tb = r.randint(0, 2, (n, c)).astype(numpy.int32)
    if i % 2:
        t[r.rand(n) < 0.3] = -1
        tb[r.rand(n, c) < 0.3] = -1
    return {'x': x, 't': t, 'tb': tb, 'x2': r.randn(n, c).astype(numpy.float32),
            'gamma': (r.rand(c) + 0.5).astype(numpy.float32),
            'beta': r.randn(c).astype(numpy.float32)}


def main(out):
    import chainer
    import chainer.functions as F
    r = numpy.random.RandomState(7)
    data = {}
    _bits.record_calls(data, F, r, N_CASES, inputs, CALLS)
    for name, make in OPTIMIZERS.items():
        p0 = r.randn(40).astype(numpy.float32)
        grads = [r.randn(40).astype(numpy.float32) for _ in range(3)]
        link = chainer.Link()
        with link.init_scope():
            link.p = chainer.Parameter(p0.copy())
        opt = make(chainer.optimizers)
        opt.setup(link)
        for k, g in enumerate(grads):
            link.p.grad = g
            opt.update()
            data['opt/%s/g%d' % (name, k)] = g
        data['opt/%s/p0' % name], data['opt/%s/p' % name] = p0, link.p.array
    _bits.record_probes(data)
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
