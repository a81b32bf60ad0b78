"""Goldens of Chainer 7.8.1's recurrent functions and links.

Runs in the reference environment: python rnn.py OUT.npz
Keys:
  fn/<case>/in/<name>         float64 inputs; n-step weights stacked per layer as in/wx/<layer>
                              (the input weights), in/wh/<layer> (the hidden ones), in/b/<layer>;
                              the time-major steps as in/xs/<t> (batch sizes LENGTHS)
  fn/<case>/gy/<name>         the output gradients; the loss is sum(y * gy) over outputs
  fn/<case>/out/<name>        outputs (n-step: hy, cy, ys/<i>)
  fn/<case>/grad/<name>       gradients of the loss for every input
  (link parameters are flattened into one vector, in the order of their sorted paths)
  paths/<link>                'path shape' strings of a link's parameters, sorted
  init/<link>/s<seed>         a default-constructed link's parameters after numpy.random.seed
  next/<link>/s<seed>         numpy.random.normal() right after construction (draw count)
  link/<case>/param           random float32 parameters set into the link before the call
  link/<case>/in/<k>          float32 inputs; link/<case>/out/<k> outputs (stateful: k = step;
                              n-step: hy, [cy,] then ys per sequence)
  link/<case>/grad            parameter gradients of sum over outputs of sum(y * y)
"""
import sys

import numpy

import chainer
import chainer.functions as F
import chainer.initializers as I
import chainer.links as L

SEEDS = (0, 1)
LENGTHS = (3, 2, 1)
IN, OUT = 3, 2


def record_fn(out, case, fn, inputs, nets=()):
    """Calls ``fn(**variables)`` and records outputs and the gradients of sum(y * gy)."""
    rng = numpy.random.RandomState(len(case))
    variables = {k: chainer.Variable(v) for k, v in inputs.items()}
    ys = fn(variables)
    loss = 0
    for name, y in ys.items():
        gy = rng.randn(*y.shape)
        out['fn/%s/gy/%s' % (case, name)] = gy
        out['fn/%s/out/%s' % (case, name)] = y.array
        loss = loss + F.sum(y * gy)
    loss.backward()
    for name, v in variables.items():
        out['fn/%s/in/%s' % (case, name)] = v.array
        out['fn/%s/grad/%s' % (case, name)] = v.grad


def n_step_inputs(rng, n_layers, n_dir, n_weights, with_c):
    inputs = {'hx': rng.randn(n_layers * n_dir, len(LENGTHS), OUT)}
    if with_c:
        inputs['cx'] = rng.randn(n_layers * n_dir, len(LENGTHS), OUT)
    for i, n in enumerate(LENGTHS):
        inputs['xs/%d' % i] = rng.randn(n, IN)
    for layer in range(n_layers * n_dir):
        w_in = IN if layer < n_dir else OUT * n_dir
        inputs['wx/%d' % layer] = rng.randn(n_weights // 2, OUT, w_in)
        inputs['wh/%d' % layer] = rng.randn(n_weights // 2, OUT, OUT)
        inputs['b/%d' % layer] = rng.randn(n_weights, OUT)
    return inputs


def n_step_call(fn, n_layers, n_dir, n_weights, with_c, **kwargs):
    def call(v):
        layers = range(n_layers * n_dir)
        ws = [list(F.separate(v['wx/%d' % k])) + list(F.separate(v['wh/%d' % k]))
              for k in layers]
        bs = [list(F.separate(v['b/%d' % k])) for k in layers]
        xs = [v['xs/%d' % i] for i in range(len(LENGTHS))]
        states = (v['hx'], v['cx']) if with_c else (v['hx'],)
        ret = fn(n_layers, 0.0, *states, ws, bs, xs, **kwargs)
        names = ('hy', 'cy') if with_c else ('hy',)
        ys = dict(zip(names, ret[:-1]))
        ys.update(('ys/%d' % i, y) for i, y in enumerate(ret[-1]))
        return ys
    return call


N_STEP = {
    'n_step_lstm': (F.n_step_lstm, 1, 8, True, {}),
    'n_step_bilstm': (F.n_step_bilstm, 2, 8, True, {}),
    'n_step_gru': (F.n_step_gru, 1, 6, False, {}),
    'n_step_bigru': (F.n_step_bigru, 2, 6, False, {}),
    'n_step_rnn_tanh': (F.n_step_rnn, 1, 2, False, {}),
    'n_step_rnn_relu': (F.n_step_rnn, 1, 2, False, {'activation': 'relu'}),
    'n_step_birnn_tanh': (F.n_step_birnn, 2, 2, False, {}),
    'n_step_birnn_relu': (F.n_step_birnn, 2, 2, False, {'activation': 'relu'}),
}


def functions(out):
    rng = numpy.random.RandomState(0)
    record_fn(out, 'lstm', lambda v: dict(zip(('c', 'h'), F.lstm(v['c'], v['x']))),
              {'c': rng.randn(3, 2), 'x': rng.randn(2, 8)})
    record_fn(out, 'lstm_3d', lambda v: dict(zip(('c', 'h'), F.lstm(v['c'], v['x']))),
              {'c': rng.randn(2, 2, 3), 'x': rng.randn(2, 8, 3)})
    record_fn(out, 'slstm',
              lambda v: dict(zip(('c', 'h'), F.slstm(v['c1'], v['c2'], v['x1'], v['x2']))),
              {'c1': rng.randn(2, 3), 'c2': rng.randn(2, 3),
               'x1': rng.randn(2, 12), 'x2': rng.randn(2, 12)})
    record_fn(out, 'tree_lstm',
              lambda v: dict(zip(('c', 'h'), F.tree_lstm(v['c1'], v['c2'], v['x']))),
              {'c1': rng.randn(2, 3), 'c2': rng.randn(2, 3), 'x': rng.randn(2, 15)})
    for case, (fn, n_dir, n_weights, with_c, kwargs) in N_STEP.items():
        inputs = n_step_inputs(rng, 2, n_dir, n_weights, with_c)
        record_fn(out, case, n_step_call(fn, 2, n_dir, n_weights, with_c, **kwargs), inputs)


INIT = {
    'LSTM': lambda: L.LSTM(3, 4),
    'LSTM_init': lambda: L.LSTM(3, 2, lateral_init=I.Uniform(1.0), upward_init=I.Normal(2.0),
                                bias_init=I.Normal(1.0), forget_bias_init=I.Uniform(0.5)),
    'StatelessLSTM': lambda: L.StatelessLSTM(3, 4),
    'GRU': lambda: L.GRU(3, 4),
    'StatelessGRU': lambda: L.StatelessGRU(3, 4),
    'NStepLSTM': lambda: L.NStepLSTM(2, 3, 4, 0.0),
    'NStepBiLSTM': lambda: L.NStepBiLSTM(2, 3, 2, 0.0),
    'NStepGRU': lambda: L.NStepGRU(1, 3, 4, 0.0),
    'NStepBiGRU': lambda: L.NStepBiGRU(2, 3, 2, 0.0),
    'NStepRNNTanh': lambda: L.NStepRNNTanh(2, 3, 4, 0.0),
    'NStepBiRNNReLU': lambda: L.NStepBiRNNReLU(1, 3, 4, 0.0),
    'NStepLSTM_init': lambda: L.NStepLSTM(1, 3, 2, 0.0, initialW=I.Uniform(1.0),
                                          initial_bias=I.Normal(1.0)),
    'StatefulPeepholeLSTM': lambda: L.StatefulPeepholeLSTM(3, 4),
    'StatefulZoneoutLSTM': lambda: L.StatefulZoneoutLSTM(3, 4),
    'StatelessMGU': lambda: L.StatelessMGU(3, 4),
    'StatefulMGU': lambda: L.StatefulMGU(3, 4),
}


def flat(link, attr):
    params = sorted(link.namedparams())
    return numpy.concatenate([getattr(p, attr).ravel() for _, p in params])


def initial_params(out):
    for seed in SEEDS:
        for name, make in INIT.items():
            numpy.random.seed(seed)
            link = make()
            out['next/%s/s%d' % (name, seed)] = numpy.random.normal()
            out['init/%s/s%d' % (name, seed)] = flat(link, 'array')
            out['paths/' + name] = numpy.array(
                ['%s %s' % (path, p.shape) for path, p in sorted(link.namedparams())])
        # L.LSTM(2) draws both weights on its first call.
        numpy.random.seed(seed)
        link = L.LSTM(2)
        link(numpy.ones((1, 3), numpy.float32))
        out['next/LSTM_lazy/s%d' % seed] = numpy.random.normal()
        out['init/LSTM_lazy/s%d' % seed] = flat(link, 'array')


def record_link(out, case, link, inputs, call):
    """Runs ``call(link, inputs)`` -> list of outputs; records them and the param grads."""
    rng = numpy.random.RandomState(len(case))
    for _, param in sorted(link.namedparams()):
        param.array[...] = rng.uniform(-1, 1, param.shape)
    out['link/%s/param' % case] = flat(link, 'array')
    for k, x in inputs.items():
        out['link/%s/in/%s' % (case, k)] = x
    ys = call(link, inputs)
    loss = 0
    for k, y in enumerate(ys):
        out['link/%s/out/%d' % (case, k)] = y.array
        loss = loss + F.sum(y * y)
    link.cleargrads()
    loss.backward()
    out['link/%s/grad' % case] = flat(link, 'grad')


def steps(link, inputs):
    return [link(inputs[str(t)]) for t in range(len(inputs))]


def n_step(link, inputs):
    xs = [inputs['xs/%d' % i] for i in range(len(LENGTHS))]
    if isinstance(link, L.NStepLSTM) or isinstance(link, L.NStepBiLSTM):
        hy, cy, ys = link(None, None, xs)
        return [hy, cy] + list(ys)
    hy, ys = link(None, xs)
    return [hy] + list(ys)


def links(out):
    rng = numpy.random.RandomState(1)

    def seq(*batches):
        return {str(t): rng.randn(b, IN).astype(numpy.float32) for t, b in enumerate(batches)}

    record_link(out, 'LSTM', L.LSTM(IN, OUT), seq(3, 3, 2), steps)
    for name in ('StatefulGRU', 'StatefulMGU', 'StatefulPeepholeLSTM'):
        record_link(out, name, getattr(L, name)(IN, OUT), seq(2, 2, 2), steps)
    for case, kwargs in (('StatefulZoneoutLSTM_keep', dict(c_ratio=1.0, h_ratio=1.0)),
                         ('StatefulZoneoutLSTM_update', dict(c_ratio=0.0, h_ratio=0.0))):
        record_link(out, case, L.StatefulZoneoutLSTM(IN, OUT, **kwargs), seq(2, 2, 2), steps)
    with chainer.using_config('train', False):
        record_link(out, 'StatefulZoneoutLSTM_test', L.StatefulZoneoutLSTM(IN, OUT),
                    seq(2, 2, 2), steps)
    state = {'c': rng.randn(2, OUT).astype(numpy.float32),
             'h': rng.randn(2, OUT).astype(numpy.float32),
             'x': rng.randn(2, IN).astype(numpy.float32)}
    record_link(out, 'StatelessLSTM', L.StatelessLSTM(IN, OUT), state,
                lambda link, v: list(link(v['c'], v['h'], v['x'])))
    for name in ('StatelessGRU', 'StatelessMGU'):
        record_link(out, name, getattr(L, name)(IN, OUT), state,
                    lambda link, v: [link(v['h'], v['x'])])
    xs = {'xs/%d' % i: rng.randn(n, IN).astype(numpy.float32) for i, n in enumerate(LENGTHS)}
    for name in ('NStepLSTM', 'NStepBiLSTM', 'NStepGRU', 'NStepBiGRU', 'NStepRNNTanh',
                 'NStepRNNReLU', 'NStepBiRNNTanh', 'NStepBiRNNReLU'):
        record_link(out, name, getattr(L, name)(2, IN, OUT, 0.0), xs, n_step)


def main(path):
    out = {}
    functions(out)
    initial_params(out)
    links(out)
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
