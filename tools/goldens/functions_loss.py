"""Golden values and gradients of Chainer 7.8.1's loss functions.

Runs in the reference environment: python functions_loss.py OUT.npz
The tests import CASES from this file and make the same calls with chainlite.

Keys, for each case name:
  in/<case>/<input>      the inputs (float64 data, int32 labels)
  out/<case>             the loss (the first output)
  out/<case>/<i>         further outputs (argmax_crf1d's path as out/<case>/1/<t>)
  gy/<case>              the upstream gradient used (absent for a scalar loss: 1)
  grad/<case>/<input>    the gradient of each differentiable input
"""
import sys

import numpy


def _rng(seed):
    return numpy.random.RandomState(seed)


def _labels(r, high, shape, ignore=None):
    t = r.randint(0, high, shape).astype(numpy.int32)
    if ignore is not None:
        t.ravel()[::3] = ignore
    return t


def _soft(r, shape):
    t = r.rand(*shape)
    return t / t.sum(axis=1, keepdims=True)


def _ctc_inputs(seed, n_time, batch, n_vocab, n_label):
    r = _rng(seed)
    ins = {'x%d' % i: r.randn(batch, n_vocab) for i in range(n_time)}
    ins['t'] = r.randint(1, n_vocab, (batch, n_label)).astype(numpy.int32)
    return ins


def _ctc(F, v, n_time, **kw):
    xs = [v['x%d' % i] for i in range(n_time)]
    return F.connectionist_temporal_classification(xs, v['t'], 0, **kw)


def _crf_inputs(seed):
    r = _rng(seed)
    lengths = (3, 3, 2, 1)  # batch sizes per time step, decreasing
    ins = {'cost': r.randn(4, 4)}
    for i, b in enumerate(lengths):
        ins['x%d' % i] = r.randn(b, 4)
        ins['y%d' % i] = r.randint(0, 4, b).astype(numpy.int32)
    return ins


def _crf_xs(v):
    n = len([k for k in v if k.startswith('x')])
    return [v['x%d' % i] for i in range(n)], [v['y%d' % i] for i in range(n)]


def _crf(F, v, **kw):
    xs, ys = _crf_xs(v)
    return F.crf1d(v['cost'], xs, ys, **kw)


def _argmax_crf(F, v):
    xs, _ = _crf_xs(v)
    score, path = F.argmax_crf1d(v['cost'], xs)
    return score, [getattr(p, 'array', p) for p in path]


def _sampling_inputs(seed, sample_size):
    r = _rng(seed)
    t = r.randint(0, 6, 5).astype(numpy.int32)
    return {'x': r.randn(5, 3), 'W': r.randn(6, 3), 't': t,
            'samples': r.randint(0, 6, (5, sample_size)).astype(numpy.int32)}


def _negative_sampling(F, v, **kw):
    fixed = v['samples']

    def sampler(shape):
        assert shape == fixed.shape, shape
        return fixed.copy()
    return F.negative_sampling(v['x'], v['t'], v['W'], sampler, fixed.shape[1] - 1, **kw)


def _make_cases():
    r = _rng(0)
    x43, t4 = r.randn(4, 3), _labels(r, 3, 4, ignore=-1)
    x323 = r.randn(3, 2, 3)
    xs_soft, t_soft = r.randn(2, 3, 2), _soft(r, (2, 3, 2))
    cw = numpy.array([0.5, 2.0, 1.5])
    a, b, c = r.randn(3, 4, 3)
    huber_x = r.randn(4, 3) * 2
    y01 = numpy.array([1, 0, 1, 0], numpy.int32)
    sig_x, sig_t = r.randn(3, 4) * 3, _labels(r, 2, (3, 4), ignore=-1)
    far = numpy.array([[3.0, 0.0, 0.0], [0.1, 0.2, 0.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    cases = {}

    def add(name, inputs, diff, call):
        cases[name] = dict(inputs=inputs, diff=diff, call=call)

    sce = {'x': x43, 't': t4}
    add('sce_mean', sce, ('x',), lambda F, v: F.softmax_cross_entropy(v['x'], v['t']))
    add('sce_unnormalized', sce, ('x',),
        lambda F, v: F.softmax_cross_entropy(v['x'], v['t'], normalize=False))
    add('sce_no', sce, ('x',), lambda F, v: F.softmax_cross_entropy(v['x'], v['t'], reduce='no'))
    add('sce_class_weight', dict(sce, cw=cw), ('x',),
        lambda F, v: F.softmax_cross_entropy(v['x'], v['t'], class_weight=v['cw']))
    add('sce_ignore_1', {'x': x43, 't': numpy.abs(t4)}, ('x',),
        lambda F, v: F.softmax_cross_entropy(v['x'], v['t'], ignore_label=1))
    add('sce_3d', {'x': r.randn(3, 4, 2), 't': _labels(r, 4, (3, 2), ignore=-1)}, ('x',),
        lambda F, v: F.softmax_cross_entropy(v['x'], v['t']))
    add('sce_3d_no', {'x': r.randn(3, 4, 2), 't': _labels(r, 4, (3, 2), ignore=-1)}, ('x',),
        lambda F, v: F.softmax_cross_entropy(v['x'], v['t'], reduce='no'))
    for loss in ('cross-entropy', 'kl-divergence'):
        for reduce in ('mean', 'no'):
            add('sce_soft_%s_%s' % (loss, reduce), {'x': xs_soft, 't': t_soft}, ('x',),
                lambda F, v, loss=loss, reduce=reduce: F.softmax_cross_entropy(
                    v['x'], v['t'], soft_target_loss=loss, reduce=reduce))
    sig = {'x': sig_x, 't': sig_t}
    add('sigmoid_mean', sig, ('x',), lambda F, v: F.sigmoid_cross_entropy(v['x'], v['t']))
    add('sigmoid_unnormalized', sig, ('x',),
        lambda F, v: F.sigmoid_cross_entropy(v['x'], v['t'], normalize=False))
    add('sigmoid_no', sig, ('x',),
        lambda F, v: F.sigmoid_cross_entropy(v['x'], v['t'], reduce='no'))
    pair = {'x0': a, 'x1': b}
    for name in ('mean_squared_error', 'squared_error', 'mean_absolute_error',
                 'absolute_error'):
        add(name, pair, ('x0', 'x1'), lambda F, v, name=name: getattr(F, name)(v['x0'], v['x1']))
    hub = {'x': huber_x, 't': b}
    add('huber', hub, ('x', 't'), lambda F, v: F.huber_loss(v['x'], v['t'], 1.0))
    add('huber_no', hub, ('x', 't'), lambda F, v: F.huber_loss(v['x'], v['t'], 0.5, reduce='no'))
    add('huber_3d', {'x': x323 * 2, 't': r.randn(3, 2, 3)}, ('x', 't'),
        lambda F, v: F.huber_loss(v['x'], v['t'], 1.0))
    hin = {'x': x43, 't': numpy.abs(t4)}
    for norm in ('L1', 'L2'):
        for reduce in ('mean', 'no'):
            add('hinge_%s_%s' % (norm, reduce), hin, ('x',),
                lambda F, v, norm=norm, reduce=reduce: F.hinge(v['x'], v['t'], norm, reduce))
    con = {'x0': a, 'x1': a + far, 'y': y01}
    add('contrastive', con, ('x0', 'x1'),
        lambda F, v: F.contrastive(v['x0'], v['x1'], v['y'], margin=1.5))
    add('contrastive_no', con, ('x0', 'x1'),
        lambda F, v: F.contrastive(v['x0'], v['x1'], v['y'], reduce='no'))
    tri = {'a': a, 'p': b, 'n': c}
    add('triplet', tri, ('a', 'p', 'n'), lambda F, v: F.triplet(v['a'], v['p'], v['n'], 2.0))
    add('triplet_no', tri, ('a', 'p', 'n'),
        lambda F, v: F.triplet(v['a'], v['p'], v['n'], 2.0, reduce='no'))
    tri3 = {'a': r.randn(3, 2, 2), 'p': r.randn(3, 2, 2), 'n': r.randn(3, 2, 2)}
    add('triplet_3d', tri3, ('a', 'p', 'n'), lambda F, v: F.triplet(v['a'], v['p'], v['n'], 1.0))
    for reduce in ('sum', 'mean', 'no'):
        add('gaussian_kl_divergence_' + reduce, {'mean': a, 'ln_var': b}, ('mean', 'ln_var'),
            lambda F, v, reduce=reduce: F.gaussian_kl_divergence(v['mean'], v['ln_var'], reduce))
        add('gaussian_nll_' + reduce, {'x': a, 'mean': b, 'ln_var': c}, ('x', 'mean', 'ln_var'),
            lambda F, v, reduce=reduce: F.gaussian_nll(v['x'], v['mean'], v['ln_var'], reduce))
        add('bernoulli_nll_' + reduce, {'x': r.rand(4, 3), 'y': b}, ('x', 'y'),
            lambda F, v, reduce=reduce: F.bernoulli_nll(v['x'], v['y'], reduce))
    cc = {'y': r.randn(5, 3), 'z': r.randn(5, 2)}
    add('cross_covariance', cc, ('y', 'z'), lambda F, v: F.cross_covariance(v['y'], v['z']))
    add('cross_covariance_no', cc, ('y', 'z'),
        lambda F, v: F.cross_covariance(v['y'], v['z'], reduce='no'))
    add('decov', {'h': r.randn(5, 3)}, ('h',), lambda F, v: F.decov(v['h']))
    add('decov_no', {'h': r.randn(5, 3)}, ('h',), lambda F, v: F.decov(v['h'], reduce='no'))

    ctc = _ctc_inputs(1, 6, 3, 4, 2)
    ctc['t'][1] = [2, 2]  # a repeated label needs a blank between
    xs6 = tuple('x%d' % i for i in range(6))
    add('ctc', ctc, xs6, lambda F, v: _ctc(F, v, 6))
    add('ctc_no', ctc, xs6, lambda F, v: _ctc(F, v, 6, reduce='no'))
    ctc_len = dict(ctc, input_length=numpy.array([6, 4, 3], numpy.int32),
                   label_length=numpy.array([2, 1, 0], numpy.int32))
    add('ctc_lengths', ctc_len, xs6, lambda F, v: _ctc(
        F, v, 6, input_length=v['input_length'], label_length=v['label_length'], reduce='no'))
    ctc_long = _ctc_inputs(2, 9, 2, 5, 3)
    add('ctc_long', ctc_long, tuple('x%d' % i for i in range(9)), lambda F, v: _ctc(F, v, 9))

    crf = _crf_inputs(3)
    crf_diff = ('cost',) + tuple('x%d' % i for i in range(4))
    add('crf1d', crf, crf_diff, _crf)
    add('crf1d_no', crf, crf_diff, lambda F, v: _crf(F, v, reduce='no'))
    add('argmax_crf1d', crf, crf_diff, _argmax_crf)

    ns = _sampling_inputs(4, 3)
    ns['t'][2] = -1
    add('negative_sampling', ns, ('x', 'W'), _negative_sampling)
    add('negative_sampling_no', ns, ('x', 'W'), lambda F, v: _negative_sampling(F, v, reduce='no'))
    bo = _sampling_inputs(5, 2)
    add('black_out', bo, ('x', 'W'),
        lambda F, v: F.black_out(v['x'], v['t'], v['W'], v['samples']))
    add('black_out_no', bo, ('x', 'W'),
        lambda F, v: F.black_out(v['x'], v['t'], v['W'], v['samples'], reduce='no'))
    return cases


CASES = _make_cases()


def gy_for(name, shape):
    """The upstream gradient of a non-scalar output (a fixed draw per case)."""
    seed = sum(map(ord, name))
    return _rng(seed).randn(*shape)


def main(out):
    import chainer
    import chainer.functions as F
    data = {}
    for name, case in CASES.items():
        v = {}
        for k, a in case['inputs'].items():
            data['in/%s/%s' % (name, k)] = a
            v[k] = chainer.Variable(a) if k in case['diff'] else a
        res = case['call'](F, v)
        if isinstance(res, tuple):
            loss, extras = res[0], res[1:]
        else:
            loss, extras = res, ()
        data['out/' + name] = loss.array
        for i, e in enumerate(extras, 1):
            for j, p in enumerate(e):
                data['out/%s/%d/%d' % (name, i, j)] = p
        if loss.size != 1:
            gy = gy_for(name, loss.shape)
            data['gy/' + name] = gy
            loss.grad = gy
        loss.backward()
        for k in case['diff']:
            g = v[k].grad
            data['grad/%s/%s' % (name, k)] = numpy.zeros_like(v[k].array) if g is None else g
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
