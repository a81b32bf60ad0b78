"""Loss functions against values and gradients recorded from Chainer 7.8.1.

The calls are the ones in tools/goldens/functions_loss.py (CASES), made here with chainlite
on the inputs stored in tests/data/functions_loss.npz.
"""

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import testing

import golden_scripts

goldens = golden_scripts.script('functions_loss')
DATA = golden_scripts.data('functions_loss')


def _run(name):
    case = goldens.CASES[name]
    v = {}
    for k in case['inputs']:
        a = DATA['in/%s/%s' % (name, k)]
        v[k] = chainlite.Variable(a) if k in case['diff'] else a
    res = case['call'](F, v)
    return v, res


def _atol(name):
    # Chainer's KL divergence adds 1e-7 inside log(t); chainlite computes t log t exactly.
    return 1e-6 if 'kl-divergence' in name else 1e-10


@pytest.mark.parametrize('name', sorted(goldens.CASES))
def test_forward_and_backward_match_chainer(name):
    case = goldens.CASES[name]
    v, res = _run(name)
    loss, extras = (res[0], res[1:]) if isinstance(res, tuple) else (res, ())
    testing.assert_allclose(loss.array, DATA['out/' + name], atol=_atol(name), rtol=1e-7)
    assert loss.dtype == numpy.float64
    for i, e in enumerate(extras, 1):
        for j, p in enumerate(e):
            numpy.testing.assert_array_equal(p, DATA['out/%s/%d/%d' % (name, i, j)])
    if loss.size != 1:
        loss.grad = DATA['gy/' + name]
    loss.backward()
    for k in case['diff']:
        expected = DATA['grad/%s/%s' % (name, k)]
        got = v[k].grad
        got = numpy.zeros_like(expected) if got is None else got
        testing.assert_allclose(got, expected, atol=1e-10, rtol=1e-7)


def test_every_case_has_a_golden():
    for name in goldens.CASES:
        assert 'out/' + name in DATA.files, name


BITS = golden_scripts.script('float32_bits')
BITS_DATA = golden_scripts.data('float32_bits')


@pytest.mark.parametrize('name', sorted(BITS.CALLS))
def test_float32_bits_equal_chainer(name):
    # Chainer's rounding order (e.g. log_softmax as x - (max + log(sum(exp(x - max)))), a
    # mean as sum / n with gradient gy * (1 / n), batch normalization with 1 / sqrt(var + eps)),
    # so ported scripts print the same losses
    for i in range(BITS.N_CASES):
        a = {k: BITS_DATA['in/%s/%d' % (k, i)] for k in ('x', 't', 'tb', 'x2', 'gamma', 'beta')}
        v = chainlite.Variable(a['x'])
        y = BITS.CALLS[name](F, v, a)
        y.grad = BITS_DATA['gy/%s/%d' % (name, i)]
        y.backward()
        assert numpy.array_equal(y.array, BITS_DATA['out/%s/%d' % (name, i)]), i
        assert numpy.array_equal(v.grad, BITS_DATA['grad/%s/%d' % (name, i)]), i
