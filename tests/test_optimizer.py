"""Chainer's optimizer semantics (Hyperparameter, UpdateRule, hooks, update order) and errors."""
import numpy
import pytest

import chainlite
from chainlite import optimizer, optimizer_hooks, optimizers


def make_net(dtype=numpy.float32):
    net = chainlite.Chain()
    with net.init_scope():
        net.l1 = chainlite.Chain()
        net.l2 = chainlite.Chain()
    with net.l1.init_scope():
        net.l1.W = chainlite.Parameter(numpy.arange(6, dtype=dtype).reshape(2, 3) / 6)
        net.l1.b = chainlite.Parameter(numpy.ones(2, dtype))
    with net.l2.init_scope():
        net.l2.W = chainlite.Parameter(numpy.full((1, 2), -0.5, dtype))
    return net


def set_grads(net, value=1.0):
    for p in net.params():
        p.grad = numpy.full_like(p.array, value)


# -- Hyperparameter ---------------------------------------------------------------
def test_hyperparameter_parent_chain():
    opt = optimizers.MomentumSGD(lr=0.1).setup(make_net())
    net = opt.target
    hp = net.l1.W.update_rule.hyperparam
    assert hp.parent is opt.hyperparam
    assert hp.lr == 0.1
    hp.lr = 0.7
    opt.lr = 0.2
    assert hp.lr == 0.7 and net.l1.b.update_rule.hyperparam.lr == 0.2
    assert hp.get_dict() == {'lr': 0.7, 'momentum': 0.9}
    assert opt.hyperparam.get_dict() == {'lr': 0.2, 'momentum': 0.9}
    assert repr(hp) == 'Hyperparameter(lr=0.7, momentum=0.9)'


def test_unknown_hyperparameter_errors_list_known():
    opt = optimizers.Adam().setup(make_net())
    hp = opt.target.l1.W.update_rule.hyperparam
    with pytest.raises(AttributeError, match='alpha'):
        hp.lr = 0.1
    with pytest.raises(AttributeError, match='beta1'):
        hp.momentum
    root = optimizer.Hyperparameter()
    root.anything = 1  # a root set defines its names freely
    assert root.get_dict() == {'anything': 1}


def test_hyperparameter_proxy_and_defaults():
    assert optimizers.SGD().lr == 0.01
    assert optimizers.Adam().hyperparam.get_dict() == {
        'alpha': 0.001, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-08, 'eta': 1.0,
        'weight_decay_rate': 0, 'amsgrad': False, 'adabound': False, 'final_lr': 0.1,
        'gamma': 0.001}
    assert optimizers.AMSBound().amsgrad and optimizers.AMSBound().adabound
    assert optimizers.RMSpropGraves().hyperparam.get_dict() == {
        'lr': 0.0001, 'alpha': 0.95, 'momentum': 0.9, 'eps': 0.0001}
    opt = optimizers.SGD()
    opt.lr = 0.3
    assert opt.hyperparam.lr == 0.3


@pytest.mark.parametrize('bad', [-1.0, float('nan'), 'a', None, float('inf')])
def test_bad_learning_rate(bad):
    with pytest.raises(ValueError, match='lr'):
        optimizers.SGD(lr=bad)
    with pytest.raises(ValueError, match='alpha'):
        optimizers.Adam(alpha=bad)
    opt = optimizers.SGD().setup(make_net())
    with pytest.raises(ValueError):
        opt.lr = bad
    rule = opt.target.l1.W.update_rule
    with pytest.raises(ValueError, match='/l1/W'):  # a rule's own rate is checked when set
        rule.hyperparam.lr = bad
    assert 'lr' not in rule.hyperparam.overrides()


# -- setup and update ----------------------------------------------------------------------
def test_setup_errors_and_update_before_setup():
    with pytest.raises(TypeError, match='link'):
        optimizers.SGD().setup(3)
    with pytest.raises(RuntimeError, match='setup'):
        optimizers.SGD().update()
    opt = optimizers.SGD()
    assert opt.setup(make_net()) is opt


def test_rules_are_per_parameter_and_state_is_lazy():
    net = make_net()
    opt = optimizers.Adam().setup(net)
    rules = [p.update_rule for p in net.params()]
    assert len({id(r) for r in rules}) == 3
    assert all(type(r) is optimizers.adam.AdamRule and r.state is None for r in rules)
    set_grads(net)
    opt.update()
    state = net.l1.W.update_rule.state
    assert sorted(state) == ['m', 'v'] and state['m'].dtype == numpy.float32
    assert state['m'].shape == (2, 3)


def test_lazy_parameter_gets_rule_and_state_later():
    net = make_net()
    with net.init_scope():
        net.u = chainlite.Parameter(chainlite.initializers.Constant(1.0))
    opt = optimizers.MomentumSGD(lr=0.5).setup(net)
    assert net.u.update_rule is not None
    set_grads(net)
    opt.update()  # the uninitialized parameter is skipped
    assert net.u.update_rule.t == 0
    net.u.initialize((3,))
    set_grads(net)
    opt.update()
    numpy.testing.assert_array_equal(net.u.array, numpy.full(3, 0.5, 'f'))
    assert net.u.update_rule.t == 1


def test_disabled_rule_returns_without_counting():
    net = make_net()
    opt = optimizers.SGD(lr=1.0).setup(net)
    rule = net.l1.W.update_rule
    rule.enabled = False
    before = net.l1.W.array.copy()
    set_grads(net)
    opt.update()
    numpy.testing.assert_array_equal(net.l1.W.array, before)
    assert rule.t == 0 and rule.state is None and opt.t == 1
    net.l2.disable_update()
    assert not net.l2.update_enabled and net.l1.update_enabled


def test_update_with_lossfun_computes_loss_before_clearing_grads():
    net = make_net()
    opt = optimizers.SGD(lr=0.5).setup(net)
    set_grads(net, 123.0)
    seen = []

    def lossfun(scale):
        seen.append(net.l1.b.grad.copy())
        return chainlite.functions.sum(net.l1.b * net.l1.b) * scale

    opt.update(lossfun, 1.0)
    assert seen[0][0] == 123.0
    # d/db sum(b^2) = 2b = 2 (no stale 123 added): b = 1 - 0.5 * 2 = 0
    numpy.testing.assert_array_equal(net.l1.b.array, numpy.zeros(2, 'f'))


def test_use_cleargrads_false_zero_fills():
    net = make_net()
    opt = optimizers.SGD(lr=0.5).setup(net)
    with pytest.warns(DeprecationWarning):
        opt.use_cleargrads(False)
    set_grads(net, 5.0)
    opt.update(lambda: chainlite.functions.sum(net.l1.b * net.l1.b))
    numpy.testing.assert_array_equal(net.l1.b.array, numpy.zeros(2, 'f'))
    numpy.testing.assert_array_equal(net.l2.W.grad, numpy.zeros((1, 2), 'f'))


def test_loss_scale_is_divided_back():
    results = []
    for scale in (None, 8.0):
        net = make_net()
        opt = optimizers.SGD(lr=0.5).setup(net)
        opt.set_loss_scale(scale)
        opt.update(lambda: chainlite.functions.sum(net.l1.b * net.l1.W[:, 0]))
        results.append(net.l1.b.array.copy())
    numpy.testing.assert_array_equal(results[0], results[1])


def test_epoch_and_t():
    net = make_net()
    opt = optimizers.SGD().setup(net)
    set_grads(net)
    opt.update()
    opt.update()
    assert opt.t == 2 and net.l1.W.update_rule.t == 2
    opt.new_epoch()
    assert opt.epoch == 1
    with pytest.raises(RuntimeError, match='use_auto_new_epoch'):
        opt.new_epoch(auto=True)
    opt.use_auto_new_epoch = True
    opt.new_epoch(auto=True)
    assert opt.epoch == 2


def test_float64_parameters():
    net = make_net(numpy.float64)
    opt = optimizers.Adam().setup(net)
    set_grads(net)
    opt.update()
    assert net.l1.W.array.dtype == numpy.float64
    assert net.l1.W.update_rule.state['v'].dtype == numpy.float64


# -- hooks -------------------------------------------------------------------------------------
def test_hook_registration_errors():
    opt = optimizers.SGD().setup(make_net())
    opt.add_hook(optimizer_hooks.WeightDecay(0.1))
    with pytest.raises(KeyError, match='already exists'):
        opt.add_hook(optimizer_hooks.WeightDecay(0.1))
    with pytest.raises(ValueError, match='timing'):
        opt.add_hook(optimizer_hooks.Lasso(0.1), timing='later')
    with pytest.raises(TypeError, match='callable'):
        opt.add_hook(3)

    class Nameless:
        def __call__(self, opt):
            pass
    with pytest.raises(ValueError, match='name'):
        opt.add_hook(Nameless())
    with pytest.raises(KeyError):
        opt.remove_hook('nothing')
    with pytest.raises(ValueError, match="'pre' or 'post'"):
        opt.call_hooks('later')
    rule = opt.target.l1.W.update_rule
    with pytest.raises(TypeError, match='whole optimizer'):
        rule.add_hook(optimizer_hooks.GradientClipping(1.0))
    rule.add_hook(optimizer_hooks.Lasso(0.1))
    with pytest.raises(KeyError, match='already exists'):
        rule.add_hook(optimizer_hooks.Lasso(0.1))
    rule.remove_hook('Lasso')
    with pytest.raises(KeyError):
        rule.remove_hook('Lasso')


def test_hook_order_and_timing():
    net = make_net()
    opt = optimizers.SGD().setup(net)
    calls = []

    def first(o):
        calls.append(('first', o.t))

    class Late:
        timing = 'post'

        def __call__(self, o):
            calls.append(('late', o.t))

    def rule_hook(rule, param):
        calls.append(('rule', rule.t))

    opt.add_hook(Late(), name='late')
    opt.add_hook(first)
    net.l2.W.update_rule.add_hook(rule_hook)
    set_grads(net)
    opt.update()
    assert calls == [('first', 0), ('rule', 1), ('late', 1)]
    with pytest.warns(UserWarning, match='timing'):
        class Odd:
            timing = 'sometime'
            name = 'odd'

            def __call__(self, o):
                pass
        opt.add_hook(Odd())
    assert 'odd' in opt._pre_update_hooks


def test_optimizer_level_per_param_hooks_see_disabled_params():
    net = make_net()
    opt = optimizers.SGD().setup(net)
    seen = []

    class Spy:
        call_for_each_param = True
        name = 'spy'

        def __call__(self, rule, param):
            seen.append((param.name, rule.enabled))

    opt.add_hook(Spy())
    net.l2.W.update_rule.enabled = False
    set_grads(net)
    opt.update()
    assert ('W', False) in seen and len(seen) == 3


def test_hook_facts_from_chainer():
    # Numbers measured on Chainer 7.8.1 (GradientLARS applies when ||p|| > threshold).
    cases = [([3., 4.], [0., 0.5], 0.5, 0.01, [0.27272677, 4.9090824]),
             ([3., 4.], [0., 50.], 0.5, 0.01, [2.9970028e-03, 4.9990010]),
             ([0.3, 0.4], [0., 0.5], 0.6, 0.1, [0.03, 0.54]),
             ([3., 4.], [0., 10.], 6, 0.0, [0., 10.])]
    for p, g, threshold, wd, expected in cases:
        param = chainlite.Parameter(numpy.array(p, 'f'))
        param.grad = numpy.array(g, 'f')
        optimizer_hooks.GradientLARS(threshold, wd, 1e-6)(None, param)
        numpy.testing.assert_allclose(param.grad, expected, rtol=1e-6)
    with pytest.raises(ValueError, match='lower_bound'):
        optimizer_hooks.GradientHardClipping(1, -1)


def test_msvag_zero_gradients_stay_finite():
    # Chainer 7.8.1 gives [1, .5, 1], [1, 0, 1], [1, -.5, 1] here.
    net = chainlite.Chain()
    with net.init_scope():
        net.p = chainlite.Parameter(numpy.ones(3, 'f'))
    opt = optimizers.MSVAG(lr=1.0, beta=0.9).setup(net)
    for expected in ([1, .5, 1], [1, 0, 1], [1, -.5, 1]):
        net.p.grad = numpy.array([0, 0.5, 0], 'f')
        opt.update()
        numpy.testing.assert_allclose(net.p.array, expected, atol=1e-6)


def test_adam_lr_before_first_update_raises():
    rule = optimizers.Adam().create_update_rule()
    with pytest.raises(RuntimeError, match='not been started'):
        rule.alpha_t


# -- learning-rate factor ------------------------------------------------------------------------
def run_steps(opt_factory, factor=None, override=None, steps=3):
    net = make_net()
    if factor is not None:
        net.l1.W.lr_factor = factor
    opt = opt_factory().setup(net)
    if override is not None:
        setattr(net.l1.W.update_rule.hyperparam, *override)
    rs = numpy.random.RandomState(0)
    for _ in range(steps):
        for p in net.params():
            p.grad = rs.randn(*p.shape).astype(p.dtype)
        opt.update()
    return net


@pytest.mark.parametrize('factory,name,value', [
    (lambda: optimizers.SGD(lr=0.1), 'lr', 0.1),
    (lambda: optimizers.MomentumSGD(lr=0.1), 'lr', 0.1),
    (lambda: optimizers.Adam(alpha=0.01), 'alpha', 0.01),
    (lambda: optimizers.RMSprop(lr=0.01), 'lr', 0.01),
])
def test_lr_factor_equals_scaled_override(factory, name, value):
    a = run_steps(factory, factor=0.25)
    b = run_steps(factory, override=(name, value * 0.25))
    c = run_steps(factory)
    numpy.testing.assert_array_equal(a.l1.W.array, b.l1.W.array)
    numpy.testing.assert_array_equal(a.l1.b.array, c.l1.b.array)


def test_lr_factor_follows_the_live_schedule():
    net = make_net()
    net.l1.b.lr_factor = 3.0
    opt = optimizers.SGD(lr=0.1).setup(net)
    opt.lr = 0.01
    set_grads(net)
    opt.update()
    numpy.testing.assert_allclose(net.l1.b.array, 1 - 0.03, rtol=1e-6)


def test_lr_factor_zero_means_no_update_no_decay_no_state():
    net = make_net()
    net.l1.W.lr_factor = 0
    opt = optimizers.Adam().setup(net)
    net.l1.W.update_rule.add_hook(optimizer_hooks.WeightDecay(0.5))
    before = net.l1.W.array.copy()
    for _ in range(3):
        set_grads(net)
        opt.update()
    numpy.testing.assert_array_equal(net.l1.W.array, before)
    assert net.l1.W.update_rule.state is None and net.l1.W.update_rule.t == 0


def test_adadelta_factor_scales_the_step():
    a = run_steps(optimizers.AdaDelta)
    b = run_steps(optimizers.AdaDelta, factor=0.5)
    start = make_net().l1.W.array
    numpy.testing.assert_allclose(b.l1.W.array - start, (a.l1.W.array - start) * 0.5,
                                  rtol=1e-5, atol=1e-7)


def test_bad_lr_factor_names_the_path():
    net = make_net()
    opt = optimizers.SGD().setup(net)
    net.l1.W._lr_factor = -1.0  # bypassing the checked setter
    set_grads(net)
    with pytest.raises(ValueError, match='/l1/W'):
        opt.update()


def test_old_hook_aliases_in_optimizer_module():
    assert optimizer.WeightDecay is optimizer_hooks.WeightDecay
    assert optimizer.GradientClipping is optimizer_hooks.GradientClipping


def test_pickle_and_deepcopy_continue_like_the_original():
    import copy
    import pickle
    net = chainlite.Chain()
    with net.init_scope():
        net.w = chainlite.Parameter(numpy.arange(4, dtype='f'))
    opt = optimizers.Adam().setup(net)
    net.w.grad = numpy.ones(4, 'f')
    opt.update()
    for clone in (pickle.loads(pickle.dumps(opt)), copy.deepcopy(opt)):
        assert clone.t == 1 and clone.target.w.update_rule.t == 1
        clone.target.w.grad = numpy.ones(4, 'f')
        clone.update()
    net.w.grad = numpy.ones(4, 'f')
    opt.update()
    numpy.testing.assert_array_equal(clone.target.w.array, net.w.array)
    numpy.testing.assert_array_equal(clone.target.w.update_rule.state['v'],
                                     net.w.update_rule.state['v'])
