"""Every optimizer and hook against numbers from Chainer 7.8.1 (tests/data/optimizers.npz).

Each scenario's JSON spec (written by tools/goldens/optimizers.py) is rebuilt
here with chainlite; see that script for what the fields mean.
"""
import json
import pathlib

import numpy
import pytest

import chainlite
from chainlite import optimizer_hooks, optimizers

DATA = numpy.load(pathlib.Path(__file__).parent / 'data' / 'optimizers.npz')
SCENARIOS = sorted({k.split('/')[0] for k in DATA.files if k.endswith('/spec')})
PATHS = ['/l1/W', '/l1/b', '/l2/W', '/l2/b']
SHAPES = {'/l1/W': (4, 3), '/l1/b': (4,), '/l2/W': (2, 4), '/l2/b': (2,)}
STEPS = 4


def const_noise(xp, shape, dtype, hook, opt):
    return xp.full(shape, 0.01 * (opt.t + 1) * hook.eta, dtype=dtype)


class Sub(chainlite.Chain):
    def __init__(self, W, b):
        super().__init__()
        with self.init_scope():
            self.W = chainlite.Parameter(W)
            self.b = chainlite.Parameter(b)


class Net(chainlite.Chain):
    def __init__(self, arrays):
        super().__init__()
        with self.init_scope():
            self.l1 = Sub(arrays['/l1/W'], arrays['/l1/b'])
            self.l2 = Sub(arrays['/l2/W'], arrays['/l2/b'])


def initial_arrays():
    rs = numpy.random.RandomState(0)
    return {p: rs.uniform(-1, 1, SHAPES[p]).astype(numpy.float32) for p in PATHS}


def unflat(row):
    out, i = {}, 0
    for p in PATHS:
        n = int(numpy.prod(SHAPES[p]))
        out[p] = row[i:i + n].reshape(SHAPES[p])
        i += n
    return out


def flat(arrays):
    return numpy.concatenate([numpy.full(SHAPES[p], numpy.nan, numpy.float32).ravel()
                              if arrays[p] is None else numpy.asarray(arrays[p]).ravel()
                              for p in PATHS])


def make_hook(name, args, timing):
    args = list(args)
    kw = {}
    if name == 'GradientNoise' and args[1:2] == ['const']:
        kw['noise_func'] = const_noise
        args = args[:1]
    return getattr(optimizer_hooks, name)(*args, **kw), timing or 'auto'


def build(spec):
    net = Net(initial_arrays())
    params = dict(net.namedparams())
    cls, kw = spec['optimizer']
    opt = getattr(optimizers, cls)(**kw)
    opt.setup(net)
    for hname, args, timing in spec.get('opt_hooks', []):
        hook, timing = make_hook(hname, args, timing)
        opt.add_hook(hook, timing=timing)
    for path, hooks in spec.get('rule_hooks', {}).items():
        for hname, args, timing in hooks:
            hook, timing = make_hook(hname, args, timing)
            params[path].update_rule.add_hook(hook, timing=timing)
    for path, hp in spec.get('overrides', {}).items():
        for k, v in hp.items():
            setattr(params[path].update_rule.hyperparam, k, v)
    for path in spec.get('disabled', []):
        params[path].update_rule.enabled = False
    for link in spec.get('frozen_links', []):
        getattr(net, link).disable_update()
    return net, params, opt


def run_scenario(name, spec, steps=STEPS, net=None):
    """Runs ``spec`` in chainlite; returns what the golden script records per step."""
    if net is None:
        net, params, opt = build(spec)
    else:
        net, params, opt = net
    rs = numpy.random.RandomState(1)
    coef = {p: rs.uniform(0.5, 1.5, SHAPES[p]).astype(numpy.float32) for p in PATHS}

    def lossfun():
        return sum(chainlite.functions.sum(coef[p] * params[p] * params[p]) for p in PATHS)

    rows = {'param': [], 'grad': [], 't': [], 'opt_t': []}
    states = {}
    for k in range(1, steps + 1):
        for attr, v in spec.get('set_hyper', {}).get(str(k), {}).items():
            setattr(opt, attr, v)
        if 'seed_noise' in spec:
            numpy.random.seed(spec['seed_noise'])
        if spec.get('lossfun'):
            opt.update(lossfun)
        else:
            grads = unflat(DATA[name + '/in_grad'][k - 1])
            for p in PATHS:
                params[p].grad = grads[p].copy()
            for p in spec.get('grad_none', {}).get(str(k), []):
                params[p].grad = None
            opt.update()
        rows['opt_t'].append(opt.t)
        rows['param'].append(flat({p: params[p].array for p in PATHS}))
        rows['grad'].append(flat({p: params[p].grad for p in PATHS}))
        rows['t'].append([params[p].update_rule.t for p in PATHS])
        keys = set()
        for p in PATHS:
            keys.update(params[p].update_rule.state or {})
        for key in keys:
            states.setdefault(key, [None] * steps)[k - 1] = flat(
                {p: (params[p].update_rule.state or {}).get(key) for p in PATHS})
    return rows, states, (net, params, opt)


@pytest.mark.parametrize('name', SCENARIOS)
def test_golden(name):
    spec = json.loads(bytes(DATA[name + '/spec']).decode())
    rows, states, _ = run_scenario(name, spec)
    for key in ('param', 'grad'):
        numpy.testing.assert_allclose(numpy.array(rows[key]), DATA['%s/%s' % (name, key)],
                                      rtol=1e-6, atol=1e-6, err_msg=key)
    numpy.testing.assert_array_equal(numpy.array(rows['t']), DATA[name + '/t'])
    numpy.testing.assert_array_equal(numpy.array(rows['opt_t']), DATA[name + '/opt_t'])
    golden_keys = sorted(k.split('/state/')[1] for k in DATA.files
                         if k.startswith(name + '/state/'))
    assert sorted(states) == golden_keys
    nan = numpy.full(26, numpy.nan, numpy.float32)
    for key in golden_keys:
        got = numpy.array([nan if v is None else v for v in states[key]])
        numpy.testing.assert_allclose(got, DATA['%s/state/%s' % (name, key)],
                                      rtol=1e-6, atol=1e-6, err_msg=key)


def test_adam_lr_property():
    opt = optimizers.Adam(alpha=0.02, beta1=0.8, beta2=0.9, eta=0.5)
    net = Net(initial_arrays())
    opt.setup(net)
    with pytest.raises(RuntimeError):
        opt.alpha_t
    for k in range(3):
        for p in net.params():
            p.grad = numpy.ones_like(p.array)
        opt.update()
        assert opt.alpha_t == pytest.approx(float(DATA['adam_lr/%d' % (k + 1)]), rel=1e-12)
        want = float(DATA['adam_rule_lr/%d' % (k + 1)])
        assert net.l1.W.update_rule.alpha_t == pytest.approx(want, rel=1e-12)
