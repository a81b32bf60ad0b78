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


@pytest.mark.parametrize('name', sorted(goldens.CASES))
def test_forward_and_backward_match_chainer(name):
    case = goldens.CASES[name]
    v, res = _run(name)
    loss, extras = (res[0], res[1:]) if isinstance(res, tuple) else (res, ())
    testing.assert_allclose(loss.array, DATA['out/' + name], atol=1e-10, rtol=1e-7)
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
