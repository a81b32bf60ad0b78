"""Chainer 7.8.1 parity of the optimizer API's edges: npz keys, hooks, errors, deprecations.

Keys come from tools/goldens/optimizers_keys.py (tests/data/optimizers_npz_keys.json);
the other expectations were measured on Chainer 7.8.1.
"""
import json
import pathlib

import numpy
import pytest

import chainlite
from chainlite import optimizer, optimizer_hooks, optimizers, serializers

from test_optimizers_golden import Net, initial_arrays

KEYS = json.loads((pathlib.Path(__file__).parent / 'data' / 'optimizers_npz_keys.json')
                  .read_text())


@pytest.mark.parametrize('name', sorted(KEYS))
def test_npz_keys_dtypes_and_shapes(name, tmp_path):
    cls, kwargs = (name, {}) if '(' not in name else ('Adam', {'amsgrad': True})
    net = Net(initial_arrays())
    opt = getattr(optimizers, cls)(**kwargs).setup(net)
    net.l1.b.update_rule.enabled = False
    for _ in range(2):
        for p in net.params():
            p.grad = numpy.ones_like(p.array)
        opt.update()
    serializers.save_npz(tmp_path / 'o.npz', opt)
    d = numpy.load(tmp_path / 'o.npz')
    ours = {k: [str(d[k].dtype), list(d[k].shape)] for k in d.files if k != 'chainlite_settings'}
    assert ours == KEYS[name]


def hook_names(owner):
    return list(owner._pre_update_hooks), list(owner._post_update_hooks)


def opt_and_net():
    net = Net(initial_arrays())
    return optimizers.SGD().setup(net), net


@pytest.mark.parametrize('hook', [optimizer_hooks.WeightDecay(0.1), optimizer_hooks.Lasso(0.1),
                                  optimizer_hooks.GradientClipping(1.0),
                                  optimizer_hooks.GradientHardClipping(-1, 1),
                                  optimizer_hooks.GradientNoise(0.1),
                                  optimizer_hooks.GradientLARS()])
def test_builtin_hook_timings(hook):
    name = type(hook).__name__
    assert hook.timing == 'pre' and hook.name == name
    for timing, expected in (('pre', ([name], [])), ('post', ([], [name])),
                             ('auto', ([name], []))):
        opt, net = opt_and_net()
        opt.add_hook(hook, timing=timing)
        assert hook_names(opt) == expected
        if name != 'GradientClipping':
            net.l1.W.update_rule.add_hook(hook, timing=timing)
            assert hook_names(net.l1.W.update_rule) == expected


def test_add_and_remove_hook_errors():
    def hk(opt):
        pass
    with pytest.raises(RuntimeError, match='setup'):
        optimizers.SGD().add_hook(hk)
    opt, net = opt_and_net()
    opt.add_hook(hk)
    with pytest.raises(KeyError, match='hook "hk" already exists'):
        opt.add_hook(hk, timing='post')  # a name is unique across timings
    with pytest.raises(TypeError, match='callable'):
        opt.add_hook(3)
    with pytest.raises(ValueError, match='timing'):
        opt.add_hook(hk, name='x', timing='mid')
    with pytest.warns(UserWarning, match='defaulting timing'):
        opt.add_hook(type('Odd', (), {'timing': 'x', 'name': 'odd',
                                      '__call__': lambda self, o: None})())
    with pytest.raises(KeyError):
        opt.remove_hook('nope')
    opt.remove_hook('hk')
    assert hook_names(opt) == (['odd'], [])
    with pytest.raises(ValueError, match='pre'):
        opt.call_hooks('mid')
    rule = net.l1.W.update_rule
    with pytest.raises(TypeError, match='whole optimizer'):
        rule.add_hook(optimizer_hooks.GradientClipping(1.0))
    rule.add_hook(optimizer_hooks.WeightDecay(0.1))
    with pytest.raises(KeyError, match='already exists'):
        rule.add_hook(optimizer_hooks.WeightDecay(0.2))
    with pytest.raises(KeyError):
        rule.remove_hook('nope')


def test_update_with_lossfun_args_and_kwargs():
    opt, net = opt_and_net()
    opt.lr = 0.1
    before = net.l1.b.array.copy()
    opt.update(lambda a, b=1.0: chainlite.functions.sum(net.l1.b * a * b), 2.0, b=3.0)
    numpy.testing.assert_allclose(net.l1.b.array, before - 0.1 * 6.0, rtol=1e-6)


def test_create_update_rule_falls_back_to_the_optimizer():
    for name in ('SGD', 'Adam', 'AdaDelta', 'MSVAG'):
        opt = getattr(optimizers, name)()
        rule = opt.create_update_rule()
        assert rule.hyperparam.parent is opt.hyperparam
        assert rule.t == 0 and rule.state is None and rule.enabled
        assert rule.hyperparam.get_dict() == opt.hyperparam.get_dict()
    with pytest.raises(NotImplementedError):
        optimizer.GradientMethod().create_update_rule()


def test_use_cleargrads_is_deprecated():
    with pytest.warns(DeprecationWarning, match='use_cleargrads is deprecated'):
        optimizers.SGD().use_cleargrads(False)


def test_new_epoch_auto_errors():
    opt, _ = opt_and_net()
    opt.new_epoch()
    with pytest.raises(RuntimeError, match='invalid new_epoch call with auto=True'):
        opt.new_epoch(auto=True)
    opt.use_auto_new_epoch = True
    with pytest.raises(RuntimeError, match='duplicated new_epoch'):
        opt.new_epoch()
    opt.new_epoch(auto=True)
    assert opt.epoch == 2


def test_hyperparameter_get_dict_and_repr():
    parent = optimizer.Hyperparameter()
    parent.y = 0
    parent.x = 1
    child = optimizer.Hyperparameter(parent)
    child.y = 2
    assert child.get_dict() == {'y': 2, 'x': 1} and parent.get_dict() == {'y': 0, 'x': 1}
    assert repr(child) == str(child) == 'Hyperparameter(x=1, y=2)'
    assert repr(optimizer.Hyperparameter()) == 'Hyperparameter()'
    assert repr(optimizers.SGD().create_update_rule().hyperparam) == 'Hyperparameter(lr=0.01)'


def test_adam_lr_is_a_deprecated_alpha_t():
    opt = optimizers.Adam(alpha=0.01)
    with pytest.raises(RuntimeError, match='not been started'):
        opt.alpha_t
    with pytest.warns(DeprecationWarning, match='Adam.lr has been renamed'):
        with pytest.raises(RuntimeError):
            opt.lr
    opt.setup(Net(initial_arrays()))
    for p in opt.target.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    assert opt.alpha_t == pytest.approx(0.01 * (1 - 0.999) ** 0.5 / (1 - 0.9))
    with pytest.warns(DeprecationWarning, match='AdamRule.lr has been renamed'):
        assert opt.target.l1.W.update_rule.lr == opt.target.l1.W.update_rule.alpha_t
    with pytest.raises(AttributeError):
        opt.lr = 0.5


def test_setup_twice_and_non_links():
    opt, net = opt_and_net()
    opt.add_hook(optimizer_hooks.WeightDecay(0.1))
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    rule = net.l1.W.update_rule
    assert opt.setup(net) is opt
    assert opt.t == 0 and hook_names(opt) == ([], [])
    assert net.l1.W.update_rule is not rule and net.l1.W.update_rule.state is None
    for bad in (3, None, numpy.zeros(2)):
        with pytest.raises(TypeError, match='link'):
            optimizers.SGD().setup(bad)
