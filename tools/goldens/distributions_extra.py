"""Golden values and gradients of the rest of Chainer 7.8.1's distributions.

Runs in the reference environment: python distributions_extra.py OUT.npz
OneHotCategorical, Gumbel, Cauchy, Poisson, Geometric, Pareto, Chisquare and Dirichlet,
with their KL divergences. The layout, the loss and the helpers are those of
distributions.py; the evaluation is that of distributions_more.py (imported from this
folder); tests/test_distributions_extra.py makes the same calls with chainlite.
"""
import functools
import sys
import warnings

import numpy

import distributions
from distributions import _f32
from distributions import _rng
from distributions_more import _moments
from distributions_more import _samples


def _f64(v):
    return {k: a.astype(numpy.float64) for k, a in v.items()}


def _make_cases():
    r = _rng(2)
    cases = {}

    def add(name, inputs, diff, call, nograd=()):
        cases[name] = dict(inputs=inputs, diff=diff, call=call, nograd=nograd)

    def simple(cls, params, props, extra, methods=('log_prob',)):
        def call(L, v):
            d = getattr(L.D, cls)(*[v[p] for p in params])
            out = _moments(d, props)
            out.update(_samples(d))
            for m in methods:
                for x in extra:
                    out['%s_%s' % (m, x)] = getattr(d, m)(v[x])
            return out
        return call

    # -- OneHotCategorical
    p = r.uniform(0.1, 1.0, (2, 3, 4))
    p = _f32(p / p.sum(-1, keepdims=True))
    eye = numpy.eye(4, dtype=numpy.float32)
    ohc = {'p': p, 'x': eye[r.randint(0, 4, (2, 3))], 'xs': eye[r.randint(0, 4, (5, 2, 3))]}
    add('one_hot_categorical', ohc, ('p',),
        simple('OneHotCategorical', ('p',), ('mean', 'variance', 'p', 'log_p'),
               ('x', 'xs')))
    p2 = r.uniform(0.1, 1.0, (2, 3, 4))
    add('one_hot_categorical_kl', {'p1': p, 'p2': _f32(p2 / p2.sum(-1, keepdims=True))},
        ('p1', 'p2'), lambda L, v: {'kl': L.kl(L.D.OneHotCategorical(v['p1']),
                                               L.D.OneHotCategorical(v['p2']))})

    # -- Gumbel and Cauchy
    ls = {'loc': _f32(r.randn(2, 3)), 'scale': _f32(r.uniform(0.3, 2.0, (2, 3))),
          'x': _f32(r.randn(2, 3) * 2), 'xs': _f32(r.randn(4, 2, 3)),
          'q': _f32(r.uniform(0.05, 0.95, (2, 3)))}
    gumbel = simple('Gumbel', ('loc', 'scale'),
                    ('mean', 'variance', 'entropy', 'loc', 'scale'), ('x', 'xs'))
    add('gumbel', ls, ('loc', 'scale'), gumbel)
    add('gumbel_float64', _f64(ls), ('loc', 'scale'), gumbel)
    kl_ls = {'loc1': _f32(r.randn(3, 4)), 'scale1': _f32(r.uniform(0.3, 2.0, (3, 4))),
             'loc2': _f32(r.randn(3, 4)), 'scale2': _f32(r.uniform(0.3, 2.0, (3, 4)))}

    def kl_of(cls, a, b):
        return lambda L, v: {'kl': L.kl(getattr(L.D, cls)(*[v[k + '1'] for k in (a, b)]),
                                        getattr(L.D, cls)(*[v[k + '2'] for k in (a, b)]))}
    add('gumbel_kl', kl_ls, tuple(kl_ls), kl_of('Gumbel', 'loc', 'scale'))

    def cauchy(L, v):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', RuntimeWarning)
            out = simple('Cauchy', ('loc', 'scale'),
                         ('mean', 'variance', 'entropy', 'loc', 'scale'), ('x', 'xs'),
                         methods=('log_prob', 'cdf'))(L, v)
        d = L.D.Cauchy(v['loc'], v['scale'])
        out['icdf'] = d.icdf(v['q'])
        return out
    add('cauchy', ls, ('loc', 'scale'), cauchy)
    add('cauchy_float64', _f64(ls), ('loc', 'scale'), cauchy)

    # -- Poisson and Geometric
    lam = _f32(r.uniform(0.3, 5.0, (2, 3)))
    pois = {'lam': lam, 'x': _f32(r.randint(0, 6, (2, 3))),
            'xs': _f32(r.randint(0, 6, (4, 2, 3)))}
    add('poisson', pois, ('lam',),
        simple('Poisson', ('lam',), ('mean', 'variance', 'lam'), ('x', 'xs')))
    add('poisson_kl', {'lam1': lam, 'lam2': _f32(r.uniform(0.3, 5.0, (2, 3)))},
        ('lam1', 'lam2'),
        lambda L, v: {'kl': L.kl(L.D.Poisson(v['lam1']), L.D.Poisson(v['lam2']))})
    gp = _f32(r.uniform(0.1, 0.9, (2, 3)))
    geo = {'p': gp, 'x': _f32(r.randint(1, 6, (2, 3))), 'xs': _f32(r.randint(1, 6, (4, 2, 3)))}
    add('geometric', geo, ('p',),
        simple('Geometric', ('p',), ('mean', 'variance', 'p'), ('x', 'xs')))
    add('geometric_kl', {'p1': gp, 'p2': _f32(r.uniform(0.1, 0.9, (2, 3)))}, ('p1', 'p2'),
        lambda L, v: {'kl': L.kl(L.D.Geometric(v['p1']), L.D.Geometric(v['p2']))})

    # -- Pareto
    scale = _f32(r.uniform(0.5, 2.0, (2, 3)))
    alpha = _f32(r.uniform(2.5, 4.0, (2, 3)))
    par = {'scale': scale, 'alpha': alpha, 'x': scale + _f32(r.uniform(0.1, 2.0, (2, 3))),
           'xs': scale + _f32(r.uniform(0.1, 2.0, (4, 2, 3)))}
    par['x_out'] = par['x'].copy()
    par['x_out'][0, 1] = scale[0, 1] - 0.2
    add('pareto', par, ('scale', 'alpha'),
        simple('Pareto', ('scale', 'alpha'),
               ('mean', 'variance', 'entropy', 'scale', 'alpha'), ('x', 'xs', 'x_out')),
        nograd=('log_prob_x_out',))
    pkl = {'scale1': scale + 1, 'alpha1': alpha, 'scale2': scale,
           'alpha2': _f32(r.uniform(0.5, 4.0, (2, 3)))}
    pkl['scale1'][1, 2] = scale[1, 2] - 0.1
    add('pareto_kl', pkl, tuple(pkl), kl_of('Pareto', 'scale', 'alpha'))

    # -- Chisquare
    chi = {'k': _f32(r.uniform(0.5, 6.0, (2, 3))), 'x': _f32(r.uniform(0.1, 5.0, (2, 3))),
           'xs': _f32(r.uniform(0.1, 5.0, (4, 2, 3)))}
    chisq = simple('Chisquare', ('k',), ('mean', 'variance', 'entropy', 'k'), ('x', 'xs'))
    add('chisquare', chi, ('k',), chisq)

    # -- Dirichlet
    da = _f32(r.uniform(0.5, 4.0, (2, 3, 4)))
    dx = r.uniform(0.1, 1.0, (2, 3, 4))
    dxs = r.uniform(0.1, 1.0, (5, 2, 3, 4))
    dirv = {'alpha': da, 'x': _f32(dx / dx.sum(-1, keepdims=True)),
            'xs': _f32(dxs / dxs.sum(-1, keepdims=True))}
    diri = simple('Dirichlet', ('alpha',),
                  ('mean', 'variance', 'entropy', 'alpha', 'alpha0'), ('x', 'xs'))
    add('dirichlet', dirv, ('alpha',), diri)
    add('dirichlet_kl', {'alpha1': da, 'alpha2': _f32(r.uniform(0.5, 4.0, (2, 3, 4)))},
        ('alpha1', 'alpha2'),
        lambda L, v: {'kl': L.kl(L.D.Dirichlet(v['alpha1']), L.D.Dirichlet(v['alpha2']))})
    return cases


CASES = _make_cases()


# the loss of every case: distributions.evaluate's (the same weights) on these CASES
evaluate = functools.partial(distributions.evaluate, cases=CASES)


if __name__ == '__main__':
    distributions.main(sys.argv[1], CASES, evaluate)
