"""Chainer 7.8.1's float32 bits (values and gradients) of more functions that training
scripts print: the elementwise and pairwise losses (huber_loss, absolute_error,
squared_error, gaussian_kl_divergence, bernoulli_nll, gaussian_nll, contrastive, triplet,
hinge), activations and math functions, on random inputs, for tests that ask for
equality, not closeness (companion of float32_bits.py).

Runs in the reference environment: python float32_bits_functions.py OUT.npz
Keys, for case i: in/<name>/i (inputs), and for each call in CALLS out/<call>/i (value),
gy/<call>/i (upstream gradient, stored before backward: Chainer's hinge divides it in
place), grad/<call>/i (gradient of x), libm/<function> (see _bits.py); the calls in
NOGRAD (accuracy, r2_score) store only their value.
"""
import sys

import numpy

import _bits

N_CASES = 3  # one per input scale (0.1, 1, 8); each call costs 9 small arrays
INPUTS = ('x', 'x2', 'x3', 'y', 't', 'tb', 'beta')
CALLS = {
    'huber_loss': lambda F, x, a: F.huber_loss(x, a['x2'], 1.0),
    'huber_loss_no': lambda F, x, a: F.huber_loss(x, a['x2'], 0.5, reduce='no'),
    'absolute_error': lambda F, x, a: F.absolute_error(x, a['x2']),
    'squared_error': lambda F, x, a: F.squared_error(x, a['x2']),
    'gaussian_kl_mean': lambda F, x, a: F.gaussian_kl_divergence(x, a['x2']),
    'gaussian_kl_ln_var': lambda F, x, a: F.gaussian_kl_divergence(a['x2'], x),
    'gaussian_kl_mean_no': lambda F, x, a: F.gaussian_kl_divergence(x, a['x2'], reduce='no'),
    'gaussian_kl_mean_mean': lambda F, x, a: F.gaussian_kl_divergence(x, a['x2'], reduce='mean'),
    'bernoulli_nll': lambda F, x, a: F.bernoulli_nll(a['y'], x),
    'bernoulli_nll_no': lambda F, x, a: F.bernoulli_nll(a['y'], x, reduce='no'),
    'bernoulli_nll_mean': lambda F, x, a: F.bernoulli_nll(a['y'], x, reduce='mean'),
    'gaussian_nll_x': lambda F, x, a: F.gaussian_nll(x, a['x2'], a['x3']),
    'gaussian_nll_mean': lambda F, x, a: F.gaussian_nll(a['x2'], x, a['x3']),
    'gaussian_nll_ln_var': lambda F, x, a: F.gaussian_nll(a['x2'], a['x3'], x),
    'gaussian_nll_mean_no': lambda F, x, a: F.gaussian_nll(a['x2'], x, a['x3'], reduce='no'),
    'gaussian_nll_x_mean': lambda F, x, a: F.gaussian_nll(x, a['x2'], a['x3'], reduce='mean'),
    'contrastive': lambda F, x, a: F.contrastive(x, a['x2'], a['tb'][:, 0], margin=2.0),
    'contrastive_no': lambda F, x, a: F.contrastive(x, a['x2'], a['tb'][:, 0], reduce='no'),
    'triplet': lambda F, x, a: F.triplet(x, a['x2'], a['x3'], margin=1.0),
    'triplet_no': lambda F, x, a: F.triplet(a['x2'], x, a['x3'], reduce='no'),
    'hinge': lambda F, x, a: F.hinge(x, numpy.maximum(a['t'], 0)),
    'hinge_l2': lambda F, x, a: F.hinge(x, numpy.maximum(a['t'], 0), norm='L2'),
    'hinge_no': lambda F, x, a: F.hinge(x, numpy.maximum(a['t'], 0), reduce='no'),
    'sigmoid': lambda F, x, a: F.sigmoid(x),
    'tanh': lambda F, x, a: F.tanh(x),
    'elu': lambda F, x, a: F.elu(x),
    'selu': lambda F, x, a: F.selu(x),
    'leaky_relu': lambda F, x, a: F.leaky_relu(x),
    'swish': lambda F, x, a: F.swish(x, a['beta']),
    'softmax': lambda F, x, a: F.softmax(x),
    'logsumexp': lambda F, x, a: F.logsumexp(x, axis=1),
    'exp': lambda F, x, a: F.exp(x),
    'log': lambda F, x, a: F.log(F.absolute(x)),
    'sqrt': lambda F, x, a: F.sqrt(F.absolute(x)),
    'rsqrt': lambda F, x, a: F.rsqrt(F.absolute(x)),
    'square': lambda F, x, a: F.square(x),
    'max': lambda F, x, a: F.max(x, axis=1),
    'min': lambda F, x, a: F.min(x),
    'prod': lambda F, x, a: F.prod(x, axis=1),
    'cumsum': lambda F, x, a: F.cumsum(x, axis=1),
    'batch_l2_norm_squared': lambda F, x, a: F.batch_l2_norm_squared(x),
    'mean_absolute_error': lambda F, x, a: F.mean_absolute_error(x, a['x2']),
    'softplus': lambda F, x, a: F.softplus(x),
    'softmax_axis0': lambda F, x, a: F.softmax(x, axis=0),
    'logsumexp_all': lambda F, x, a: F.logsumexp(x),
    'log1p': lambda F, x, a: F.log1p(F.absolute(x)),
    'expm1': lambda F, x, a: F.expm1(x),
    'squared_difference': lambda F, x, a: F.squared_difference(x, a['x2']),
    'cumprod': lambda F, x, a: F.cumprod(x, axis=1),
    'prod_all': lambda F, x, a: F.prod(x),
    'linear_interpolate': lambda F, x, a: F.linear_interpolate(a['y'] * 0.25, x, a['x2']),
    'linear_interpolate_p': lambda F, x, a: F.linear_interpolate(x, a['x2'], a['x3']),
    'linear_interpolate_y': lambda F, x, a: F.linear_interpolate(a['y'] * 0.25, a['x2'], x),
    'local_response_normalization': lambda F, x, a: F.local_response_normalization(
        F.reshape(x, x.shape + (1,)), n=3, k=1, alpha=0.1),
    'sin': lambda F, x, a: F.sin(x),
    'cosh': lambda F, x, a: F.cosh(F.clip(x, -8.0, 8.0)),
    'arctanh': lambda F, x, a: F.arctanh(F.clip(x, -0.9, 0.9)),
    'erf': lambda F, x, a: F.erf(x),
    'log_ndtr': lambda F, x, a: F.log_ndtr(x),
    'accuracy': lambda F, x, a: F.accuracy(x, a['t']),
    'r2_score': lambda F, x, a: F.r2_score(x, a['x2']),
}
NOGRAD = ('accuracy', 'r2_score')
_EXP_LOG1P = ('exp', 'log1p')
# the NumPy float32 functions whose CPU-dependent last bits each call's value or gradient
# carries (see _bits.py); the other calls round alike everywhere
LIBM = {'gaussian_kl_mean': ('exp',), 'gaussian_kl_ln_var': ('exp',),
        'gaussian_kl_mean_no': ('exp',), 'gaussian_kl_mean_mean': ('exp',),
        'bernoulli_nll': _EXP_LOG1P, 'bernoulli_nll_no': _EXP_LOG1P,
        'bernoulli_nll_mean': _EXP_LOG1P, 'gaussian_nll_x': ('exp',),
        'gaussian_nll_mean': ('exp',), 'gaussian_nll_ln_var': ('exp',),
        'gaussian_nll_mean_no': ('exp',), 'gaussian_nll_x_mean': ('exp',),
        'sigmoid': ('exp', 'tanh'), 'tanh': ('tanh',), 'elu': ('exp', 'expm1'),
        'selu': ('exp', 'expm1'), 'swish': ('exp', 'tanh'), 'softmax': ('exp',),
        'softmax_axis0': ('exp',), 'logsumexp': ('exp', 'log'),
        'logsumexp_all': ('exp', 'log'), 'exp': ('exp',), 'log': ('log',),
        'softplus': _EXP_LOG1P, 'log1p': ('log1p',), 'expm1': ('exp', 'expm1'),
        'sin': ('sin', 'cos'), 'cosh': ('cosh', 'sinh'), 'arctanh': ('arctanh',),
        'erf': ('exp',)}


def inputs(r, i):
    n, c = r.randint(2, 7), r.randint(2, 7)
    scale = [0.1, 1.0, 8.0][i % 3]
    t = r.randint(0, c, n).astype(numpy.int32)
    if i % 2:
        t[r.rand(n) < 0.3] = -1
    return {'x': (r.randn(n, c) * scale).astype(numpy.float32),
            'x2': (r.randn(n, c) * scale).astype(numpy.float32),
            'x3': (r.randn(n, c) * scale).astype(numpy.float32),
            'y': r.randint(0, 2, (n, c)).astype(numpy.float32),
            't': t, 'tb': r.randint(0, 2, (n, c)).astype(numpy.int32),
            'beta': (r.rand(c) + 0.5).astype(numpy.float32)}


def main(out):
    import chainer.functions as F
    r = numpy.random.RandomState(11)
    data = {}
    _bits.record_calls(data, F, r, N_CASES, inputs, CALLS, NOGRAD)
    _bits.record_probes(data)
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
