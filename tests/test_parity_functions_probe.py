"""chainlite.functions against Chainer 7.8.1 where a differential probe of the two found
them apart (goldens: tools/goldens/parity_functions_probe.py)."""
import numpy
import pytest

import chainlite
from chainlite import gradient_check
from chainlite.utils import type_check
import golden_scripts

G = golden_scripts.script('parity_functions_probe')
DATA = golden_scripts.data('parity_functions_probe')


def _close(actual, expected, where):
    """Bit-equal for float16 (NumPy computes both), else within float rounding."""
    assert actual.dtype == expected.dtype and actual.shape == expected.shape, where
    if expected.dtype == numpy.float16:
        numpy.testing.assert_array_equal(actual, expected, err_msg=where)
    else:
        numpy.testing.assert_allclose(actual, expected, rtol=1e-6, atol=1e-12, err_msg=where)


@pytest.mark.parametrize('name', sorted(G.CASES))
def test_case_matches_chainer(name):
    n = len(G.CASES[name][1])
    xs = [DATA['x/%s/%d' % (name, i)] for i in range(n)]
    out = G.run(chainlite, name, xs)
    _close(out['y'], DATA['y/' + name], name)
    for i in range(n):
        _close(out['gx/%d' % i], DATA['gx/%s/%d' % (name, i)], '%s: gx%d' % (name, i))
        key = 'ggx/%s/%d' % (name, i)
        if G.CASES[name][3]:
            expected = DATA[key] if key in DATA else numpy.zeros_like(xs[i])
            _close(out.get('ggx/%d' % i, numpy.zeros_like(xs[i])), expected,
                   '%s: ggx%d' % (name, i))


def test_float16_mean_does_not_overflow_where_the_sum_does():
    x = numpy.full(100, 1000, numpy.float16)
    with numpy.errstate(over='ignore'):
        assert numpy.isinf(chainlite.functions.sum(x).array)
    assert chainlite.functions.mean(x).array == 1000


@pytest.mark.parametrize('transa, transb, shapes', [
    (True, False, [(3,), (3, 2)]), (False, True, [(2, 3), (3,)]),
    (True, True, [(3,), (2, 4, 3)]), (True, False, [(2, 3, 4), (3,)])])
def test_matmul_ignores_transposes_of_1d_operands_in_backward(transa, transb, shapes):
    r = numpy.random.RandomState(0)
    a, b = (r.randn(*s) for s in shapes)
    y = numpy.matmul(a.swapaxes(-1, -2) if transa and a.ndim > 1 else a,
                     b.swapaxes(-1, -2) if transb and b.ndim > 1 else b)
    gradient_check.check_backward(
        lambda a, b: chainlite.functions.matmul(a, b, transa, transb), (a, b),
        r.randn(*y.shape), dtype=numpy.float64)


def test_polygamma_of_0dim_input_differentiates_twice():
    r = numpy.random.RandomState(1)
    x = numpy.array(r.uniform(0.5, 2.0))
    n = numpy.array(1, numpy.int32)
    gradient_check.check_double_backward(
        lambda x: chainlite.functions.polygamma(n, x), x, numpy.array(r.randn()),
        numpy.array(r.randn()), dtype=numpy.float64)


@pytest.mark.parametrize('name', sorted(G.ERRORS))
def test_bad_shapes_raise_invalid_type_as_in_chainer(name):
    assert str(DATA['err/' + name]) == 'InvalidType'
    with pytest.raises(type_check.InvalidType):
        G.ERRORS[name](chainlite.functions)
