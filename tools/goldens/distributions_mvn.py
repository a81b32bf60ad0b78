"""Golden values and gradients of Chainer 7.8.1's MultivariateNormal.

Runs in the reference environment: python distributions_mvn.py OUT.npz
MultivariateNormal (values, seeded samples, log-probabilities, a lower triangle read by
log_prob and a whole matrix multiplied by covariance and sample), its KL divergence and
the block-diagonal covariance of Independent(MultivariateNormal). The layout, the loss
and the helpers are those of distributions.py; the evaluation is that of
distributions_more.py (imported from this folder); tests/test_distribution_goldens.py
makes the same calls with chainlite. Chainer's log_prob and KL accept float32 only (its
triangular inverse does), so every case is float32.
"""
import functools
import sys

import numpy

import distributions
from distributions import _f32
from distributions import _rng
from distributions_more import _moments
from distributions_more import _samples


def _scale_tril(r, shape, n):
    a = numpy.tril(r.randn(*(shape + (n, n))))
    i = numpy.arange(n)
    a[..., i, i] = r.uniform(0.5, 1.5, shape + (n,))
    return _f32(a)


def _make_cases():
    r = _rng(3)
    cases = {}

    def add(name, inputs, diff, call, nograd=()):
        cases[name] = dict(inputs=inputs, diff=diff, call=call, nograd=nograd)

    def mvn(L, v):
        d = L.D.MultivariateNormal(v['loc'], scale_tril=v['scale_tril'])
        out = _moments(d, ('mean', 'covariance', 'entropy', 'loc', 'scale_tril'))
        out.update(_samples(d))
        for x in ('x', 'xs'):
            out['log_prob_' + x] = d.log_prob(v[x])
        return out

    base = {'loc': _f32(r.randn(2, 3)), 'scale_tril': _scale_tril(r, (2,), 3),
            'x': _f32(r.randn(2, 3)), 'xs': _f32(r.randn(4, 2, 3))}
    add('mvn', base, ('loc', 'scale_tril'), mvn)
    # A strict upper part and a negative diagonal entry: log_prob and entropy read the
    # lower triangle (and |diagonal|), covariance and sample the whole matrix.
    full = base['scale_tril'] + numpy.triu(_f32(r.randn(2, 3, 3)), 1)
    full[1, 2, 2] *= -1
    add('mvn_not_lower', dict(base, scale_tril=full), ('loc', 'scale_tril'), mvn)
    one = {'loc': _f32(r.randn(4)), 'scale_tril': _scale_tril(r, (), 4),
           'x': _f32(r.randn(4)), 'xs': _f32(r.randn(5, 4))}
    add('mvn_unbatched', one, ('loc', 'scale_tril'), mvn)
    deep = {'loc': _f32(r.randn(2, 2, 3)), 'scale_tril': _scale_tril(r, (2, 2), 3),
            'x': _f32(r.randn(2, 2, 3)), 'xs': _f32(r.randn(3, 2, 2, 3))}
    add('mvn_batch_2d', deep, ('loc', 'scale_tril'), mvn)

    kl = {'loc1': _f32(r.randn(2, 3)), 'scale_tril1': full,
          'loc2': _f32(r.randn(2, 3)), 'scale_tril2': _scale_tril(r, (2,), 3)}

    def mvn_kl(L, v):
        p = L.D.MultivariateNormal(v['loc1'], scale_tril=v['scale_tril1'])
        q = L.D.MultivariateNormal(v['loc2'], scale_tril=v['scale_tril2'])
        return {'kl': L.kl(p, q), 'kl_qp': L.kl(q, p)}
    add('mvn_kl', kl, tuple(kl), mvn_kl)

    def independent_covariance(L, v):
        d = L.D.MultivariateNormal(v['loc'], scale_tril=v['scale_tril'])
        return {'covariance_1': L.D.Independent(d).covariance,
                'covariance_2': L.D.Independent(d, 2).covariance,
                'log_prob_1': L.D.Independent(d).log_prob(v['x'])}
    add('independent_mvn', {k: deep[k] for k in ('loc', 'scale_tril', 'x')},
        ('loc', 'scale_tril'), independent_covariance)
    return cases


CASES = _make_cases()


# the loss of every case: distributions.evaluate's (the same weights) on these CASES
evaluate = functools.partial(distributions.evaluate, cases=CASES)


if __name__ == '__main__':
    distributions.main(sys.argv[1], CASES, evaluate)
