"""Golden numbers for optimizers, update rules and optimizer hooks (Chainer 7.8.1).

Run inside the reference environment; writes the npz named by argv[1] and,
beside it, optimizers_ckpt_*.npz (optimizer checkpoints saved by Chainer).

Every scenario is a JSON spec stored in the output under ``<name>/spec``, so
the tests rebuild the same scenario in chainlite from the same description:

    model      two child links l1 (W 4x3, b 4) and l2 (W 2x4, b 2), float32,
               values from RandomState(0); grads each step from RandomState(1)
               unless ``lossfun`` is set (then loss = sum_p sum(c_p * p * p)).
    optimizer  [class name, kwargs]
    opt_hooks  [[hook name, args, timing or null], ...] on the optimizer
    rule_hooks {path: [[hook name, args, timing or null], ...]}
    overrides  {path: {hyperparameter: value}}
    disabled   [paths whose rule is disabled after setup]
    frozen_links [link names with disable_update() after setup]
    grad_none  {step: [paths whose grad is set to None before that step]}
    set_hyper  {step: {optimizer attribute: value}} applied before that step
    seed_noise  seed numpy.random before every step (default GradientNoise)

Stored per scenario, one row per step and the four parameters flattened and
concatenated in PATHS order (26 values): <name>/param and <name>/grad (after
the update), <name>/in_grad (the grads set before it), <name>/state/<key>
(NaN where a rule has no such state), <name>/t (rule t per path, -1 when the
rule has no state) and <name>/opt_t.
"""
import json
import pathlib
import sys

import numpy

import chainer
from chainer import optimizer_hooks, optimizers, serializers

PATHS = ['/l1/W', '/l1/b', '/l2/W', '/l2/b']
SHAPES = {'/l1/W': (4, 3), '/l1/b': (4,), '/l2/W': (2, 4), '/l2/b': (2,)}
STEPS = 4

HOOKS = {'WeightDecay': optimizer_hooks.WeightDecay, 'Lasso': optimizer_hooks.Lasso,
         'GradientClipping': optimizer_hooks.GradientClipping,
         'GradientHardClipping': optimizer_hooks.GradientHardClipping,
         'GradientNoise': optimizer_hooks.GradientNoise,
         'GradientLARS': optimizer_hooks.GradientLARS}


def const_noise(xp, shape, dtype, hook, opt):
    """A deterministic noise_func: 0.01 * (opt.t + 1) * eta everywhere."""
    return xp.full(shape, 0.01 * (opt.t + 1) * hook.eta, dtype=dtype)


def scenarios():
    s = {}
    base = [('SGD', {'lr': 0.1}), ('MomentumSGD', {'lr': 0.1, 'momentum': 0.8}),
            ('NesterovAG', {'lr': 0.1}), ('CorrectedMomentumSGD', {'lr': 0.1}),
            ('AdaGrad', {'lr': 0.1}), ('AdaDelta', {}), ('AdaDelta', {'rho': 0.8, 'eps': 1e-3}),
            ('Adam', {'alpha': 0.01}), ('Adam', {'alpha': 0.01, 'amsgrad': True}),
            ('Adam', {'alpha': 0.01, 'adabound': True, 'final_lr': 0.05, 'gamma': 0.1}),
            ('Adam', {'alpha': 0.01, 'amsgrad': True, 'adabound': True}),
            ('Adam', {'alpha': 0.01, 'weight_decay_rate': 0.1, 'eta': 0.5, 'beta1': 0.8,
                      'beta2': 0.9, 'eps': 1e-3}),
            ('AdamW', {'alpha': 0.01, 'weight_decay_rate': 0.1}),
            ('AMSGrad', {'alpha': 0.01}), ('AdaBound', {'alpha': 0.01}),
            ('AMSBound', {'alpha': 0.01, 'final_lr': 0.02}),
            ('RMSprop', {'lr': 0.05}),
            ('RMSprop', {'lr': 0.05, 'eps_inside_sqrt': True, 'eps': 1e-2}),
            ('RMSpropGraves', {'lr': 0.01}), ('SMORMS3', {'lr': 0.01}),
            ('MSVAG', {}),
            ('MSVAG', {'lr': 0.05, 'beta': 0.5, 'eta': 0.5, 'weight_decay_rate': 0.1})]
    for i, (name, kw) in enumerate(base):
        s['opt%02d_%s' % (i, name)] = {'optimizer': [name, kw]}
    hooks = [('WeightDecay', [0.1]), ('Lasso', [0.05]), ('GradientClipping', [0.5]),
             ('GradientClipping', [100.0]), ('GradientHardClipping', [-0.3, 0.4]),
             ('GradientNoise', [0.5, 'const']), ('GradientNoise', [0.3]),
             ('GradientLARS', []), ('GradientLARS', [0.5, 0.01, 1e-6])]
    for i, (name, args) in enumerate(hooks):
        spec = {'optimizer': ['MomentumSGD', {'lr': 0.1}], 'opt_hooks': [[name, args, None]]}
        if args[1:2] != ['const'] and name == 'GradientNoise':
            spec['seed_noise'] = 0
        s['ohook%02d_%s' % (i, name)] = spec
        if name != 'GradientClipping':
            spec = {'optimizer': ['MomentumSGD', {'lr': 0.1}],
                    'rule_hooks': {'/l1/W': [[name, args, None]], '/l2/b': [[name, args, None]]}}
            if 'seed_noise' in s['ohook%02d_%s' % (i, name)]:
                spec['seed_noise'] = 0
            s['rhook%02d_%s' % (i, name)] = spec
    s['hook_post'] = {'optimizer': ['MomentumSGD', {'lr': 0.1}],
                      'opt_hooks': [['WeightDecay', [0.1], 'post'], ['Lasso', [0.01], 'pre']],
                      'rule_hooks': {'/l1/b': [['GradientHardClipping', [-0.1, 0.1], 'post']]}}
    s['override_lr'] = {'optimizer': ['MomentumSGD', {'lr': 0.1}],
                        'overrides': {'/l1/W': {'lr': 0.5}, '/l2/b': {'momentum': 0.5}},
                        'set_hyper': {'3': {'lr': 0.02}}}
    s['override_adam'] = {'optimizer': ['Adam', {'alpha': 0.01}],
                          'overrides': {'/l2/W': {'alpha': 0.05, 'amsgrad': True}},
                          'set_hyper': {'2': {'alpha': 0.002}, '3': {'beta1': 0.5}}}
    s['disabled_rule'] = {'optimizer': ['Adam', {'alpha': 0.01}], 'disabled': ['/l1/b'],
                          'opt_hooks': [['WeightDecay', [0.1], None]],
                          'rule_hooks': {'/l1/b': [['Lasso', [0.5], None]]}}
    s['frozen_link'] = {'optimizer': ['MomentumSGD', {'lr': 0.1}], 'frozen_links': ['l2'],
                        'opt_hooks': [['GradientClipping', [0.5], None]]}
    s['grad_none'] = {'optimizer': ['MomentumSGD', {'lr': 0.1}],
                      'grad_none': {'2': ['/l2/W'], '3': ['/l2/W', '/l1/b']},
                      'rule_hooks': {'/l2/W': [['WeightDecay', [0.2], None]]}}
    s['grad_none_adam'] = {'optimizer': ['Adam', {'alpha': 0.01}],
                           'grad_none': {'1': ['/l1/W'], '3': ['/l1/W']}}
    s['lossfun_sgd'] = {'optimizer': ['SGD', {'lr': 0.1}], 'lossfun': True}
    s['lossfun_adam'] = {'optimizer': ['Adam', {'alpha': 0.05}], 'lossfun': True,
                         'disabled': ['/l2/b']}
    return s


class Sub(chainer.Chain):
    def __init__(self, W, b):
        super().__init__()
        with self.init_scope():
            self.W = chainer.Parameter(W)
            self.b = chainer.Parameter(b)


class Net(chainer.Chain):
    def __init__(self, arrays):
        super().__init__()
        with self.init_scope():
            self.l1 = Sub(arrays['/l1/W'], arrays['/l1/b'])
            self.l2 = Sub(arrays['/l2/W'], arrays['/l2/b'])


def initial_arrays():
    rs = numpy.random.RandomState(0)
    return {p: rs.uniform(-1, 1, SHAPES[p]).astype(numpy.float32) for p in PATHS}


def step_grads(rs):
    return {p: rs.normal(0, 1, SHAPES[p]).astype(numpy.float32) for p in PATHS}


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
    return HOOKS[name](*args, **kw), timing or 'auto'


def run(name, spec, out):
    out[name + '/spec'] = numpy.frombuffer(json.dumps(spec).encode(), dtype=numpy.uint8)
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
    rs = numpy.random.RandomState(1)
    coef = {p: rs.uniform(0.5, 1.5, SHAPES[p]).astype(numpy.float32) for p in PATHS}

    def lossfun():
        return sum(chainer.functions.sum(coef[p] * params[p] * params[p]) for p in PATHS)

    rows = {'param': [], 'grad': [], 'in_grad': [], 't': [], 'opt_t': []}
    states = {}
    for k in range(1, STEPS + 1):
        for attr, v in spec.get('set_hyper', {}).get(str(k), {}).items():
            setattr(opt, attr, v)
        if 'seed_noise' in spec:
            numpy.random.seed(spec['seed_noise'])
        if spec.get('lossfun'):
            opt.update(lossfun)
        else:
            grads = step_grads(rs)
            for p in PATHS:
                params[p].grad = grads[p].copy()
            rows['in_grad'].append(flat(grads))
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
        for key in sorted(keys):
            states.setdefault(key, [None] * STEPS)[k - 1] = flat(
                {p: (params[p].update_rule.state or {}).get(key) for p in PATHS})
    for key, value in rows.items():
        if value:
            out['%s/%s' % (name, key)] = numpy.array(value)
    for key, value in states.items():
        nan = numpy.full(26, numpy.nan, numpy.float32)
        out['%s/state/%s' % (name, key)] = numpy.array([nan if v is None else v for v in value])
    return opt, net


def main():
    path = pathlib.Path(sys.argv[1])
    out = {}
    for name, spec in scenarios().items():
        opt, net = run(name, spec, out)
        if name in ('opt01_MomentumSGD', 'disabled_rule', 'override_adam'):
            ckpt = path.parent / ('optimizers_ckpt_%s.npz' % name)
            serializers.save_npz(str(ckpt), opt)
    # Adam's lr property and the t of a fresh optimizer
    opt = optimizers.Adam(alpha=0.02, beta1=0.8, beta2=0.9, eta=0.5)
    net = Net(initial_arrays())
    opt.setup(net)
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    for k in range(3):
        opt.update()
        out['adam_lr/%d' % (k + 1)] = numpy.array(opt.lr)
        out['adam_rule_lr/%d' % (k + 1)] = numpy.array(net.l1.W.update_rule.lr)
    numpy.savez_compressed(str(path), **out)


if __name__ == '__main__':
    main()
