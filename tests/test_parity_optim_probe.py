"""Optimizer details a differential probe against Chainer 7.8.1 found
(tools/goldens/parity_optim_probe.py; tests/data/parity_optim_probe.npz).

- float16 Adam steps in float32 from the float16 states, as Chainer does;
- a float16 RMSprop step whose eps rounds to 0 raises Chainer's error;
- AdaBound's bounds scale with the alpha at setup, also after loading a
  Chainer checkpoint (which does not hold it).

Each check runs with the fused update and with one rule at a time.
"""
import numpy
import pytest

import chainlite
from chainlite import optimizer, optimizers

import golden_scripts

probes = golden_scripts.script('parity_optim_probe')
GOLDEN = dict(golden_scripts.data('parity_optim_probe'))
CKPT = {k[len('adabound_ckpt/'):]: v for k, v in GOLDEN.items()
        if k.startswith('adabound_ckpt/') and k not in ('adabound_ckpt/w0',
                                                        'adabound_ckpt/param')}


@pytest.fixture(params=[True, False], ids=['fused', 'per_param'], scope='module')
def observed(request, tmp_path_factory):
    """What the probes observe with chainlite, loading Chainer's checkpoint."""
    fused = optimizer.GradientMethod.fused
    optimizer.GradientMethod.fused = request.param
    try:
        path = str(tmp_path_factory.mktemp('optim_probe') / 'probe')
        return probes.observe(chainlite, path, saved=CKPT)
    finally:
        optimizer.GradientMethod.fused = fused


@pytest.mark.parametrize('key', sorted(k for k in GOLDEN if not k.startswith('adabound_ckpt/')
                                       or k in ('adabound_ckpt/w0', 'adabound_ckpt/param')))
def test_matches_chainer(observed, key):
    expected, actual = GOLDEN[key], numpy.asarray(observed[key])
    if expected.dtype.kind == 'U':
        assert str(actual) == str(expected)
        return
    assert actual.dtype == expected.dtype, key
    numpy.testing.assert_array_equal(actual, expected, err_msg=key)


def test_float16_adam_states_stay_float16():
    net = probes.net_of(chainlite, probes.adam16_arrays())
    opt = optimizers.Adam(amsgrad=True).setup(net)
    probes.grads_of(net, numpy.random.RandomState(0))
    opt.update()
    assert {a.dtype for a in net.a.update_rule.state.values()} == {numpy.dtype(numpy.float16)}
    assert net.a.array.dtype == numpy.float16


def test_rmsprop_float16_eps_check_spares_other_dtypes():
    net = probes.net_of(chainlite, [numpy.ones(3, numpy.float32)])
    opt = optimizers.RMSprop(eps=1e-30).setup(net)
    net.a.grad = numpy.ones(3, numpy.float32)
    opt.update()  # float32 holds this eps
    assert net.a.update_rule.t == 1


def test_adabound_initial_alpha_is_the_alpha_at_setup():
    opt = optimizers.AdaBound(alpha=0.01)
    rule = opt.create_update_rule()
    opt.alpha = 0.02
    rule.hyperparam.alpha = 0.04
    assert rule.initial_alpha == 0.01
    assert optimizers.adam.AdamRule(alpha=0.5).initial_alpha == 0.5


def test_add_hook_before_setup_names_add_hook():
    with pytest.raises(RuntimeError, match=r'SGD: call setup\(link\) before add_hook\(\)'):
        optimizers.SGD().add_hook(chainlite.optimizer_hooks.WeightDecay(0.1))
    with pytest.raises(RuntimeError, match=r'before update\(\)'):
        optimizers.SGD().update()
