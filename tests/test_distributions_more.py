"""Uniform, Laplace, Exponential, LogNormal, Gamma and Beta: numerical gradients, shapes,
sampling and errors (the Chainer goldens: tests/test_distribution_goldens.py)."""

import numpy
import pytest

import chainlite
import chainlite.distributions as D
import chainlite.functions as F

import distribution_checks as checks

_check, _f32 = checks.check_backward, checks.f32


# -- numerical gradients (float64) ------------------------------------------------------

def _pos(*shape, seed=0):
    return _f32(*shape, seed=seed, low=0.5, high=2.0)


def test_check_backward_uniform():
    low, width = _f32(2, 3), _pos(2, 3, seed=1)
    x = (low + width * _f32(2, 3, seed=2, low=0.1, high=0.9)).astype(numpy.float64)
    _check(lambda lo, hi: D.Uniform(low=lo, high=hi).log_prob(x), (low, low + width))
    _check(lambda lo, sc: D.Uniform(loc=lo, scale=sc).cdf(x), (low, width))
    _check(lambda lo, hi: D.Uniform(low=lo, high=hi).entropy, (low, low + width))
    _check(lambda lo, hi: D.Uniform(low=lo, high=hi).icdf(numpy.full((2, 3), 0.3)),
           (low, low + width))
    _check(lambda l1, h1, l2, h2: D.kl_divergence(D.Uniform(low=l1, high=h1),
                                                  D.Uniform(low=l2, high=h2)),
           (low, low + width, low - 1, low + width + 1))


def test_check_backward_laplace():
    x = (_f32(2, 3, seed=3) * 2).astype(numpy.float64)
    args = (_f32(2, 3), _pos(2, 3, seed=1))
    for method in ('log_prob', 'prob', 'cdf'):
        _check(lambda loc, scale: getattr(D.Laplace(loc, scale), method)(x), args)
    _check(lambda loc, scale: D.Laplace(loc, scale).icdf(numpy.array([0.2, 0.7, 0.5])),
           (_f32(3), _pos(3)))
    _check(lambda scale: D.Laplace(numpy.zeros(3), scale).entropy, (_pos(3),))
    _check(lambda l1, s1, l2, s2: D.kl_divergence(D.Laplace(l1, s1), D.Laplace(l2, s2)),
           args + (_f32(2, 3, seed=4), _pos(2, 3, seed=5)))


def test_check_backward_exponential():
    x = _pos(2, 3, seed=3).astype(numpy.float64)
    lam = _pos(2, 3)
    _check(lambda lam: D.Exponential(lam).log_prob(x), (lam,))
    _check(lambda lam: D.Exponential(lam).cdf(x), (lam,))
    _check(lambda lam: D.Exponential(lam).icdf(numpy.full((2, 3), 0.4)), (lam,))
    _check(lambda lam: D.Exponential(lam).entropy, (lam,))
    _check(lambda l1, l2: D.kl_divergence(D.Exponential(l1), D.Exponential(l2)),
           (lam, _pos(2, 3, seed=1)))


def test_check_backward_log_normal():
    x = _pos(2, 3, seed=3).astype(numpy.float64)
    args = (_f32(2, 3) * 0.5, _pos(2, 3, seed=1))
    _check(lambda mu, sigma: D.LogNormal(mu, sigma).log_prob(x), args)
    _check(lambda mu, sigma: D.LogNormal(mu, sigma).entropy, args)
    _check(lambda mu, sigma: D.LogNormal(mu, sigma).variance, args)
    _check(lambda m1, s1, m2, s2: D.kl_divergence(D.LogNormal(m1, s1), D.LogNormal(m2, s2)),
           args + (_f32(2, 3, seed=4), _pos(2, 3, seed=5)))


def test_check_backward_gamma():
    x = _pos(2, 3, seed=3).astype(numpy.float64)
    args = (_pos(2, 3), _pos(2, 3, seed=1))
    _check(lambda k, theta: D.Gamma(k, theta).log_prob(x), args)
    _check(lambda k, theta: D.Gamma(k, theta).entropy, args)
    _check(lambda k1, t1, k2, t2: D.kl_divergence(D.Gamma(k1, t1), D.Gamma(k2, t2)),
           args + (_pos(2, 3, seed=4), _pos(2, 3, seed=5)))


def test_check_backward_beta():
    x = _f32(2, 3, seed=3, low=0.1, high=0.9).astype(numpy.float64)
    args = (_pos(2, 3), _pos(2, 3, seed=1))
    _check(lambda a, b: D.Beta(a, b).log_prob(x), args)
    _check(lambda a, b: D.Beta(a, b).entropy, args)
    _check(lambda a, b: D.Beta(a, b).variance, args)
    _check(lambda a1, b1, a2, b2: D.kl_divergence(D.Beta(a1, b1), D.Beta(a2, b2)),
           args + (_pos(2, 3, seed=4), _pos(2, 3, seed=5)))


def test_check_backward_reparameterized_samples():
    def draw(make):
        def f(*params):
            numpy.random.seed(3)
            return make(*params).sample(2)
        return f
    _check(draw(lambda lo, hi: D.Uniform(low=lo, high=hi)), (_f32(2, 3), _f32(2, 3) + 1))
    _check(draw(D.Laplace), (_f32(2, 3), _pos(2, 3, seed=1)))
    _check(draw(D.Exponential), (_pos(2, 3),))
    _check(draw(D.LogNormal), (_f32(2, 3) * 0.5, _pos(2, 3, seed=1) * 0.5))
    _check(draw(lambda theta: D.Gamma(numpy.full((2, 3), 1.5), theta)), (_pos(2, 3),))


# -- properties, shapes and Chainer's conventions ----------------------------------------

def test_params_support_and_shapes():
    a, b = chainlite.Variable(_f32(2, 3)), chainlite.Variable(_pos(2, 3))
    c = chainlite.Variable(_pos(2, 3, seed=1))
    cases = [
        (D.Uniform(low=a, high=b), {'low': a, 'high': b}, '[low, high]'),
        (D.Uniform(loc=a, scale=b), {'loc': a, 'scale': b}, '[low, high]'),
        (D.Laplace(a, b), {'loc': a, 'scale': b}, 'real'),
        (D.Exponential(b), {'lam': b}, 'positive'),
        (D.LogNormal(a, b), {'mu': a, 'sigma': b}, 'positive'),
        (D.Gamma(c, b), {'k': c, 'theta': b}, 'positive'),
        (D.Beta(c, b), {'a': c, 'b': b}, '[0, 1]'),
    ]
    for d, params, support in cases:
        assert d.params.keys() == params.keys(), type(d)
        assert all(d.params[k] is params[k] for k in params)
        assert d.support == support and d.xp is numpy
        assert (d.batch_shape, d.event_shape) == ((2, 3), ())
        assert d.sample(4).shape == (4, 2, 3) and d.sample().dtype == numpy.float32
        assert d.sample_n(2).shape == (2, 2, 3)
    u = D.Uniform(loc=a, scale=b)
    assert u.low is a and u.loc is a and u.scale is b
    numpy.testing.assert_allclose(u.high.array, a.array + b.array)
    # Chainer takes the batch shape from the first parameter alone
    assert D.Uniform(low=_f32(1), high=_f32(3)).batch_shape == (1,)
    assert D.Laplace(a, b).mode is a and D.Laplace(a, b).mean is a
    assert D.Exponential(b).lam is b and D.Gamma(c, b).k is c and D.LogNormal(a, b).mu is a


def test_members_chainer_does_not_implement():
    x = _pos(2, 3)
    dists = {
        D.Uniform(low=_f32(2, 3), high=_f32(2, 3) + 1): (['mode'], ['prob', 'log_cdf']),
        D.Laplace(_f32(2, 3), x): ([], ['log_cdf', 'survival_function']),
        D.Exponential(x): (['stddev', 'mode'], ['prob', 'survival_function']),
        D.LogNormal(_f32(2, 3), x): (['stddev', 'mode'], ['prob', 'cdf', 'icdf']),
        D.Gamma(x, x): (['stddev', 'mode'], ['prob', 'cdf', 'icdf']),
        D.Beta(x, x): (['stddev', 'mode'], ['prob', 'cdf', 'icdf']),
    }
    for d, (props, methods) in dists.items():
        for name in props + ['covariance']:
            with pytest.raises(NotImplementedError):
                getattr(d, name)
        for name in methods + ['perplexity']:
            with pytest.raises(NotImplementedError):
                getattr(d, name)(x)


@pytest.mark.filterwarnings('ignore::RuntimeWarning')
def test_out_of_support_values():
    u = D.Uniform(low=numpy.zeros(4, numpy.float32), high=numpy.full(4, 2., numpy.float32))
    x = numpy.array([-0.1, 0., 2., 2.1], numpy.float32)
    numpy.testing.assert_allclose(u.log_prob(x).array,
                                  [-numpy.inf, -numpy.log(2), -numpy.log(2), -numpy.inf])
    numpy.testing.assert_allclose(u.cdf(x).array, [0, 0, 1, 1])
    numpy.testing.assert_allclose(u.icdf(numpy.array([1.5], numpy.float32)).array,
                                  [3., 3., 3., 3.])  # not clipped, as in Chainer
    e = D.Exponential(numpy.array([0.5, 1.], numpy.float32))
    numpy.testing.assert_allclose(e.log_prob(numpy.array([-1., 0.], numpy.float32)).array,
                                  [-numpy.inf, 0.])
    numpy.testing.assert_allclose(e.cdf(numpy.array([-1., 1.], numpy.float32)).array,
                                  [1 - numpy.exp(0.5), 1 - numpy.exp(-1)], rtol=1e-6)
    g = D.Gamma(numpy.array([0.5, 1., 2.], numpy.float32), numpy.ones(3, numpy.float32))
    lp = g.log_prob(numpy.zeros(3, numpy.float32)).array
    assert lp[0] == numpy.inf and numpy.isnan(lp[1]) and lp[2] == -numpy.inf  # as Chainer
    assert (g.log_prob(numpy.full(3, -1., numpy.float32)).array == -numpy.inf).all()
    be = D.Beta(numpy.array([2., 2., 2., 1.], numpy.float32),
                numpy.array([2., 2., 2., 1.], numpy.float32))
    lp = be.log_prob(numpy.array([-0.5, 1.5, 0., 1.], numpy.float32)).array
    assert (lp[:3] == -numpy.inf).all() and numpy.isnan(lp[3])  # as Chainer
    ln = D.LogNormal(numpy.zeros(1, numpy.float32), numpy.ones(1, numpy.float32))
    assert numpy.isnan(ln.log_prob(numpy.array([-1.], numpy.float32)).array).all()


def test_out_of_support_has_no_gradient():
    lo = chainlite.Variable(numpy.zeros(3, numpy.float32))
    hi = chainlite.Variable(numpy.full(3, 1.5, numpy.float32))
    y = D.Uniform(low=lo, high=hi).log_prob(numpy.array([-1., 1., 2.], numpy.float32))
    F.sum(F.where(numpy.isfinite(y.array), y, numpy.zeros(3, numpy.float32))).backward()
    numpy.testing.assert_allclose(lo.grad, [0, 2 / 3., 0], rtol=1e-6)
    numpy.testing.assert_allclose(hi.grad, [0, -2 / 3., 0], rtol=1e-6)


def test_uniform_kl_outside_support_is_inf():
    p = D.Uniform(low=numpy.array([0., 0., 1.], numpy.float32),
                  high=numpy.array([1., 2., 2.], numpy.float32))
    q = D.Uniform(low=numpy.array([0., -1., 0.], numpy.float32),
                  high=numpy.array([2., 1., 3.], numpy.float32))
    numpy.testing.assert_allclose(D.kl_divergence(p, q).array,
                                  [numpy.log(2), numpy.inf, numpy.log(3)], rtol=1e-6)


def test_samples_are_seeded_like_chainer():
    loc, scale = _f32(2, 3), _pos(2, 3, seed=1)
    shape = (3, 2, 3)
    draws = [
        (D.Uniform(loc=loc, scale=scale), lambda: loc + scale * numpy.random.uniform(
            size=shape).astype(numpy.float32)),
        (D.Laplace(loc, scale), lambda: loc + scale * numpy.random.laplace(
            size=shape).astype(numpy.float32)),
        (D.Exponential(scale), lambda: numpy.random.exponential(
            size=shape).astype(numpy.float32) / scale),
        (D.LogNormal(loc, scale), lambda: numpy.exp(loc + scale * numpy.random.standard_normal(
            shape).astype(numpy.float32))),
        (D.Gamma(scale, loc), lambda: loc * numpy.random.gamma(
            numpy.broadcast_to(scale, shape)).astype(numpy.float32)),
        (D.Beta(scale, scale + 1), lambda: numpy.random.beta(
            numpy.broadcast_to(scale, shape), numpy.broadcast_to(scale + 1, shape)).astype(
                numpy.float32)),
    ]
    for d, expected in draws:
        numpy.random.seed(5)
        got = d.sample(3).array
        numpy.random.seed(5)
        numpy.testing.assert_allclose(got, expected(), rtol=1e-6, err_msg=type(d).__name__)


def test_moments_match_monte_carlo():
    numpy.random.seed(0)
    a, b = numpy.array([0.5, 2.], numpy.float32), numpy.array([1.5, 0.5], numpy.float32)
    for d in (D.Uniform(low=a, high=a + b), D.Laplace(a, b), D.Exponential(b),
              D.LogNormal(a * 0.2, b * 0.3), D.Gamma(a, b), D.Beta(a, b + 1)):
        s = d.sample(200000).array.astype(numpy.float64)
        numpy.testing.assert_allclose(s.mean(0), d.mean.array, rtol=0.03,
                                      err_msg=type(d).__name__)
        numpy.testing.assert_allclose(s.var(0), d.variance.array, rtol=0.05,
                                      err_msg=type(d).__name__)
        # the entropy is -E[log p(x)]
        numpy.testing.assert_allclose(-d.log_prob(s.astype(numpy.float32)).array.mean(0),
                                      d.entropy.array, rtol=0.03, atol=0.01,
                                      err_msg=type(d).__name__)


def test_kl_matches_monte_carlo():
    numpy.random.seed(1)
    a, b = numpy.array([0.5, 2.], numpy.float32), numpy.array([1.5, 0.5], numpy.float32)
    pairs = [(D.Uniform(low=a, high=a + b), D.Uniform(low=a - 1, high=a + b + 1)),
             (D.Laplace(a, b), D.Laplace(b, a)), (D.Exponential(a), D.Exponential(b)),
             (D.LogNormal(a * 0.2, b), D.LogNormal(b * 0.2, a)), (D.Gamma(a, b), D.Gamma(b, a)),
             (D.Beta(a, b + 1), D.Beta(b, a + 1))]
    for p, q in pairs:
        s = p.sample(200000)
        mc = (p.log_prob(s).array - q.log_prob(s).array).mean(0)
        numpy.testing.assert_allclose(D.kl_divergence(p, q).array, mc, rtol=0.05, atol=0.01,
                                      err_msg=type(p).__name__)


def test_cdf_icdf_round_trip():
    q = numpy.array([0.1, 0.5, 0.9], numpy.float32)
    for d in (D.Uniform(low=_f32(3), high=_f32(3) + 2), D.Laplace(_f32(3), _pos(3)),
              D.Exponential(_pos(3))):
        numpy.testing.assert_allclose(d.cdf(d.icdf(q)).array, q, rtol=1e-5,
                                      err_msg=type(d).__name__)


def test_dtypes_follow_the_parameters():
    for dtype in (numpy.float32, numpy.float64):
        a = numpy.ones(3, dtype)
        for d in (D.Uniform(low=a - 1, high=a), D.Laplace(a, a), D.Exponential(a),
                  D.LogNormal(a, a), D.Gamma(a, a), D.Beta(a, a)):
            assert d.sample().dtype == dtype and d.entropy.dtype == dtype
            assert d.log_prob(numpy.full(3, 0.5)).dtype == dtype
            assert d.log_prob(0.5).dtype == dtype
    for d in (D.Uniform(low=a - 1, high=a), D.Laplace(a, a), D.Exponential(a)):
        assert d.icdf(0.5).dtype == dtype and d.cdf(0.5).dtype == dtype


# -- errors ------------------------------------------------------------------------------

def test_parameter_errors():
    a = _pos(3)
    msg = r'Either `low, high` or `loc, scale` \(not both\) must have a value\.'
    for kwargs in ({}, {'low': a}, {'scale': a}, {'low': a, 'scale': a},
                   {'low': a, 'high': a, 'loc': a, 'scale': a}):
        with pytest.raises(ValueError, match=msg):
            D.Uniform(**kwargs)
    with pytest.raises(TypeError):
        D.Uniform(a, a)  # keyword only, as in Chainer
    with pytest.raises(TypeError, match="unexpected keyword argument.*'foo'"):
        D.Uniform(low=a, high=a, foo=1)
    for cls, n in ((D.Laplace, 2), (D.Exponential, 1), (D.LogNormal, 2), (D.Gamma, 2),
                   (D.Beta, 2)):
        with pytest.raises(TypeError):
            cls(*([a] * (n - 1)))
        with pytest.raises(TypeError):
            cls(*([a] * (n + 1)))


def test_kl_registry():
    a = _pos(3)
    dists = [D.Uniform(low=a - 1, high=a), D.Laplace(a, a), D.Exponential(a),
             D.LogNormal(a, a), D.Gamma(a, a), D.Beta(a, a), D.Normal(a, a)]
    for p in dists:
        for q in dists:
            if type(p) is type(q):
                numpy.testing.assert_allclose(D.kl_divergence(p, q).array, 0, atol=1e-6)
            else:  # Chainer registers only pairs of the same class among these
                with pytest.raises(NotImplementedError, match='between %s and %s' % (
                        type(p).__name__, type(q).__name__)):
                    D.kl_divergence(p, q)
    a = _pos(2, 3)
    kl = D.kl_divergence(D.Independent(D.Gamma(a, a)), D.Independent(D.Gamma(a, a + 1)))
    assert kl.shape == (2,) and (kl.array > 0).all()


@pytest.mark.gpu
def test_gpu():
    import cupy
    a, b = _f32(2, 3), _pos(2, 3, seed=1)
    x = _f32(2, 3, seed=2, low=0.1, high=0.9)
    for make in (lambda a, b: D.Uniform(low=a, high=a + 3), D.Laplace,
                 lambda a, b: D.Exponential(b), D.LogNormal, lambda a, b: D.Gamma(b, b),
                 lambda a, b: D.Beta(b, b)):
        d, cpu = make(cupy.asarray(a), cupy.asarray(b)), make(a, b)
        assert d.xp is cupy
        s = d.sample(4)
        assert isinstance(s.array, cupy.ndarray) and s.shape == (4, 2, 3)
        assert s.dtype == numpy.float32
        cupy.testing.assert_allclose(d.log_prob(cupy.asarray(x)).array,
                                     cpu.log_prob(x).array, rtol=1e-5)
        cupy.testing.assert_allclose(d.entropy.array, cpu.entropy.array, rtol=1e-5)
        cupy.testing.assert_allclose(D.kl_divergence(d, d).array, 0, atol=1e-5)
