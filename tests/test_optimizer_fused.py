"""The fused update (alike rules grouped, one step each) equals the per-parameter path exactly."""
import numpy
import pytest

import chainlite
from chainlite import optimizer_hooks, optimizers

OPTIMIZERS = {
    'SGD': dict(lr=0.1), 'MomentumSGD': dict(lr=0.1), 'NesterovAG': dict(lr=0.1),
    'CorrectedMomentumSGD': dict(lr=0.1), 'AdaGrad': dict(lr=0.1), 'AdaDelta': {},
    'Adam': dict(alpha=0.01, weight_decay_rate=0.01), 'AdamW': dict(weight_decay_rate=0.1),
    'AMSGrad': {}, 'AdaBound': dict(alpha=0.01), 'AMSBound': {}, 'RMSprop': {},
    'RMSpropGraves': {}, 'SMORMS3': {}, 'MSVAG': {},
}
SHAPES = [(3, 4), (4,), (300, 300), (20000,), (7,), (2, 2, 2), (5,), (1,)]


def make_net(rs):
    net = chainlite.Chain()
    with net.init_scope():
        for i, shape in enumerate(SHAPES):
            dtype = numpy.float64 if i == 6 else numpy.float32
            setattr(net, 'p%d' % i, chainlite.Parameter(rs.uniform(-1, 1, shape).astype(dtype)))
    return net


def spy_hook(rule, param):
    param.grad *= 0.5


def configure(net, opt, name):
    lr_name = opt.create_update_rule()._lr_name
    if lr_name is not None:
        setattr(net.p0.update_rule.hyperparam, lr_name, 0.002)
    net.p1.lr_factor = 0.5
    net.p3.lr_factor = 0.5
    net.p4.update_rule.enabled = False
    net.p5.lr_factor = 0
    net.p7.update_rule.add_hook(optimizer_hooks.WeightDecay(0.1))
    net.p7.update_rule.add_hook(optimizer_hooks.GradientHardClipping(-0.2, 0.2))
    net.p1.update_rule.add_hook(spy_hook)
    net.p3.update_rule.add_hook(optimizer_hooks.Lasso(0.01), timing='post')
    if name == 'Adam':
        net.p2.update_rule.hyperparam.amsgrad = True
    opt.add_hook(optimizer_hooks.WeightDecay(1e-3))
    opt.add_hook(optimizer_hooks.GradientClipping(50.0))


def run(name, fused, steps=4):
    rs = numpy.random.RandomState(0)
    net = make_net(rs)
    opt = getattr(optimizers, name)(**OPTIMIZERS[name])
    opt.fused = fused
    opt.setup(net)
    configure(net, opt, name)
    for k in range(steps):
        for p in net.params():
            p.grad = rs.normal(0, 1, p.shape).astype(p.dtype)
        if k == 1:
            net.p6.grad = None
            net.p2.lr_factor = 2.0
        if k == 2:
            net.p4.update_rule.enabled = True
            net.p5.lr_factor = 1.0
            if opt.create_update_rule()._lr_name == 'lr':
                opt.lr = opt.lr * 0.5
        opt.update()
    return net


@pytest.mark.parametrize('name', sorted(OPTIMIZERS))
def test_fused_equals_per_parameter(name):
    a, b = run(name, True), run(name, False)
    for (path, p), (_, q) in zip(a.namedparams(), b.namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array, err_msg=path)
        numpy.testing.assert_array_equal(p.grad, q.grad, err_msg=path)
        assert p.update_rule.t == q.update_rule.t, path
        sa, sb = p.update_rule.state or {}, q.update_rule.state or {}
        assert sorted(sa) == sorted(sb), path
        for key in sa:
            assert sa[key].shape == sb[key].shape
            numpy.testing.assert_array_equal(sa[key], sb[key], err_msg=path + '/' + key)


def test_groups_and_state_views():
    net = make_net(numpy.random.RandomState(0))
    opt = optimizers.Adam().setup(net)
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    groups = opt._fused.groups
    assert [len(g.params) for g in groups] == [7, 1]  # float32 together, the float64 one alone
    m = net.p0.update_rule.state['m']
    assert m.base is groups[0].flat['m']
    # 300x300 in two cache-sized slices (whole with a single-pass kernel), 20000 alone;
    # the small ones gathered
    n_direct = 2 if groups[0].rep.single_pass_on_cpu() else 3
    assert len(groups[0].direct) == n_direct and len(groups[0].batches) == 2
    opt.update()
    assert net.p0.update_rule.state['m'] is m  # the plan is reused while nothing changes


def test_replaced_state_and_array_rebuild_the_plan():
    nets = []
    for fused in (True, False):
        net = make_net(numpy.random.RandomState(1))
        opt = optimizers.MomentumSGD(lr=0.1)
        opt.fused = fused
        opt.setup(net)
        for k in range(3):
            for p in net.params():
                p.grad = numpy.full_like(p.array, k + 1)
            if k == 1:
                net.p0.update_rule.state['v'] = numpy.full((3, 4), 5, 'f')
                net.p2.array = net.p2.array.copy()
            opt.update()
        nets.append(net)
    for (path, p), (_, q) in zip(nets[0].namedparams(), nets[1].namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array, err_msg=path)


def test_custom_rule_class_takes_the_ordinary_path():
    class Half(optimizers.sgd.SGDRule):
        def update_core_cpu(self, param):
            param.array -= 0.5 * param.grad

    class HalfSGD(optimizers.SGD):
        def create_update_rule(self):
            return Half(self.hyperparam)

    net = make_net(numpy.random.RandomState(0))
    start = net.p4.array.copy()
    opt = HalfSGD().setup(net)
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    numpy.testing.assert_allclose(net.p4.array, start - 0.5)
    assert opt._fused.groups == []


def run_with_changes(fused):
    rs = numpy.random.RandomState(3)
    net = make_net(rs)
    opt = optimizers.Adam(alpha=0.01)
    opt.fused = fused
    opt.setup(net)
    for k in range(6):
        for p in net.params():
            p.grad = rs.normal(0, 1, p.shape).astype(p.dtype)
        if k == 2:
            net.p1.update_rule.t = 0  # one rule restarts its bias correction
        if k == 3:
            for p in net.params():
                p.lr_factor = 0.5  # uniform: the groups stay as they are
        if k == 4:
            net.p4.update_rule.state['m'][...] = 1  # in place: no change of plan needed
        opt.alpha = 0.01 / (k + 1)  # a schedule
        opt.update()
    return net, opt


def test_schedules_and_changes_mid_run():
    (a, opt), (b, _) = run_with_changes(True), run_with_changes(False)
    for (path, p), (_, q) in zip(a.namedparams(), b.namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array, err_msg=path)
        assert p.update_rule.t == q.update_rule.t
        for key in p.update_rule.state:
            numpy.testing.assert_array_equal(p.update_rule.state[key], q.update_rule.state[key])
    m = a.p0.update_rule.state['m']
    opt.alpha = 0.5
    for p in a.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    assert a.p0.update_rule.state['m'] is m  # a new lr keeps the buffers


def test_parameter_listed_twice_is_updated_like_the_per_parameter_path():
    results = []
    for fused in (True, False):
        shared = chainlite.Chain()
        with shared.init_scope():
            shared.w = chainlite.Parameter(numpy.ones(3, 'f'))
        net = chainlite.ChainList(shared, shared)
        opt = optimizers.MomentumSGD(lr=0.1)
        opt.fused = fused
        opt.setup(net)
        for _ in range(3):
            shared.w.grad = numpy.ones(3, 'f')
            opt.update()
        results.append((shared.w.array.copy(), shared.w.update_rule.t))
    numpy.testing.assert_array_equal(results[0][0], results[1][0])
    assert results[0][1] == results[1][1]


def run_hooked(name, fused, steps=4, seed=5):
    """Hooks the fused update applies over whole groups: per-rule elementwise
    built-ins shared by many parameters and the optimizer's clipping and decay."""
    rs = numpy.random.RandomState(seed)
    net = make_net(rs)
    opt = getattr(optimizers, name)(**OPTIMIZERS[name])
    opt.fused = fused
    opt.setup(net)
    opt.add_hook(optimizer_hooks.GradientClipping(40.0))
    opt.add_hook(optimizer_hooks.WeightDecay(1e-3))
    opt.add_hook(optimizer_hooks.Lasso(1e-4))
    for i, p in enumerate(net.params()):
        p.update_rule.add_hook(optimizer_hooks.WeightDecay(1e-2))
        if i % 2:
            p.update_rule.add_hook(optimizer_hooks.GradientHardClipping(-0.5, 0.5))
    net.p4.update_rule.enabled = False  # gets the optimizer's hooks one at a time
    hooks = {}
    for k in range(steps):
        for p in net.params():
            p.grad = rs.normal(0, 1, p.shape).astype(p.dtype)
        if k == 1:
            for p in (net.p0, net.p3, net.p7):
                p._loss_scale = 4.0  # as after backward(loss_scale=4) reaching only these
        if k == 2:
            net.p1.update_rule._pre_update_hooks['WeightDecay'].rate = 0.5  # in place
        opt.update()
        if fused:
            hooks[k] = sorted(len(g.params) for g in opt._fused.groups)
    return net, hooks


@pytest.mark.parametrize('name', ['SGD', 'MomentumSGD', 'Adam', 'RMSprop'])
def test_hooks_over_groups_equal_per_parameter(name):
    (a, groups), (b, _) = run_hooked(name, True), run_hooked(name, False)
    for (path, p), (_, q) in zip(a.namedparams(), b.namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array, err_msg=path)
        numpy.testing.assert_array_equal(p.grad, q.grad, err_msg=path)
        assert p.update_rule.t == q.update_rule.t, path
        for key in p.update_rule.state or {}:
            numpy.testing.assert_array_equal(p.update_rule.state[key],
                                             q.update_rule.state[key], err_msg=path)
    # all hooked rules are fused: float32 without (p0, p2) and with clipping (p1, p3, p5,
    # p7), the float64 p6 alone; p4 is disabled
    assert groups[0] == [1, 2, 4]
    assert groups[3] == [1, 1, 2, 3]  # p1's decay rate changed: it left its group


def test_clipping_and_decay_reach_every_parameter_once():
    net = make_net(numpy.random.RandomState(0))
    opt = optimizers.SGD(lr=0).setup(net)
    opt.add_hook(optimizer_hooks.GradientClipping(1.0))
    opt.add_hook(optimizer_hooks.WeightDecay(0.5))
    net.p4.update_rule.enabled = False
    grads = {}
    for path, p in net.namedparams():
        p.grad = numpy.ones_like(p.array)
        grads[path] = p.grad.copy()
    norm = numpy.sqrt(sum(float((g.astype('d') ** 2).sum()) for g in grads.values()))
    opt.update()
    for path, p in net.namedparams():
        expected = grads[path] * (1.0 / norm) + 0.5 * p.array
        numpy.testing.assert_allclose(p.grad, expected, rtol=1e-6, atol=1e-6, err_msg=path)


def test_other_optimizer_hook_orders_run_as_usual():
    calls = []
    net = make_net(numpy.random.RandomState(0))
    opt = optimizers.SGD().setup(net)
    opt.add_hook(optimizer_hooks.WeightDecay(0.1))
    opt.add_hook(optimizer_hooks.GradientClipping(1.0))  # after a decay: needs the decayed norm
    opt.add_hook(lambda o: calls.append(o.t), name='spy')
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    assert opt._fused_pre_hooks() is None
    opt.update()
    assert calls == [0]


@pytest.mark.parametrize('name', ['SGD', 'Adam'])
def test_grad_cleared_by_a_pre_update_hook_leaves_that_parameter(name):
    """As Chainer's per-parameter rules: the parameter keeps its array, its rule still
    counts the step, and its grad is refilled with zeros; the others update as usual.
    (The hook clears it in the first of three steps; the fused groups then go on.)"""
    results = {}
    for fused in (False, True):
        rs = numpy.random.RandomState(0)
        net = make_net(rs)
        opt = getattr(optimizers, name)(**OPTIMIZERS[name])
        opt.fused = fused
        opt.setup(net)

        def clear_first(o):
            if o.t == 0:
                net.p3.cleargrad()
        opt.add_hook(clear_first, name='clear', timing='pre')
        before = {path: p.array.copy() for path, p in net.namedparams()}
        for step in range(3):
            for p in net.params():
                p.grad = rs.normal(0, 1, p.shape).astype(p.dtype)
            opt.update()
            if step == 0:
                numpy.testing.assert_array_equal(net.p3.array, before['/p3'])
                numpy.testing.assert_array_equal(net.p3.grad, numpy.zeros_like(net.p3.array))
                assert not numpy.array_equal(net.p2.array, before['/p2'])
        assert not numpy.array_equal(net.p3.array, before['/p3'])
        assert net.p3.update_rule.t == net.p2.update_rule.t == 3
        results[fused] = {path: p.array for path, p in net.namedparams()}
    for path, array in results[False].items():
        numpy.testing.assert_array_equal(results[True][path], array, err_msg=path)
