"""Golden numbers for loss scaling and fp32 master updates (Chainer 7.8.1).

Run inside the reference environment; writes the npz named by argv[1].
Each scenario's JSON spec is stored under ``<name>/spec``:

    optimizer    [class name, kwargs]
    dtype        parameter dtype ('float32' or 'float16')
    loss_scaling [interval, scale]: optimizer.loss_scaling(interval, scale)
    set_scale    {step: value}: optimizer.set_loss_scale(value) before that step
    fp32         optimizer.use_fp32_update() after setup
    mode         'lossfun': update(lossfun); 'backward': loss.backward(loss_scale=
                 backward_scale) then update() (twice on steps in ``twice``)
    bad          steps whose loss is multiplied by infinity (non-finite grads)
    opt_hooks / rule_hooks / disabled   as in tools/goldens/optimizers.py

The model is the two-link net of tools/goldens/optimizers.py in ``dtype``; the
loss is sum_p sum(c_p * p * p) with c_p from RandomState(1). Stored per step
(float64 rows, parameters flattened in PATHS order): param, grad, t (rule t
per path), opt_t, scale (the loss scale after the step; NaN when None) and
warnings (how many non-finite warnings the step gave).
"""
import json
import pathlib
import sys
import warnings

import numpy

import chainer
from chainer import optimizers

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from optimizers import HOOKS, PATHS, SHAPES, Net, initial_arrays  # NOQA

STEPS = 6


def scenarios():
    adam = ['Adam', {'alpha': 0.01}]
    msgd = ['MomentumSGD', {'lr': 0.1}]
    return {
        'dynamic_f32_adam': {'optimizer': adam, 'dtype': 'float32', 'loss_scaling': [2, None],
                             'mode': 'lossfun', 'bad': [2, 4, 5]},
        'dynamic_f16_sgd': {'optimizer': ['SGD', {'lr': 0.05}], 'dtype': 'float16',
                            'loss_scaling': [1, None], 'mode': 'lossfun', 'bad': [1, 3]},
        'dynamic_f16_fp32': {'optimizer': msgd, 'dtype': 'float16', 'fp32': True,
                             'loss_scaling': [3, None], 'mode': 'lossfun', 'bad': [2],
                             'rule_hooks': {'/l1/W': [['WeightDecay', [0.1], None]]}},
        'dynamic_default_interval': {'optimizer': msgd, 'dtype': 'float32',
                                     'loss_scaling': [1000, None], 'mode': 'lossfun',
                                     'bad': [3], 'disabled': ['/l2/b']},
        'static_f16_hooks': {'optimizer': msgd, 'dtype': 'float16', 'loss_scaling': [1000, 8.0],
                             'mode': 'lossfun', 'bad': [],
                             'opt_hooks': [['WeightDecay', [0.1], None]],
                             'rule_hooks': {'/l2/W': [['Lasso', [0.05], None]]}},
        'static_fp32_adam': {'optimizer': adam, 'dtype': 'float16', 'fp32': True,
                             'loss_scaling': [1000, 16.0], 'mode': 'lossfun', 'bad': []},
        'set_scale_dynamic': {'optimizer': adam, 'dtype': 'float32', 'loss_scaling': [2, None],
                              'mode': 'lossfun', 'bad': [1], 'set_scale': {'3': 40000.0}},
        'backward_twice': {'optimizer': ['SGD', {'lr': 0.1}], 'dtype': 'float32',
                           'mode': 'backward', 'backward_scale': 4.0, 'twice': [2, 4],
                           'bad': [], 'disabled': ['/l1/b']},
        'static_hooks_f32': {'optimizer': msgd, 'dtype': 'float32', 'loss_scaling': [1000, 4.0],
                             'mode': 'lossfun', 'bad': [],
                             'opt_hooks': [['GradientHardClipping', [-2.0, 2.0], None],
                                           ['GradientClipping', [3.0], None],
                                           ['GradientLARS', [0.01, 0.1], None]],
                             'rule_hooks': {'/l1/W': [['WeightDecay', [0.1], None]]}},
        'fp32_only_f16': {'optimizer': msgd, 'dtype': 'float16', 'fp32': True,
                          'mode': 'lossfun', 'bad': []},
    }


def flat(arrays):
    return numpy.concatenate([numpy.full(SHAPES[p], numpy.nan).ravel() if arrays[p] is None
                              else numpy.asarray(arrays[p], numpy.float64).ravel()
                              for p in PATHS])


def run(name, spec, out):
    out[name + '/spec'] = numpy.frombuffer(json.dumps(spec).encode(), dtype=numpy.uint8)
    dtype = numpy.dtype(spec['dtype'])
    net = Net({p: a.astype(dtype) for p, a in initial_arrays().items()})
    params = dict(net.namedparams())
    cls, kw = spec['optimizer']
    opt = getattr(optimizers, cls)(**kw).setup(net)
    if spec.get('fp32'):
        opt.use_fp32_update()
    if 'loss_scaling' in spec:
        opt.loss_scaling(*spec['loss_scaling'])
    for hname, args, timing in spec.get('opt_hooks', []):
        opt.add_hook(HOOKS[hname](*args), timing=timing or 'auto')
    for path, hooks in spec.get('rule_hooks', {}).items():
        for hname, args, timing in hooks:
            params[path].update_rule.add_hook(HOOKS[hname](*args), timing=timing or 'auto')
    for path in spec.get('disabled', []):
        params[path].update_rule.enabled = False
    rs = numpy.random.RandomState(1)
    coef = {p: rs.uniform(0.5, 1.5, SHAPES[p]).astype(dtype) for p in PATHS}

    def lossfun(k):
        loss = sum(chainer.functions.sum(coef[p] * params[p] * params[p]) for p in PATHS)
        return loss * numpy.inf if k in spec['bad'] else loss

    rows = {k: [] for k in ('param', 'grad', 't', 'opt_t', 'scale', 'warnings')}
    for k in range(1, STEPS + 1):
        if str(k) in spec.get('set_scale', {}):
            opt.set_loss_scale(spec['set_scale'][str(k)])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
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
        scale = getattr(opt, '_loss_scale', None)
        rows['scale'].append(numpy.nan if scale is None else scale)
    for key, value in rows.items():
        out['%s/%s' % (name, key)] = numpy.array(value)


def main():
    out = {}
    for name, spec in scenarios().items():
        run(name, spec, out)
    numpy.savez_compressed(sys.argv[1], **out)


if __name__ == '__main__':
    main()
