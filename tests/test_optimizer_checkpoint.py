"""Optimizer checkpoints: settings kept by path, resume bit-identical, Chainer files both ways."""
import json
import os
import pathlib
import subprocess
import warnings

import numpy
import pytest

import chainlite
from chainlite import optimizer_hooks, optimizers, serializers

from test_optimizers_golden import DATA, PATHS, Net, initial_arrays, unflat

HERE = pathlib.Path(__file__).parent
CHAINER_PYTHON = '/work/chainer-ref/bin/python'


def customize(net, opt):
    """Per-parameter settings a plain re-creation of the optimizer does not have."""
    net.l1.W.update_rule.hyperparam.alpha = 0.05
    net.l1.W.update_rule.hyperparam.adabound = True
    net.l1.W.update_rule.add_hook(optimizer_hooks.WeightDecay(0.01))
    net.l2.W.update_rule.add_hook(optimizer_hooks.GradientHardClipping(-0.5, 0.5),
                                  name='clip', timing='post')
    net.l2.W.update_rule.add_hook(optimizer_hooks.GradientNoise(0.01))
    net.l1.b.update_rule.enabled = False
    net.l2.b.lr_factor = 0.25


def steps(net, opt, rs, n):
    for _ in range(n):
        for p in net.params():
            p.grad = rs.randn(*p.shape).astype(p.dtype)
        numpy.random.seed(rs.randint(1000))
        opt.update()


def test_resume_is_bit_identical_and_keeps_settings(tmp_path):
    net = Net(initial_arrays())
    opt = optimizers.Adam(alpha=0.01).setup(net)
    customize(net, opt)
    rs = numpy.random.RandomState(0)
    steps(net, opt, rs, 3)
    opt.alpha = 0.004  # a schedule moved the optimizer's alpha
    serializers.save_npz(tmp_path / 'model.npz', net)
    serializers.save_npz(tmp_path / 'opt.npz', opt)
    rs_state = rs.get_state()
    steps(net, opt, rs, 3)

    net2 = Net({p: numpy.zeros_like(a) for p, a in initial_arrays().items()})
    opt2 = optimizers.Adam(alpha=0.004).setup(net2)
    serializers.load_npz(tmp_path / 'model.npz', net2)
    serializers.load_npz(tmp_path / 'opt.npz', opt2)
    assert net2.l1.W.update_rule.hyperparam.alpha == 0.05
    assert not net2.l1.b.update_rule.enabled and net2.l2.b.lr_factor == 0.25
    assert list(net2.l2.W.update_rule._post_update_hooks) == ['clip']
    rs.set_state(rs_state)
    steps(net2, opt2, rs, 3)
    for (path, a), (_, b) in zip(net.namedparams(), net2.namedparams()):
        numpy.testing.assert_array_equal(a.array, b.array, err_msg=path)
        assert a.update_rule.t == b.update_rule.t
    assert opt2.t == opt.t == 6


def test_load_chainer_optimizer_files_strict():
    for name in ('opt01_MomentumSGD', 'override_adam', 'disabled_rule'):
        cls = {'opt01_MomentumSGD': optimizers.MomentumSGD}.get(name, optimizers.Adam)
        net = Net(initial_arrays())
        opt = cls().setup(net)
        if name == 'override_adam':
            net.l2.W.update_rule.hyperparam.amsgrad = True
        serializers.load_npz(HERE / 'data' / ('optimizers_ckpt_%s.npz' % name), opt, strict=True)
        assert opt.t == 4
        params = dict(net.namedparams())
        for key in DATA.files:
            if not key.startswith(name + '/state/'):
                continue
            golden = unflat(DATA[key][-1])
            for path in PATHS:
                state = params[path].update_rule.state
                if numpy.isnan(golden[path]).all():
                    assert state is None or key.split('/')[-1] not in state
                else:
                    numpy.testing.assert_array_equal(state[key.split('/')[-1]], golden[path])
        if name == 'disabled_rule':
            assert net.l1.b.update_rule.state is None and net.l1.b.update_rule.t == 0


def test_mismatching_checkpoint_changes_nothing(tmp_path):
    net = Net(initial_arrays())
    opt = optimizers.Adam().setup(net)
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    serializers.save_npz(tmp_path / 'opt.npz', opt)
    other = chainlite.Chain()
    with other.init_scope():
        other.l1 = chainlite.Chain()
    with other.l1.init_scope():
        other.l1.W = chainlite.Parameter(numpy.zeros((3, 3), 'f'))
        other.l1.b = chainlite.Parameter(numpy.zeros(4, 'f'))
    opt2 = optimizers.Adam().setup(other)
    other.l1.b.update_rule.hyperparam.alpha = 0.5
    with pytest.raises(Exception, match='l1/W'):
        serializers.load_npz(tmp_path / 'opt.npz', opt2)
    assert opt2.t == 0 and other.l1.W.update_rule.state is None
    assert other.l1.b.update_rule.hyperparam.alpha == 0.5


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists(CHAINER_PYTHON), reason='no Chainer reference venv')
def test_chainer_loads_our_files(tmp_path):
    net = Net(initial_arrays())
    opt = optimizers.Adam(alpha=0.01).setup(net)
    customize(net, opt)
    steps(net, opt, numpy.random.RandomState(0), 2)
    serializers.save_npz(tmp_path / 'opt.npz', opt)
    serializers.save_npz(tmp_path / 'model.npz', net)
    script = '''
import sys, numpy, chainer
from chainer import optimizers, serializers
sys.path.insert(0, %r)
from tools.goldens.optimizers import Net, initial_arrays
net = Net(initial_arrays())
opt = optimizers.Adam().setup(net)
net.l1.b.update_rule.enabled = False  # as saved (Chainer needs this for a rule without state)
serializers.load_npz(%r, net)
serializers.load_npz(%r, opt)
print(opt.t, net.l1.W.update_rule.t, float(net.l1.W.update_rule.state['m'].sum()))
''' % (str(HERE.parent), str(tmp_path / 'model.npz'), str(tmp_path / 'opt.npz'))
    out = subprocess.run([CHAINER_PYTHON, '-c', script], capture_output=True, text=True,
                         cwd=str(tmp_path))
    assert out.returncode == 0, out.stderr
    t, rule_t, m_sum = out.stdout.split()
    assert (int(t), int(rule_t)) == (2, 2)
    assert float(m_sum) == pytest.approx(float(net.l1.W.update_rule.state['m'].sum()), rel=1e-6)


def test_npz_keys_are_chainers_plus_settings(tmp_path):
    for name, cls in (('opt01_MomentumSGD', optimizers.MomentumSGD),
                      ('disabled_rule', optimizers.Adam)):
        net = Net(initial_arrays())
        opt = cls().setup(net)
        if name == 'disabled_rule':
            net.l1.b.update_rule.enabled = False
        for _ in range(2):
            for p in net.params():
                p.grad = numpy.ones_like(p.array)
            opt.update()
        serializers.save_npz(tmp_path / 'o.npz', opt)
        ours = set(numpy.load(tmp_path / 'o.npz').files)
        chainers = set(numpy.load(HERE / 'data' / ('optimizers_ckpt_%s.npz' % name)).files)
        assert ours == chainers | {'chainlite_settings'}


def test_custom_hooks_are_not_saved_but_warned(tmp_path):
    net = Net(initial_arrays())
    opt = optimizers.SGD().setup(net)
    net.l1.W.update_rule.add_hook(lambda rule, param: None, name='mine')
    net.l1.b.update_rule.add_hook(optimizer_hooks.GradientNoise(0.1), name='noise')
    with pytest.warns(UserWarning, match='mine'):
        serializers.save_npz(tmp_path / 'o.npz', opt)
    opt2 = optimizers.SGD().setup(Net(initial_arrays()))
    with pytest.warns(UserWarning, match="'mine'.*not restored"):
        serializers.load_npz(tmp_path / 'o.npz', opt2)
    rule = opt2.target.l1.b.update_rule
    assert isinstance(rule._pre_update_hooks['noise'], optimizer_hooks.GradientNoise)
    assert rule._pre_update_hooks['noise'].eta == 0.1
    assert not opt2.target.l1.W.update_rule._pre_update_hooks


def optimizer_level(opt):
    opt.add_hook(optimizer_hooks.WeightDecay(1e-3))
    opt.add_hook(optimizer_hooks.GradientClipping(2.0), name='clip')
    opt.add_hook(optimizer_hooks.GradientHardClipping(-0.3, 0.3), timing='post')
    opt.loss_scaling(interval=2)


def nan_steps(net, opt, rs, n):
    for _ in range(n):
        for p in net.params():
            p.grad = rs.randn(*p.shape).astype(p.dtype)
        if rs.uniform() < 0.3:
            net.l2.b.grad[0] = numpy.inf
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            opt.update()


def test_optimizer_hooks_and_loss_scaling_resume_bit_identical(tmp_path):
    net = Net(initial_arrays())
    opt = optimizers.Adam(alpha=0.01).setup(net)
    optimizer_level(opt)
    opt.use_fp32_update()
    rs = numpy.random.RandomState(3)
    nan_steps(net, opt, rs, 4)
    serializers.save_npz(tmp_path / 'model.npz', net)
    serializers.save_npz(tmp_path / 'opt.npz', opt)
    rs_state = rs.get_state()
    nan_steps(net, opt, rs, 6)

    net2 = Net(initial_arrays())
    opt2 = optimizers.Adam(alpha=0.01).setup(net2)  # no hooks, no loss scaling
    serializers.load_npz(tmp_path / 'model.npz', net2)
    serializers.load_npz(tmp_path / 'opt.npz', opt2)
    assert list(opt2._pre_update_hooks) == ['WeightDecay', 'clip']
    assert opt2._pre_update_hooks['clip'].threshold == 2.0
    assert list(opt2._post_update_hooks) == ['GradientHardClipping']
    assert opt2._loss_scaling_is_dynamic and opt2._use_fp32_update
    assert net2.l1.W.update_rule._use_fp32_update
    rs.set_state(rs_state)
    nan_steps(net2, opt2, rs, 6)
    assert opt2._loss_scale == opt._loss_scale and opt2.t == opt.t
    assert opt._loss_scaling_isnan_ever and net.l1.W.update_rule.t < opt.t  # steps were skipped
    for (path, a), (_, b) in zip(net.namedparams(), net2.namedparams()):
        numpy.testing.assert_array_equal(a.array, b.array, err_msg=path)


def test_custom_optimizer_hook_kept_by_name_or_warned(tmp_path):
    def mine(opt):
        pass
    net = Net(initial_arrays())
    opt = optimizers.SGD().setup(net)
    opt.add_hook(optimizer_hooks.Lasso(0.1))
    opt.add_hook(mine)
    with pytest.warns(UserWarning, match="'mine'.*only its name"):
        serializers.save_npz(tmp_path / 'o.npz', opt)
    opt2 = optimizers.SGD().setup(Net(initial_arrays()))
    opt2.add_hook(mine)
    opt2.add_hook(optimizer_hooks.WeightDecay(0.5), name='extra')
    with pytest.warns(UserWarning, match="'extra'.*removed"):
        serializers.load_npz(tmp_path / 'o.npz', opt2)
    assert list(opt2._pre_update_hooks) == ['Lasso', 'mine']
    assert opt2._pre_update_hooks['mine'] is mine
    opt3 = optimizers.SGD().setup(Net(initial_arrays()))
    with pytest.warns(UserWarning, match="'mine'.*not restored"):
        serializers.load_npz(tmp_path / 'o.npz', opt3)
    assert list(opt3._pre_update_hooks) == ['Lasso']


def edit_settings(src, dst, edit):
    data = dict(numpy.load(src))
    settings = json.loads(bytes(data['chainlite_settings']).decode())
    edit(settings)
    data['chainlite_settings'] = numpy.frombuffer(json.dumps(settings).encode(), numpy.uint8)
    numpy.savez(dst, **data)


@pytest.mark.parametrize('edit, message', [
    (lambda s: s['/l1/W']['hyperparam'].update(momentum=0.5), 'momentum'),
    (lambda s: s['/l2/b']['hooks'].append(['x', 'NoSuchHook', 'pre', {}]), 'NoSuchHook'),
    (lambda s: s['/l2/b']['hooks'].append(['c', 'GradientClipping', 'pre',
                                           {'threshold': 1.0}]), 'whole optimizer'),
    (lambda s: s['/l1/b'].update(lr_factor=-1), 'l1/b'),
    (lambda s: s['optimizer']['hooks'].append(['w', 'WeightDecay', 'pre', {'bad': 1}]), 'bad'),
    (lambda s: s['optimizer']['loss_scaling'].update(_loss_scale=-2.0), 'positive'),
])
def test_settings_mismatch_changes_nothing(tmp_path, edit, message):
    net = Net(initial_arrays())
    opt = optimizers.Adam().setup(net)
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    opt.new_epoch()
    serializers.save_npz(tmp_path / 'o.npz', opt)
    edit_settings(tmp_path / 'o.npz', tmp_path / 'bad.npz', edit)
    net2 = Net(initial_arrays())
    opt2 = optimizers.Adam().setup(net2)
    net2.l1.W.update_rule.hyperparam.alpha = 0.5
    with pytest.raises(ValueError, match=message):
        serializers.load_npz(tmp_path / 'bad.npz', opt2)
    assert opt2.t == 0 and opt2.epoch == 0 and net2.l1.W.update_rule.state is None
    assert net2.l1.W.update_rule.hyperparam.alpha == 0.5 and net2.l1.b.lr_factor == 1.0


def test_numpy_scalars_in_settings_are_saved(tmp_path):
    net = Net(initial_arrays())
    opt = optimizers.SGD().setup(net)
    opt.set_loss_scale(numpy.float32(4))
    net.l1.W.update_rule.hyperparam.lr = numpy.float64(0.5)
    net.l1.b.update_rule.add_hook(optimizer_hooks.WeightDecay(numpy.float32(0.25)))
    serializers.save_npz(tmp_path / 'o.npz', opt)
    opt2 = optimizers.SGD().setup(Net(initial_arrays()))
    serializers.load_npz(tmp_path / 'o.npz', opt2)
    assert opt2._loss_scale == 4 and opt2.target.l1.W.update_rule.hyperparam.lr == 0.5
    assert opt2.target.l1.b.update_rule._pre_update_hooks['WeightDecay'].rate == 0.25
