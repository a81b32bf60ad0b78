"""Chainer 7.8.1's float32 bits of links (forward, input and parameter gradients under a
random upstream gradient), of the LSTM activations, and of optimizer trajectories with
and without optimizer hooks, for tests that ask for equality, not closeness.

Runs in the reference environment: python float32_bits_links.py OUT.npz
Keys, for link ``name`` and case i: prm/<name>/<i>/<param> (parameters set before the
call), in/<name>/<i>/<k> (inputs), gy/<name>/<i>/<k> (upstream gradients of the outputs),
y/<name>/<i>/<k> (outputs), gx/<name>/<i>/<k> and gp/<name>/<i>/<param> (gradients).
Optimizers: opt/<name>/<hook>/p0/<param>, opt/<name>/<hook>/g<step>/<param> and
opt/<name>/<hook>/p/<param> (after STEPS updates).
The tests rebuild each case with chainlite through run_link and run_optimizer below.
"""
import sys

import numpy

N_CASES = 4
STEPS = 4


def _nstep(link, vs):
    hy, cy, ys = link(None, None, vs)
    return [hy, cy] + list(ys)


def _nstep_nocell(link, vs):
    hy, ys = link(None, vs)
    return [hy] + list(ys)


def _twice(link, vs):
    # a stateful link: a first step, then a second from the state
    y = link(*vs)
    return [y, link(*[v * 0.5 for v in vs])]


# name: (make(L, d), inputs(r, d) -> list of arrays, call(link, variables) -> outputs,
#        config.train)
def _f(r, *shape, sc=1.0):
    return (r.randn(*shape) * sc).astype(numpy.float32)


LINKS = {
    'linear': (lambda L, d: L.Linear(d['c'], d['o']),
               lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], None, True),
    'linear_nobias': (lambda L, d: L.Linear(d['c'], d['o'], nobias=True),
                      lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], None, True),
    'embed_id': (lambda L, d: L.EmbedID(d['c'], d['o']),
                 lambda r, d: [r.randint(0, d['c'], (d['n'], 3)).astype(numpy.int32)], None,
                 True),
    'lstm': (lambda L, d: L.LSTM(d['c'], d['o']),
             lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], _twice, True),
    'stateless_lstm': (lambda L, d: L.StatelessLSTM(d['c'], d['o']),
                       lambda r, d: [_f(r, d['n'], d['o']), _f(r, d['n'], d['o']),
                                     _f(r, d['n'], d['c'], sc=d['sc'])], None, True),
    'stateless_gru': (lambda L, d: L.StatelessGRU(d['c'], d['o']),
                      lambda r, d: [_f(r, d['n'], d['o']), _f(r, d['n'], d['c'], sc=d['sc'])],
                      None, True),
    'gru': (lambda L, d: L.GRU(d['c'], d['o']),
            lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], _twice, True),
    'stateful_gru': (lambda L, d: L.StatefulGRU(d['c'], d['o']),
                     lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], _twice, True),
    'n_step_lstm': (lambda L, d: L.NStepLSTM(2, d['c'], d['o'], 0.0),
                    lambda r, d: [_f(r, d['n'] - k + 1, d['c'], sc=d['sc'])
                                  for k in range(d['n'])], _nstep, True),
    'n_step_bilstm': (lambda L, d: L.NStepBiLSTM(2, d['c'], d['o'], 0.0),
                      lambda r, d: [_f(r, d['n'] - k + 1, d['c'], sc=d['sc'])
                                    for k in range(d['n'])], _nstep, True),
    'n_step_bigru': (lambda L, d: L.NStepBiGRU(1, d['c'], d['o'], 0.0),
                     lambda r, d: [_f(r, d['n'] - k + 1, d['c'], sc=d['sc'])
                                   for k in range(d['n'])], _nstep_nocell, True),
    'n_step_rnn_tanh': (lambda L, d: L.NStepRNNTanh(2, d['c'], d['o'], 0.0),
                        lambda r, d: [_f(r, d['n'] - k + 1, d['c'], sc=d['sc'])
                                      for k in range(d['n'])], _nstep_nocell, True),
    'maxout': (lambda L, d: L.Maxout(d['c'], d['o'], 3),
               lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], None, True),
    'highway': (lambda L, d: L.Highway(d['c']),
                lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc'])], None, True),
    'batch_normalization': (lambda L, d: L.BatchNormalization(d['c']),
                            lambda r, d: [_f(r, d['n'] + 1, d['c'], d['hw'], sc=d['sc']) + 3],
                            None, True),
    'layer_normalization': (lambda L, d: L.LayerNormalization(d['c']),
                            lambda r, d: [_f(r, d['n'], d['c'], sc=d['sc']) + 2], None, True),
    'group_normalization': (lambda L, d: L.GroupNormalization(2, 2 * d['c']),
                            lambda r, d: [_f(r, d['n'] + 1, 2 * d['c'], d['hw'], sc=d['sc']) + 2],
                            None, True),
    'scale': (lambda L, d: L.Scale(axis=1, W_shape=(d['c'],), bias_term=True),
              lambda r, d: [_f(r, d['n'], d['c'], d['hw'], sc=d['sc'])], None, True),
    'bias': (lambda L, d: L.Bias(axis=1, shape=(d['c'],)),
             lambda r, d: [_f(r, d['n'], d['c'], d['hw'], sc=d['sc'])], None, True),
    'stateless_mgu': (lambda L, d: L.StatelessMGU(d['c'], d['o']),
                      lambda r, d: [_f(r, d['n'], d['o']), _f(r, d['n'], d['c'], sc=d['sc'])],
                      None, True),
    'convolution_2d': (lambda L, d: L.Convolution2D(d['c'], d['o'], 3, pad=1),
                       lambda r, d: [_f(r, d['n'], d['c'], d['hw'] + 4, d['hw'] + 3, sc=d['sc'])],
                       None, True),
    'convolution_2d_stride': (lambda L, d: L.Convolution2D(d['c'], d['o'], 3, stride=2),
                              lambda r, d: [_f(r, d['n'], d['c'], d['hw'] + 5, d['hw'] + 4,
                                               sc=d['sc'])], None, True),
    'deconvolution_2d': (lambda L, d: L.Deconvolution2D(d['c'], d['o'], 3, stride=2, pad=1),
                         lambda r, d: [_f(r, d['n'], d['c'], d['hw'] + 2, d['hw'] + 1,
                                          sc=d['sc'])], None, True),
}

# F.lstm / F.slstm: the gradients of the gates (a sigmoid's derivative s (1 - s) first)
FUNCTIONS = {
    'lstm': (lambda F, vs: list(F.lstm(*vs)),
             lambda r, d: [_f(r, d['n'] + 1, d['c']), _f(r, d['n'], 4 * d['c'], sc=d['sc'])]),
    'slstm': (lambda F, vs: list(F.slstm(*vs)),
              lambda r, d: [_f(r, d['n'], d['c']), _f(r, d['n'], d['c']),
                            _f(r, d['n'], 4 * d['c'], sc=d['sc']),
                            _f(r, d['n'], 4 * d['c'], sc=d['sc'])]),
}

OPTIMIZERS = {
    'sgd': lambda o: o.SGD(),
    'momentum_sgd': lambda o: o.MomentumSGD(),
    'nesterov_ag': lambda o: o.NesterovAG(),
    'corrected_momentum_sgd': lambda o: o.CorrectedMomentumSGD(),
    'ada_grad': lambda o: o.AdaGrad(),
    'ada_delta': lambda o: o.AdaDelta(),
    'rmsprop': lambda o: o.RMSprop(),
    'rmsprop_graves': lambda o: o.RMSpropGraves(),
    'smorms3': lambda o: o.SMORMS3(),
    'adam': lambda o: o.Adam(),
    'amsgrad': lambda o: o.Adam(amsgrad=True),
    'adabound': lambda o: o.Adam(adabound=True),
    'amsbound': lambda o: o.Adam(adabound=True, amsgrad=True),
    'msvag': lambda o: o.MSVAG(),
    'msvag_wd': lambda o: o.MSVAG(weight_decay_rate=0.01, eta=0.5),
}

# name: (hook(H), per parameter: added to param a's update rule instead of the optimizer)
HOOKS = {
    'none': (lambda H: None, False),
    'weight_decay': (lambda H: H.WeightDecay(1e-2), False),
    'lasso': (lambda H: H.Lasso(1e-2), False),
    'gradient_clipping': (lambda H: H.GradientClipping(1.0), False),
    'gradient_hard_clipping': (lambda H: H.GradientHardClipping(-0.5, 0.5), False),
    'gradient_lars': (lambda H: H.GradientLARS(), False),
    'gradient_lars_wd': (lambda H: H.GradientLARS(weight_decay=1e-3), False),
    'rule_weight_decay': (lambda H: H.WeightDecay(1e-2), True),
    'rule_gradient_lars': (lambda H: H.GradientLARS(), True),
}


def dims(r):
    return {'n': r.randint(1, 6), 'c': r.randint(2, 8), 'o': r.randint(1, 6),
            'hw': r.randint(1, 4), 'sc': float(r.choice([0.1, 1.0, 10.0]))}


def _backward(chainer, ys, gys):
    # sum(y * gy) over the outputs, each output's upstream gradient gy
    loss = None
    for y, gy in zip(ys, gys):
        term = chainer.functions.sum(y * gy)
        loss = term if loss is None else loss + term
    loss.backward()


def run_link(chainer, L, name, params, xs, gys):
    """The link's outputs and gradients (xs' and the parameters')."""
    make, _, call, train = LINKS[name]
    link = make(L, DIMS[name])
    link.cleargrads()
    for pname, p in link.namedparams():
        p.array[...] = params[pname]
    vs = [chainer.Variable(x) for x in xs]
    with chainer.using_config('train', train):
        ys = call(link, vs) if call else link(*vs)
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    if gys is None:  # the outputs only (their shapes tell the upstream gradients')
        return [y.array for y in ys], None, None
    _backward(chainer, ys, gys)
    return ([y.array for y in ys], [v.grad for v in vs],
            {pname: p.grad for pname, p in link.namedparams()})


def run_function(chainer, name, xs, gys):
    vs = [chainer.Variable(x) for x in xs]
    ys = FUNCTIONS[name][0](chainer.functions, vs)
    if gys is None:
        return [y.array for y in ys], None
    _backward(chainer, ys, gys)
    return [y.array for y in ys], [v.grad for v in vs]


def run_optimizer(chainer, name, hook, p0, grads, fused=None):
    """The parameters a and b after one update per entry of grads."""
    link = chainer.Link()
    with link.init_scope():
        link.a = chainer.Parameter(p0['a'].copy())
        link.b = chainer.Parameter(p0['b'].copy())
    opt = OPTIMIZERS[name](chainer.optimizers)
    if fused is not None:
        opt.fused = fused
    opt.setup(link)
    make_hook, per_param = HOOKS[hook]
    h = make_hook(chainer.optimizer_hooks)
    if h is not None:
        if per_param:
            link.a.update_rule.add_hook(h)
        else:
            opt.add_hook(h)
    for g in grads:
        link.a.grad = g['a'].copy()
        link.b.grad = g['b'].copy()
        opt.update()
    return {'a': link.a.array, 'b': link.b.array}


_r = numpy.random.RandomState(17)
DIMS = {name: dims(_r) for name in list(LINKS) + list(FUNCTIONS)}


def main(out):
    import chainer
    import chainer.links as L
    r = numpy.random.RandomState(23)
    data = {}
    for name, (make, inputs, _, _) in LINKS.items():
        for i in range(N_CASES):
            link = make(L, DIMS[name])
            params = {pname: (r.randn(*p.shape) * 0.5 + (1.0 if pname.endswith('gamma') else 0.0))
                      .astype(numpy.float32) for pname, p in link.namedparams()}
            xs = inputs(r, DIMS[name])
            # the upstream gradients need the outputs' shapes: a first run tells them
            ys, _, _ = run_link(chainer, L, name, params, xs, None)
            gys = [r.randn(*y.shape).astype(numpy.float32) for y in ys]
            ys, gxs, gps = run_link(chainer, L, name, params, xs, gys)
            key = '%s/%d' % (name, i)
            for pname in params:
                data['prm/%s/%s' % (key, pname)] = params[pname]
                data['gp/%s/%s' % (key, pname)] = gps[pname]
            for k, x in enumerate(xs):
                data['in/%s/%d' % (key, k)] = x
                if gxs[k] is not None:
                    data['gx/%s/%d' % (key, k)] = gxs[k]
            for k, (y, gy) in enumerate(zip(ys, gys)):
                data['y/%s/%d' % (key, k)] = y
                data['gy/%s/%d' % (key, k)] = gy
    for name, (_, inputs) in FUNCTIONS.items():
        for i in range(N_CASES):
            xs = inputs(r, DIMS[name])
            ys, _ = run_function(chainer, name, xs, None)
            gys = [r.randn(*y.shape).astype(numpy.float32) for y in ys]
            ys, gxs = run_function(chainer, name, xs, gys)
            key = '%s/%d' % (name, i)
            for k, x in enumerate(xs):
                data['fin/%s/%d' % (key, k)] = x
                data['fgx/%s/%d' % (key, k)] = gxs[k]
            for k, (y, gy) in enumerate(zip(ys, gys)):
                data['fy/%s/%d' % (key, k)] = y
                data['fgy/%s/%d' % (key, k)] = gy
    for name in OPTIMIZERS:
        for hook in HOOKS:
            n = r.randint(1, 12)
            p0 = {'a': r.randn(n).astype(numpy.float32),
                  'b': r.randn(2, 3).astype(numpy.float32)}
            scale = r.choice([0.01, 1.0, 10.0])
            grads = [{k: (r.randn(*v.shape) * scale).astype(numpy.float32)
                      for k, v in p0.items()} for _ in range(STEPS)]
            p = run_optimizer(chainer, name, hook, p0, grads)
            key = 'opt/%s/%s' % (name, hook)
            for k in p0:
                data['%s/p0/%s' % (key, k)] = p0[k]
                data['%s/p/%s' % (key, k)] = p[k]
                for s, g in enumerate(grads):
                    data['%s/g%d/%s' % (key, s, k)] = g[k]
    numpy.savez_compressed(out, **pack(data))


def pack(data):
    """The arrays of ``data`` (float32 and int32) in one flat float32 buffer, bits kept,
    with their names, dtypes and shapes: one .npz entry each instead of one per array."""
    names = sorted(data)
    shapes = numpy.zeros((len(names), 4), numpy.int64) - 1
    for i, k in enumerate(names):
        shapes[i, :data[k].ndim] = data[k].shape
    flat = [numpy.ascontiguousarray(data[k]).reshape(-1).view(numpy.float32) for k in names]
    return {'names': numpy.array(names), 'dtypes': numpy.array([data[k].dtype.str for k in names]),
            'shapes': shapes, 'flat': numpy.concatenate(flat)}


def unpack(npz):
    """The dict :func:`pack` packed."""
    out, offset, flat = {}, 0, npz['flat']
    for name, dtype, shape in zip(npz['names'], npz['dtypes'], npz['shapes']):
        shape = tuple(int(d) for d in shape if d >= 0)
        size = int(numpy.prod(shape, dtype=numpy.int64))
        out[str(name)] = flat[offset:offset + size].view(numpy.dtype(str(dtype))).reshape(shape)
        offset += size
    return out


if __name__ == '__main__':
    main(sys.argv[1])
