"""Chainer 7.8.1's float32 bits: the common losses, reductions, batch normalization and
optimizer updates give exactly Chainer's numbers, so a ported script prints the same.

Goldens from tools/goldens/float32_bits.py (tests/data/float32_bits.npz).
"""
import numpy
import pytest

import chainlite
import chainlite.functions as F

import golden_scripts


BITS = golden_scripts.script('float32_bits')
BITS_DATA = golden_scripts.data('float32_bits')


@pytest.mark.filterwarnings('ignore:A batch with no more than one sample')  # (n = 1 cases)
@pytest.mark.parametrize('name', sorted(BITS.CALLS))
def test_float32_bits_equal_chainer(name):
    # Chainer's rounding order (e.g. log_softmax as x - (max + log(sum(exp(x - max)))), a
    # mean as sum / n with gradient gy * (1 / n), batch normalization with 1 / sqrt(var + eps)),
    # so ported scripts print the same losses
    # (exact where this CPU rounds exp, log1p, ... as the goldens' machine did)
    exact = golden_scripts.rounds_like_reference(BITS_DATA, BITS.LIBM.get(name, ()))
    for i in range(BITS.N_CASES):
        a = {k: BITS_DATA['in/%s/%d' % (k, i)] for k in ('x', 't', 'tb', 'x2', 'gamma', 'beta')}
        v = chainlite.Variable(a['x'])
        y = BITS.CALLS[name](F, v, a)
        y.grad = BITS_DATA['gy/%s/%d' % (name, i)]
        y.backward()
        golden_scripts.assert_bits_equal(y.array, BITS_DATA['out/%s/%d' % (name, i)], exact, i)
        golden_scripts.assert_bits_equal(v.grad, BITS_DATA['grad/%s/%d' % (name, i)], exact, i)


@pytest.mark.parametrize('fused', [True, False])
@pytest.mark.parametrize('name', sorted(BITS.OPTIMIZERS))
def test_optimizer_updates_equal_chainer_bit_for_bit(name, fused):
    # e.g. Adam's weight decay shrinks the parameter before the step, as Chainer's does
    link = chainlite.Link()
    with link.init_scope():
        link.p = chainlite.Parameter(BITS_DATA['opt/%s/p0' % name].copy())
    opt = BITS.OPTIMIZERS[name](chainlite.optimizers)
    opt.fused = fused
    opt.setup(link)
    for k in range(3):
        link.p.grad = BITS_DATA['opt/%s/g%d' % (name, k)].copy()
        opt.update()
    assert numpy.array_equal(link.p.array, BITS_DATA['opt/%s/p' % name])
