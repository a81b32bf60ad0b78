"""Golden values and gradients of more of Chainer 7.8.1's distributions.

Runs in the reference environment: python distributions_more.py OUT.npz
Uniform, Laplace, Exponential, LogNormal, Gamma and Beta, with their KL divergences. The
layout of the file, the loss and the helpers are those of distributions.py (imported
from this folder); tests/test_distributions_more.py makes the same calls with
chainlite.distributions.
"""
import functools
import sys

import numpy

import distributions
from distributions import _f32
from distributions import _rng
from distributions import _seeded


def _moments(d, names):
    return {n: getattr(d, n) for n in names}


def _samples(d):
    return {'sample': _seeded(0, d.sample), 'sample_4': _seeded(1, lambda: d.sample(4)),
            'sample_2x2': _seeded(2, lambda: d.sample((2, 2)))}


def _make_cases():
    r = _rng(1)
    cases = {}

    def add(name, inputs, diff, call, nograd=()):
        cases[name] = dict(inputs=inputs, diff=diff, call=call, nograd=nograd)

    # -- Uniform
    low = _f32(r.randn(2, 3))
    width = _f32(r.uniform(0.5, 2.0, (2, 3)))
    high = low + width
    inside = low + width * _f32(r.uniform(0.05, 0.95, (2, 3)))
    outside = inside.copy()
    outside[0, 0], outside[1, 1] = low[0, 0] - 0.5, high[1, 1] + 0.5
    q = _f32(r.uniform(0.05, 0.95, (2, 3)))
    cdf_x = _f32(low + width * r.uniform(-0.5, 1.5, (2, 3)))
    uni = {'low': low, 'high': high, 'x': inside, 'x_out': outside, 'q': q, 'cdf_x': cdf_x,
           'xs': low + width * _f32(r.uniform(0.05, 0.95, (4, 2, 3)))}

    def uniform_outputs(d, v):
        out = _moments(d, ('mean', 'variance', 'stddev', 'entropy', 'low', 'high', 'loc',
                           'scale'))
        out.update(_samples(d))
        out.update({'log_prob': d.log_prob(v['x']),
                    'log_prob_out': d.log_prob(v['x_out']),
                    'log_prob_samples': d.log_prob(v['xs']), 'cdf': d.cdf(v['cdf_x']),
                    'icdf': d.icdf(v['q'])})
        return out
    add('uniform_low_high', uni, ('low', 'high'),
        lambda L, v: uniform_outputs(L.D.Uniform(low=v['low'], high=v['high']), v),
        nograd=('log_prob_out',))
    uni_ls = dict(uni, loc=low, scale=width)
    del uni_ls['low'], uni_ls['high']
    add('uniform_loc_scale', uni_ls, ('loc', 'scale'),
        lambda L, v: uniform_outputs(L.D.Uniform(loc=v['loc'], scale=v['scale']), v),
        nograd=('log_prob_out',))
    uni_kl = {'low1': low, 'high1': high, 'low2': low - _f32(r.uniform(0, 1, (2, 3))),
              'high2': high + _f32(r.uniform(0, 1, (2, 3)))}
    uni_kl['low3'] = uni_kl['low2'].copy()
    uni_kl['low3'][0, 1] = low[0, 1] + 0.1

    def uniform_kl(L, v):
        U = L.D.Uniform
        return {'kl': L.kl(U(low=v['low1'], high=v['high1']), U(low=v['low2'], high=v['high2'])),
                'kl_loc_scale': L.kl(U(loc=v['low1'], scale=v['high1'] - v['low1']),
                                     U(low=v['low2'], high=v['high2'])),
                'kl_inf': L.kl(U(low=v['low1'], high=v['high1']),
                               U(low=v['low3'], high=v['high2']))}
    add('uniform_kl', uni_kl, ('low1', 'high1', 'low2', 'high2'), uniform_kl,
        nograd=('kl_inf',))

    # -- Laplace
    lap = {'loc': _f32(r.randn(2, 3)), 'scale': _f32(r.uniform(0.3, 2.0, (2, 3))),
           'x': _f32(r.randn(2, 3) * 2), 'q': q, 'xs': _f32(r.randn(4, 2, 3))}

    def laplace_call(L, v):
        d = L.D.Laplace(v['loc'], v['scale'])
        out = _moments(d, ('mean', 'mode', 'variance', 'stddev', 'entropy', 'loc', 'scale'))
        out.update(_samples(d))
        out.update({'log_prob': d.log_prob(v['x']), 'prob': d.prob(v['x']),
                    'log_prob_samples': d.log_prob(v['xs']), 'cdf': d.cdf(v['x']),
                    'icdf': d.icdf(v['q'])})
        return out
    add('laplace', lap, ('loc', 'scale'), laplace_call)
    add('laplace_float64', {k: a.astype(numpy.float64) for k, a in lap.items()},
        ('loc', 'scale'), laplace_call)
    lap_kl = {'loc1': _f32(r.randn(3, 4)), 'scale1': _f32(r.uniform(0.3, 2.0, (3, 4))),
              'loc2': _f32(r.randn(3, 4)), 'scale2': _f32(r.uniform(0.3, 2.0, (3, 4)))}
    add('laplace_kl', lap_kl, ('loc1', 'scale1', 'loc2', 'scale2'), lambda L, v: {
        'kl': L.kl(L.D.Laplace(v['loc1'], v['scale1']), L.D.Laplace(v['loc2'], v['scale2'])),
        'kl_self': L.kl(L.D.Laplace(v['loc1'], v['scale1']),
                        L.D.Laplace(v['loc1'], v['scale1']))})

    # -- Exponential
    lam = _f32(r.uniform(0.3, 3.0, (2, 3)))
    xe = _f32(r.uniform(0.1, 3.0, (2, 3)))
    xe_neg = xe.copy()
    xe_neg[0, 1] = -0.5
    expo = {'lam': lam, 'x': xe, 'x_neg': xe_neg, 'q': q,
            'xs': _f32(r.uniform(0.1, 3.0, (4, 2, 3)))}

    def exponential_call(L, v):
        d = L.D.Exponential(v['lam'])
        out = _moments(d, ('mean', 'variance', 'entropy', 'lam'))
        out.update(_samples(d))
        out.update({'log_prob': d.log_prob(v['x']), 'log_prob_neg': d.log_prob(v['x_neg']),
                    'log_prob_samples': d.log_prob(v['xs']), 'cdf': d.cdf(v['x']),
                    'cdf_neg': d.cdf(v['x_neg']), 'icdf': d.icdf(v['q'])})
        return out
    add('exponential', expo, ('lam',), exponential_call, nograd=('log_prob_neg',))
    exp_kl = {'lam1': lam, 'lam2': _f32(r.uniform(0.3, 3.0, (2, 3)))}
    add('exponential_kl', exp_kl, ('lam1', 'lam2'), lambda L, v: {
        'kl': L.kl(L.D.Exponential(v['lam1']), L.D.Exponential(v['lam2']))})

    # -- LogNormal
    logn = {'mu': _f32(r.randn(2, 3) * 0.5), 'sigma': _f32(r.uniform(0.3, 1.5, (2, 3))),
            'x': _f32(r.uniform(0.1, 4.0, (2, 3))), 'xs': _f32(r.uniform(0.1, 4.0, (4, 2, 3)))}

    def log_normal_call(L, v):
        d = L.D.LogNormal(v['mu'], v['sigma'])
        out = _moments(d, ('mean', 'variance', 'entropy', 'mu', 'sigma'))
        out.update(_samples(d))
        out.update({'log_prob': d.log_prob(v['x']),
                    'log_prob_samples': d.log_prob(v['xs'])})
        return out
    add('log_normal', logn, ('mu', 'sigma'), log_normal_call)
    logn_kl = {'mu1': _f32(r.randn(3, 4)), 'sigma1': _f32(r.uniform(0.3, 2.0, (3, 4))),
               'mu2': _f32(r.randn(3, 4)), 'sigma2': _f32(r.uniform(0.3, 2.0, (3, 4)))}
    add('log_normal_kl', logn_kl, ('mu1', 'sigma1', 'mu2', 'sigma2'), lambda L, v: {
        'kl': L.kl(L.D.LogNormal(v['mu1'], v['sigma1']),
                   L.D.LogNormal(v['mu2'], v['sigma2']))})

    # -- Gamma
    gam = {'k': _f32(r.uniform(0.3, 4.0, (2, 3))), 'theta': _f32(r.uniform(0.3, 3.0, (2, 3))),
           'x': _f32(r.uniform(0.1, 5.0, (2, 3))), 'xs': _f32(r.uniform(0.1, 5.0, (4, 2, 3)))}
    gam['x_neg'] = gam['x'].copy()
    gam['x_neg'][1, 2] = -1.0

    def gamma_call(L, v):
        d = L.D.Gamma(v['k'], v['theta'])
        out = _moments(d, ('mean', 'variance', 'entropy', 'k', 'theta'))
        out.update(_samples(d))
        out.update({'log_prob': d.log_prob(v['x']), 'log_prob_neg': d.log_prob(v['x_neg']),
                    'log_prob_samples': d.log_prob(v['xs'])})
        return out
    add('gamma', gam, ('k', 'theta'), gamma_call, nograd=('log_prob_neg',))
    add('gamma_float64', {k: a.astype(numpy.float64) for k, a in gam.items()},
        ('k', 'theta'), gamma_call, nograd=('log_prob_neg',))
    gam_kl = {'k1': _f32(r.uniform(0.3, 4.0, (3, 4))), 'theta1': _f32(r.uniform(0.3, 3, (3, 4))),
              'k2': _f32(r.uniform(0.3, 4.0, (3, 4))), 'theta2': _f32(r.uniform(0.3, 3, (3, 4)))}
    add('gamma_kl', gam_kl, ('k1', 'theta1', 'k2', 'theta2'), lambda L, v: {
        'kl': L.kl(L.D.Gamma(v['k1'], v['theta1']), L.D.Gamma(v['k2'], v['theta2']))})

    # -- Beta
    bet = {'a': _f32(r.uniform(0.3, 4.0, (2, 3))), 'b': _f32(r.uniform(0.3, 4.0, (2, 3))),
           'x': _f32(r.uniform(0.05, 0.95, (2, 3))),
           'xs': _f32(r.uniform(0.05, 0.95, (4, 2, 3)))}
    bet['x_out'] = bet['x'].copy()
    bet['x_out'][0, 2], bet['x_out'][1, 0] = -0.5, 1.5

    def beta_call(L, v):
        d = L.D.Beta(v['a'], v['b'])
        out = _moments(d, ('mean', 'variance', 'entropy', 'a', 'b'))
        out.update(_samples(d))
        out.update({'log_prob': d.log_prob(v['x']), 'log_prob_out': d.log_prob(v['x_out']),
                    'log_prob_samples': d.log_prob(v['xs'])})
        return out
    add('beta', bet, ('a', 'b'), beta_call, nograd=('log_prob_out',))
    add('beta_float64', {k: a.astype(numpy.float64) for k, a in bet.items()},
        ('a', 'b'), beta_call, nograd=('log_prob_out',))
    bet_kl = {'a1': _f32(r.uniform(0.3, 4.0, (3, 4))), 'b1': _f32(r.uniform(0.3, 4, (3, 4))),
              'a2': _f32(r.uniform(0.3, 4.0, (3, 4))), 'b2': _f32(r.uniform(0.3, 4, (3, 4)))}
    add('beta_kl', bet_kl, ('a1', 'b1', 'a2', 'b2'), lambda L, v: {
        'kl': L.kl(L.D.Beta(v['a1'], v['b1']), L.D.Beta(v['a2'], v['b2']))})
    return cases


CASES = _make_cases()


# the loss of every case: distributions.evaluate's (the same weights) on these CASES
evaluate = functools.partial(distributions.evaluate, cases=CASES)


if __name__ == '__main__':
    distributions.main(sys.argv[1], CASES, evaluate)
