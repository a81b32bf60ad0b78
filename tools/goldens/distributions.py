"""Golden values and gradients of Chainer 7.8.1's distributions (chainer.distributions).

Runs in the reference environment: python distributions.py OUT.npz
The tests import CASES and evaluate() from this file and make the same calls with
chainlite.distributions (tests/test_distributions.py).

Each case builds distributions from float32 inputs and returns named outputs
(log_prob, entropy, moments, KL divergences, seeded samples ...). evaluate() also forms a
scalar loss, the sum over the differentiable outputs of sum(output * weight) with fixed
weights, and backpropagates it to the parameters.

Keys, for each case name:
  in/<case>/<input>      the inputs
  out/<case>/<output>    the outputs (samples drawn right after numpy.random.seed)
  grad/<case>/<input>    the gradient of the loss w.r.t. each parameter in case['diff']
"""
import sys

import numpy


def _rng(seed):
    return numpy.random.RandomState(seed)


def _f32(a):
    return numpy.asarray(a, numpy.float32)


def _seeded(seed, draw):
    numpy.random.seed(seed)
    return draw()


def _normal_outputs(d, x, q):
    return {
        'log_prob': d.log_prob(x), 'prob': d.prob(x), 'cdf': d.cdf(x), 'log_cdf': d.log_cdf(x),
        'survival_function': d.survival_function(x),
        'log_survival_function': d.log_survival_function(x), 'icdf': d.icdf(q),
        'entropy': d.entropy, 'mean': d.mean, 'variance': d.variance, 'stddev': d.stddev,
        'scale': d.scale, 'log_scale': d.log_scale,
        'sample': _seeded(0, d.sample), 'sample_4': _seeded(1, lambda: d.sample(4)),
        'sample_2x2': _seeded(2, lambda: d.sample((2, 2))),
    }


def _bernoulli_outputs(d, x):
    return {
        'log_prob': d.log_prob(x), 'prob': d.prob(x), 'entropy': d.entropy, 'mean': d.mean,
        'variance': d.variance, 'stddev': d.stddev, 'p': d.p, 'logit': d.logit,
        'sample': _seeded(3, d.sample), 'sample_3': _seeded(4, lambda: d.sample(3)),
    }


def _categorical_outputs(d, x, xs):
    return {
        'log_prob': d.log_prob(x), 'log_prob_samples': d.log_prob(xs), 'entropy': d.entropy,
        'p': d.p, 'log_p': d.log_p, 'sample': _seeded(5, d.sample),
        'sample_2x3': _seeded(6, lambda: d.sample((2, 3))),
        'sample_n_50': _seeded(7, lambda: d.sample_n(50)),
    }


def _independent_outputs(d, x):
    out = {'log_prob': d.log_prob(x), 'prob': d.prob(x), 'entropy': d.entropy,
           'mean': d.mean, 'variance': d.variance, 'stddev': d.stddev,
           'sample': _seeded(8, d.sample), 'sample_3': _seeded(9, lambda: d.sample(3))}
    return out


def _independent_normal_outputs(d, x):
    out = _independent_outputs(d, x)
    out.update({'cdf': d.cdf(x), 'log_cdf': d.log_cdf(x),
                'survival_function': d.survival_function(x),
                'log_survival_function': d.log_survival_function(x)})
    return out


def _make_cases():
    r = _rng(0)
    cases = {}

    def add(name, inputs, diff, call, nograd=()):
        cases[name] = dict(inputs=inputs, diff=diff, call=call, nograd=nograd)

    loc, x = _f32(r.randn(2, 3)), _f32(r.randn(2, 3) * 1.5)
    scale, q = _f32(r.uniform(0.3, 2.0, (2, 3))), _f32(r.uniform(0.05, 0.95, (2, 3)))
    normal = {'loc': loc, 'scale': scale, 'x': x, 'q': q, 'xs': _f32(r.randn(4, 2, 3))}

    def normal_call(L, v):
        d = L.D.Normal(v['loc'], v['scale'])
        out = _normal_outputs(d, v['x'], v['q'])
        out['log_prob_samples'] = d.log_prob(v['xs'])
        return out
    add('normal', normal, ('loc', 'scale'), normal_call)

    normal_ls = {'loc': loc, 'log_scale': _f32(r.randn(2, 3) * 0.5), 'x': x, 'q': q}
    add('normal_log_scale', normal_ls, ('loc', 'log_scale'), lambda L, v: _normal_outputs(
        L.D.Normal(v['loc'], log_scale=v['log_scale']), v['x'], v['q']))

    normal_f64 = {k: v.astype(numpy.float64) for k, v in normal_ls.items()}
    add('normal_float64', normal_f64, ('loc', 'log_scale'), lambda L, v: _normal_outputs(
        L.D.Normal(v['loc'], log_scale=v['log_scale']), v['x'], v['q']))

    kl_n = {'loc1': _f32(r.randn(3, 4)), 'scale1': _f32(r.uniform(0.3, 2.0, (3, 4))),
            'loc2': _f32(r.randn(3, 4)), 'log_scale2': _f32(r.randn(3, 4) * 0.5),
            'scale2': _f32(r.uniform(0.3, 2.0, (3, 4)))}
    add('normal_kl', kl_n, ('loc1', 'scale1', 'loc2', 'scale2'), lambda L, v: {
        'kl': L.kl(L.D.Normal(v['loc1'], v['scale1']), L.D.Normal(v['loc2'], v['scale2'])),
        'kl_self': L.kl(L.D.Normal(v['loc1'], v['scale1']),
                        L.D.Normal(v['loc1'], v['scale1']))})
    add('normal_kl_log_scale', kl_n, ('loc1', 'scale1', 'loc2', 'log_scale2'), lambda L, v: {
        'kl': L.kl(L.D.Normal(v['loc1'], v['scale1']),
                   L.D.Normal(v['loc2'], log_scale=v['log_scale2']))})

    p = _f32(r.uniform(0.05, 0.95, (3, 4)))
    xb = _f32(r.randint(0, 2, (3, 4)))
    half = xb.copy()
    half[0, :2] = 0.5
    bern = {'p': p, 'x': xb, 'half': half, 'xi': r.randint(0, 2, (3, 4)).astype(numpy.int32)}

    def bern_p_call(L, v):
        d = L.D.Bernoulli(v['p'])
        out = _bernoulli_outputs(d, v['x'])
        out['log_prob_int'] = d.log_prob(v['xi'])
        out['log_prob_half'] = d.log_prob(v['half'])
        out['log_prob_half_checked'] = L.D.Bernoulli(v['p'], binary_check=True).log_prob(
            v['half'])
        out['prob_half_checked'] = L.D.Bernoulli(v['p'], binary_check=True).prob(v['half'])
        return out
    add('bernoulli_p', bern, ('p',), bern_p_call,
        nograd=('log_prob_half_checked', 'prob_half_checked', 'log_prob_int'))

    logit = _f32(r.randn(3, 4) * 2)
    add('bernoulli_logit', {'logit': logit, 'x': xb}, ('logit',),
        lambda L, v: _bernoulli_outputs(L.D.Bernoulli(logit=v['logit']), v['x']))

    kl_b = {'p1': p, 'logit1': logit, 'logit2': _f32(r.randn(3, 4)),
            'p2': _f32(r.uniform(0.05, 0.95, (3, 4)))}
    add('bernoulli_kl', kl_b, ('p1', 'logit1', 'logit2', 'p2'), lambda L, v: {
        'kl_logit_logit': L.kl(L.D.Bernoulli(logit=v['logit1']),
                               L.D.Bernoulli(logit=v['logit2'])),
        'kl_p_logit': L.kl(L.D.Bernoulli(v['p1']), L.D.Bernoulli(logit=v['logit2'])),
        'kl_p_p': L.kl(L.D.Bernoulli(v['p1']), L.D.Bernoulli(v['p2'])),
    })

    raw = r.uniform(0.05, 1.0, (3, 4))
    pc = _f32(raw / raw.sum(axis=1, keepdims=True))
    cat = {'p': pc, 'x': r.randint(0, 4, 3).astype(numpy.int32),
           'xs': r.randint(0, 4, (5, 3)).astype(numpy.int32)}
    add('categorical_p', cat, ('p',), lambda L, v: _categorical_outputs(
        L.D.Categorical(v['p']), v['x'], v['xs']))
    cat_l = {'logit': _f32(r.randn(2, 3, 5)), 'x': r.randint(0, 5, (2, 3)).astype(numpy.int32),
             'xs': r.randint(0, 5, (4, 2, 3)).astype(numpy.int32)}
    add('categorical_logit', cat_l, ('logit',), lambda L, v: _categorical_outputs(
        L.D.Categorical(logit=v['logit']), v['x'], v['xs']))
    kl_c = {'p': pc, 'logit': _f32(r.randn(3, 4)), 'logit2': _f32(r.randn(3, 4))}
    add('categorical_kl', kl_c, ('p', 'logit', 'logit2'), lambda L, v: {
        'kl_p_logit': L.kl(L.D.Categorical(v['p']), L.D.Categorical(logit=v['logit'])),
        'kl_logit_p': L.kl(L.D.Categorical(logit=v['logit']), L.D.Categorical(v['p'])),
        'kl_logit_logit': L.kl(L.D.Categorical(logit=v['logit']),
                               L.D.Categorical(logit=v['logit2'])),
    })

    ind_n = {'loc': _f32(r.randn(2, 3, 4)), 'scale': _f32(r.uniform(0.3, 2.0, (2, 3, 4))),
             'x': _f32(r.randn(2, 3, 4))}
    add('independent_normal', ind_n, ('loc', 'scale'), lambda L, v: _independent_normal_outputs(
        L.D.Independent(L.D.Normal(v['loc'], v['scale'])), v['x']))
    add('independent_normal_rbn2', ind_n, ('loc', 'scale'),
        lambda L, v: _independent_normal_outputs(
            L.D.Independent(L.D.Normal(v['loc'], v['scale']), 2), v['x']))
    add('independent_normal_rbn0', ind_n, ('loc', 'scale'), lambda L, v: _independent_outputs(
        L.D.Independent(L.D.Normal(v['loc'], v['scale']), 0), v['x']))
    add('independent_bernoulli', {'logit': logit, 'x': xb}, ('logit',),
        lambda L, v: _independent_outputs(
            L.D.Independent(L.D.Bernoulli(logit=v['logit']), reinterpreted_batch_ndims=1),
            v['x']))

    def ind_cat_call(L, v):
        d = L.D.Independent(L.D.Categorical(logit=v['logit']))
        return {'log_prob': d.log_prob(v['x']), 'log_prob_samples': d.log_prob(v['xs']),
                'entropy': d.entropy, 'sample': _seeded(8, d.sample),
                'sample_3': _seeded(9, lambda: d.sample(3))}
    add('independent_categorical', cat_l, ('logit',), ind_cat_call)

    ind_kl = {'loc1': _f32(r.randn(2, 3, 4)), 'log_scale1': _f32(r.randn(2, 3, 4) * 0.3),
              'loc2': _f32(r.randn(2, 3, 4)), 'scale2': _f32(r.uniform(0.3, 2.0, (2, 3, 4))),
              'logit1': _f32(r.randn(2, 3, 4)), 'logit2': _f32(r.randn(2, 3, 4))}

    def ind_kl_call(L, v):
        D = L.D
        n1 = D.Normal(v['loc1'], log_scale=v['log_scale1'])
        n2 = D.Normal(v['loc2'], v['scale2'])
        b1, b2 = D.Bernoulli(logit=v['logit1']), D.Bernoulli(logit=v['logit2'])
        c1, c2 = D.Categorical(logit=v['logit1']), D.Categorical(logit=v['logit2'])
        return {
            'kl_normal': L.kl(D.Independent(n1), D.Independent(n2)),
            'kl_normal_rbn2': L.kl(D.Independent(n1, 2), D.Independent(n2, 2)),
            'kl_normal_rbn0': L.kl(D.Independent(n1, 0), D.Independent(n2, 0)),
            'kl_nested': L.kl(D.Independent(D.Independent(n1, 1), 1),
                              D.Independent(D.Independent(n2, 1), 1)),
            'kl_bernoulli': L.kl(D.Independent(b1, 2), D.Independent(b2, 2)),
            'kl_categorical': L.kl(D.Independent(c1), D.Independent(c2)),
        }
    add('independent_kl', ind_kl, ('loc1', 'log_scale1', 'loc2', 'scale2', 'logit1', 'logit2'),
        ind_kl_call)

    vae = {'mu': _f32(r.randn(4, 3)), 'ln_sigma': _f32(r.randn(4, 3) * 0.3),
           'W': _f32(r.randn(3, 5)), 'x': _f32(r.randint(0, 2, (4, 5)))}

    def vae_call(L, v):
        D = L.D
        q = D.Independent(D.Normal(v['mu'], log_scale=v['ln_sigma']))
        prior = D.Independent(D.Normal(L.xp.zeros((4, 3), numpy.float32),
                                       L.xp.ones((4, 3), numpy.float32)))
        z = _seeded(10, q.sample)
        h = L.F.matmul(z, v['W'])
        rec = D.Independent(D.Bernoulli(logit=h), reinterpreted_batch_ndims=1)
        z1 = _seeded(11, lambda: q.sample(2))
        return {'z': z, 'rec_log_prob': rec.log_prob(v['x']), 'kl': L.kl(q, prior),
                'z_1': z1, 'z_1_log_prob': q.log_prob(z1)}
    add('vae', vae, ('mu', 'ln_sigma', 'W'), vae_call)
    return cases


CASES = _make_cases()


def weight_for(case, key, shape):
    """The fixed weight of one output in the loss of a case."""
    seed = sum(map(ord, case + '/' + key))
    return _rng(seed).uniform(0.5, 1.5, shape)


def evaluate(L, name, v, cases=None):
    """Runs case ``name`` (of ``cases``, by default this script's) with the library
    namespace L (D, kl, F, xp) on the inputs ``v``.

    Returns the outputs (name -> Variable or array) and the scalar loss (a Variable).
    """
    case = (CASES if cases is None else cases)[name]
    outs = case['call'](L, v)
    loss = None
    for key in sorted(outs):
        o = outs[key]
        if key in case['nograd'] or not hasattr(o, 'creator') or o.dtype.kind != 'f':
            continue
        if o.creator is None and all(o is not v[k] for k in case['diff']):
            continue
        w = weight_for(name, key, o.shape).astype(o.dtype)
        term = L.F.sum(o * w)
        loss = term if loss is None else loss + term
    return outs, loss


class _Chainer:
    def __init__(self):
        import chainer
        import chainer.distributions
        import chainer.functions
        self.D = chainer.distributions
        self.kl = chainer.kl_divergence
        self.F = chainer.functions
        self.xp = numpy


def main(out, cases=None, evaluate_case=None):
    """Records every case (by default this script's) evaluated with Chainer into ``out``."""
    import chainer
    cases = CASES if cases is None else cases
    evaluate_case = evaluate if evaluate_case is None else evaluate_case
    L = _Chainer()
    data = {}
    for name, case in cases.items():
        v = {}
        for k, a in case['inputs'].items():
            data['in/%s/%s' % (name, k)] = a
            v[k] = chainer.Variable(a) if k in case['diff'] else a
        outs, loss = evaluate_case(L, name, v)
        for key, o in outs.items():
            data['out/%s/%s' % (name, key)] = getattr(o, 'array', o)
        loss.backward()
        for k in case['diff']:
            g = v[k].grad
            data['grad/%s/%s' % (name, k)] = numpy.zeros_like(v[k].array) if g is None else g
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
