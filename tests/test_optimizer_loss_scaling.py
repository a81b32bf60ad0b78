"""Loss scaling (static, dynamic) and fp32 master updates against Chainer 7.8.1.

The scenarios and the stored numbers come from tools/goldens/optimizers_loss_scaling.py
(tests/data/optimizers_loss_scaling.npz); see that script for the spec fields.
"""
import json
import pathlib
import warnings

import numpy
import pytest

import chainlite
from chainlite import optimizer_hooks, optimizers

from test_optimizers_golden import PATHS, SHAPES, Net, initial_arrays

DATA = numpy.load(pathlib.Path(__file__).parent / 'data' / 'optimizers_loss_scaling.npz')
SCENARIOS = sorted({k.split('/')[0] for k in DATA.files if k.endswith('/spec')})
STEPS = 6


def flat(arrays):
    return numpy.concatenate([numpy.full(SHAPES[p], numpy.nan).ravel() if arrays[p] is None
                              else numpy.asarray(arrays[p], numpy.float64).ravel()
                              for p in PATHS])


def run(spec, fused=True):
    dtype = numpy.dtype(spec['dtype'])
    net = Net({p: a.astype(dtype) for p, a in initial_arrays().items()})
    params = dict(net.namedparams())
    cls, kw = spec['optimizer']
    opt = getattr(optimizers, cls)(**kw)
    opt.fused = fused
    opt.setup(net)
    if spec.get('fp32'):
        opt.use_fp32_update()
    if 'loss_scaling' in spec:
        opt.loss_scaling(*spec['loss_scaling'])
    for hname, args, timing in spec.get('opt_hooks', []):
        opt.add_hook(getattr(optimizer_hooks, hname)(*args), timing=timing or 'auto')
    for path, hooks in spec.get('rule_hooks', {}).items():
        for hname, args, timing in hooks:
            params[path].update_rule.add_hook(getattr(optimizer_hooks, hname)(*args),
                                              timing=timing or 'auto')
    for path in spec.get('disabled', []):
        params[path].update_rule.enabled = False
    rs = numpy.random.RandomState(1)
    coef = {p: rs.uniform(0.5, 1.5, SHAPES[p]).astype(dtype) for p in PATHS}

    def lossfun(k):
        loss = sum(chainlite.functions.sum(coef[p] * params[p] * params[p]) for p in PATHS)
        return loss * numpy.inf if k in spec['bad'] else loss

    rows = {k: [] for k in ('param', 'grad', 't', 'opt_t', 'scale', 'warnings')}
    for k in range(1, STEPS + 1):
        if str(k) in spec.get('set_scale', {}):
            opt.set_loss_scale(spec['set_scale'][str(k)])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            with numpy.errstate(invalid='ignore', over='ignore'):
                if spec['mode'] == 'lossfun':
                    opt.update(lossfun, k)
                else:
                    net.cleargrads()
                    lossfun(k).backward(loss_scale=spec['backward_scale'])
                    opt.update()
                    if k in spec['twice']:
                        opt.update()
        rows['warnings'].append(sum('Non finite' in str(w.message) for w in caught))
        rows['param'].append(flat({p: params[p].array for p in PATHS}))
        rows['grad'].append(flat({p: params[p].grad for p in PATHS}))
        rows['t'].append([params[p].update_rule.t for p in PATHS])
        rows['opt_t'].append(opt.t)
        rows['scale'].append(numpy.nan if opt._loss_scale is None else opt._loss_scale)
        assert params['/l1/W'].array.dtype == dtype
    return rows


@pytest.mark.parametrize('fused', [True, False])
@pytest.mark.parametrize('name', SCENARIOS)
def test_matches_chainer(name, fused):
    spec = json.loads(bytes(DATA[name + '/spec']).decode())
    rows = run(spec, fused)
    for key in ('t', 'opt_t', 'warnings', 'scale'):
        numpy.testing.assert_array_equal(numpy.array(rows[key]), DATA['%s/%s' % (name, key)],
                                         err_msg=key)
    tol = dict(rtol=1e-6, atol=1e-7) if spec['dtype'] == 'float32' else dict(rtol=0, atol=0)
    for key in ('param', 'grad'):
        numpy.testing.assert_allclose(numpy.array(rows[key]), DATA['%s/%s' % (name, key)],
                                      err_msg=key, **tol)


def test_loss_scaling_arguments():
    opt = optimizers.SGD()
    with pytest.raises(ValueError, match='interval'):
        opt.loss_scaling(interval=0)
    for bad in (0, -1.0):
        with pytest.raises(ValueError, match='positive'):
            opt.loss_scaling(scale=bad)
        with pytest.raises(ValueError, match='positive'):
            opt.set_loss_scale(bad)
    with pytest.raises(TypeError, match='number'):
        opt.set_loss_scale('2')
    opt.loss_scaling(interval=4)
    assert opt._loss_scale == 1.0 and opt._loss_scaling_multiplier == 2 ** 0.25
    opt.set_loss_scale(None)  # as Chainer: keeps the scale
    assert opt._loss_scale == 1.0 and opt._loss_scaling_is_dynamic
    opt.loss_scaling(scale=8.0)  # static from now on
    assert opt._loss_scale == 8.0 and not opt._loss_scaling_is_dynamic


def test_check_nan_update_loss_scale_by_hand():
    net = Net(initial_arrays())
    opt = optimizers.SGD().setup(net)
    assert opt.is_safe_to_update()  # never checked: safe
    opt.loss_scaling()
    net.l2.b.grad = numpy.array([numpy.nan, 0], 'f')
    with pytest.warns(UserWarning, match=r'/l2/b \(iteration: 0, loss_scale: 1.0\)'):
        opt.check_nan_in_grads()
    assert not opt.is_safe_to_update()
    opt.update_loss_scale()
    assert opt._loss_scale == 1 and opt._loss_scaling_isnan_ever
    net.l2.b.grad = numpy.zeros(2, 'f')
    opt.check_nan_in_grads()
    assert opt.is_safe_to_update()
    opt.update_loss_scale()
    assert opt._loss_scale == 2 ** 0.001


def test_fp32_master_copy_is_kept_and_state_is_float32():
    net = Net({p: a.astype(numpy.float16) for p, a in initial_arrays().items()})
    opt = optimizers.Adam(alpha=1e-4).setup(net)
    opt.use_fp32_update()
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    array = net.l1.W.array
    opt.update()
    rule = net.l1.W.update_rule
    assert net.l1.W.array is array and array.dtype == numpy.float16
    assert rule._fp32_param.dtype == numpy.float32 and rule._fp32_param.grad is None
    assert {v.dtype for v in rule.state.values()} == {numpy.dtype(numpy.float32)}
    numpy.testing.assert_array_equal(array, rule._fp32_param.array.astype(numpy.float16))
    opt.use_fp32_update(False)
    assert not rule._use_fp32_update


def test_fp32_update_checkpoint_loads_float32_state(tmp_path):
    net = Net({p: a.astype(numpy.float16) for p, a in initial_arrays().items()})
    opt = optimizers.MomentumSGD().setup(net)
    opt.use_fp32_update()
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    chainlite.serializers.save_npz(tmp_path / 'o.npz', opt)
    net2 = Net({p: a.astype(numpy.float16) for p, a in initial_arrays().items()})
    opt2 = optimizers.MomentumSGD().setup(net2)
    opt2.use_fp32_update()
    chainlite.serializers.load_npz(tmp_path / 'o.npz', opt2)
    v = net2.l1.W.update_rule.state['v']
    assert v.dtype == numpy.float32
    numpy.testing.assert_array_equal(v, net.l1.W.update_rule.state['v'])


def test_fp16_resume_with_master_copy_is_bit_identical(tmp_path):
    def half_net():
        return Net({p: a.astype(numpy.float16) for p, a in initial_arrays().items()})

    def steps(net, opt, rs, n):
        for _ in range(n):
            for p in net.params():
                p.grad = rs.randn(*p.shape).astype(numpy.float16)
            opt.update()

    net = half_net()
    opt = optimizers.Adam(alpha=1e-3).setup(net)
    opt.use_fp32_update()
    rs = numpy.random.RandomState(0)
    steps(net, opt, rs, 3)
    chainlite.serializers.save_npz(tmp_path / 'm.npz', net)
    chainlite.serializers.save_npz(tmp_path / 'o.npz', opt)
    assert 'l1/W/chainlite_fp32_param' in numpy.load(tmp_path / 'o.npz').files
    state = rs.get_state()
    steps(net, opt, rs, 3)
    net2 = half_net()
    opt2 = optimizers.Adam(alpha=1e-3).setup(net2)
    chainlite.serializers.load_npz(tmp_path / 'm.npz', net2)
    chainlite.serializers.load_npz(tmp_path / 'o.npz', opt2)
    assert opt2._use_fp32_update and net2.l1.W.update_rule._use_fp32_update
    rs.set_state(state)
    steps(net2, opt2, rs, 3)
    for (path, a), (_, b) in zip(net.namedparams(), net2.namedparams()):
        numpy.testing.assert_array_equal(a.array, b.array, err_msg=path)
        numpy.testing.assert_array_equal(a.update_rule._fp32_param.array,
                                         b.update_rule._fp32_param.array, err_msg=path)
