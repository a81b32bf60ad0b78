"""Losses and recurrent cells against Chainer 7.8.1 bit for bit where a differential probe
found chainlite rounding in another order (tests/data/parity_loss_rnn_probe.npz from
tools/goldens/parity_loss_rnn_probe.py)."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
import golden_scripts

GOLDEN = golden_scripts.data('parity_loss_rnn_probe')


def inputs(name):
    return [GOLDEN['%s/x%d' % (name, i)] for i in range(20) if '%s/x%d' % (name, i) in GOLDEN]


def assert_bits(name, ys):
    ys = ys if isinstance(ys, tuple) else (ys,)
    for i, y in enumerate(ys):
        expected = GOLDEN['%s/y%d' % (name, i)]
        assert y.dtype == expected.dtype and y.shape == expected.shape
        numpy.testing.assert_array_equal(y.array, expected, err_msg=name)


@pytest.mark.parametrize('dtype', ['float32', 'float64'])
@pytest.mark.parametrize('reduce', ['mean', 'no'])
@pytest.mark.parametrize('double', [False, True])
def test_kl_divergence_takes_log_of_t_plus_1e7(dtype, reduce, double):
    name = 'kl_%s_%s' % (dtype, reduce)
    x, t = inputs(name)
    y = F.softmax_cross_entropy(x, t, soft_target_loss='kl-divergence', reduce=reduce,
                                enable_double_backprop=double)
    if double or dtype == 'float64':  # (float64 log_softmax differs by an ulp)
        numpy.testing.assert_allclose(y.array, GOLDEN[name + '/y0'], rtol=1e-6 if double else 1e-14)
    else:
        assert_bits(name, y)


@pytest.mark.parametrize('dtype', ['float16', 'float32', 'float64'])
@pytest.mark.parametrize('reduce', ['sum_along_second_axis', 'no'])
def test_huber_loss_rounds_linear_part_as_chainer(dtype, reduce):
    name = 'huber_%s_%s' % (dtype, reduce)
    assert_bits(name, F.huber_loss(*inputs(name), 0.7, reduce=reduce))


@pytest.mark.parametrize('n', [2, 3])
def test_tree_lstm_sums_children_first(n):
    name = 'tree_lstm%d' % n
    assert_bits(name, F.tree_lstm(*inputs(name)))


def test_tree_lstm_backward_float64():
    r = numpy.random.RandomState(0)
    args = [r.randn(2, 3) for _ in range(3)] + [r.randn(2, 18)]
    grads = [r.randn(2, 3), r.randn(2, 3)]
    chainlite.gradient_check.check_backward(F.tree_lstm, args, grads, dtype=numpy.float64)


def test_stateless_mgu_mixes_state_as_chainer():
    mgu = L.StatelessMGU(4, 6)
    for name, param in mgu.namedparams():
        param.array[...] = GOLDEN['mgu' + name]
    assert_bits('mgu', mgu(*inputs('mgu')))
