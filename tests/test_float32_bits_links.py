"""Chainer 7.8.1's float32 bits: links (forward, input and parameter gradients), the LSTM
activations and the optimizers with their hooks give exactly Chainer's numbers, so a
ported script prints the same.

Goldens from tools/goldens/float32_bits_links.py (tests/data/float32_bits_links.npz).
"""
import numpy
import pytest

import chainlite
import chainlite.links as L

import golden_scripts


BITS = golden_scripts.script('float32_bits_links')
DATA = BITS.unpack(golden_scripts.data('float32_bits_links'))


def _list(prefix):
    out = []
    while '%s/%d' % (prefix, len(out)) in DATA:
        out.append(DATA['%s/%d' % (prefix, len(out))])
    return out


@pytest.mark.parametrize('name', sorted(BITS.LINKS))
def test_link_equal_chainer_bit_for_bit(name):
    # e.g. the LSTM's gate gradients with s (1 - s) rounded first, the GRU's
    # z h_bar + (1 - z) h, NStepLSTM's input product per time step, layer
    # normalization's x gradient along Chainer's chain rule
    for i in range(BITS.N_CASES):
        key = '%s/%d' % (name, i)
        params = {k[len('prm/%s/' % key):]: v for k, v in DATA.items()
                  if k.startswith('prm/%s/' % key)}
        ys, gxs, gps = BITS.run_link(chainlite, L, name, params, _list('in/' + key),
                                     _list('gy/' + key))
        want = _list('y/' + key)
        assert len(ys) == len(want)
        for k, (y, w) in enumerate(zip(ys, want)):
            assert numpy.array_equal(y, w), (i, 'y', k)
        for k, gx in enumerate(gxs):
            if 'gx/%s/%d' % (key, k) in DATA:
                assert numpy.array_equal(gx, DATA['gx/%s/%d' % (key, k)]), (i, 'gx', k)
        assert sorted(gps) == sorted(params)
        for pname, gp in gps.items():
            assert numpy.array_equal(gp, DATA['gp/%s/%s' % (key, pname)]), (i, pname)


@pytest.mark.parametrize('name', sorted(BITS.FUNCTIONS))
def test_function_equal_chainer_bit_for_bit(name):
    for i in range(BITS.N_CASES):
        key = '%s/%d' % (name, i)
        ys, gxs = BITS.run_function(chainlite, name, _list('fin/' + key), _list('fgy/' + key))
        for k, (y, w) in enumerate(zip(ys, _list('fy/' + key))):
            assert numpy.array_equal(y, w), (i, 'y', k)
        for k, (gx, w) in enumerate(zip(gxs, _list('fgx/' + key))):
            assert numpy.array_equal(gx, w), (i, 'gx', k)


@pytest.mark.parametrize('fused', [True, False])
@pytest.mark.parametrize('hook', sorted(BITS.HOOKS))
@pytest.mark.parametrize('name', sorted(BITS.OPTIMIZERS))
def test_optimizer_with_hooks_equal_chainer_bit_for_bit(name, hook, fused):
    # e.g. GradientLARS's rate in float64 from the float32 norms, rounded once;
    # MSVAG's step (lr * m_hat) * factor
    key = 'opt/%s/%s' % (name, hook)
    p0 = {k: DATA['%s/p0/%s' % (key, k)] for k in ('a', 'b')}
    grads = [{k: DATA['%s/g%d/%s' % (key, s, k)] for k in ('a', 'b')}
             for s in range(BITS.STEPS)]
    p = BITS.run_optimizer(chainlite, name, hook, p0, grads, fused=fused)
    for k in ('a', 'b'):
        assert numpy.array_equal(p[k], DATA['%s/p/%s' % (key, k)]), k
