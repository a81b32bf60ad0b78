"""OneHotCategorical, Gumbel, Cauchy, Poisson, Geometric, Pareto, Chisquare and Dirichlet:
numerical gradients, shapes, sampling and errors (the Chainer goldens:
tests/test_distribution_goldens.py)."""

import numpy
import pytest

import chainlite.distributions as D

import distribution_checks as checks

_check, _f32 = checks.check_backward, checks.f32


def _pos(*shape, seed=0):
    return _f32(*shape, seed=seed, low=0.5, high=2.0)


def _prob(*shape, seed=0):
    p = _f32(*shape, seed=seed, low=0.1, high=1.0)
    return p / p.sum(-1, keepdims=True)


def test_check_backward():
    x = _f32(2, 3, seed=3).astype(numpy.float64)
    a, b, c = _f32(2, 3), _pos(2, 3, seed=1), _pos(2, 3, seed=2)
    _check(lambda loc, s: D.Gumbel(loc, s).log_prob(x), (a, b))
    _check(lambda s: D.Gumbel(numpy.zeros(3), s).entropy, (_pos(3),))
    _check(lambda l1, s1, l2, s2: D.kl_divergence(D.Gumbel(l1, s1), D.Gumbel(l2, s2)),
           (a, b, _f32(2, 3, seed=4), c))
    _check(lambda loc, s: D.Cauchy(loc, s).log_prob(x), (a, b))
    _check(lambda loc, s: D.Cauchy(loc, s).cdf(x), (a, b))
    _check(lambda s: D.Cauchy(numpy.zeros(3), s).entropy, (_pos(3),))
    k = numpy.array([[0., 1., 2.], [3., 4., 5.]])
    _check(lambda lam: D.Poisson(lam).log_prob(k), (b,))
    _check(lambda l1, l2: D.kl_divergence(D.Poisson(l1), D.Poisson(l2)), (b, c))
    p1, p2 = b / 2.5, c / 2.5
    _check(lambda p: D.Geometric(p).log_prob(k + 1), (p1,))
    _check(lambda q1, q2: D.kl_divergence(D.Geometric(q1), D.Geometric(q2)), (p1, p2))
    _check(lambda s, al: D.Pareto(s, al).log_prob(b + 2), (b, c))
    _check(lambda s, al: D.Pareto(s, al).entropy, (b, c))
    _check(lambda s, al: D.Pareto(s, al).variance, (b, c + 2))
    _check(lambda s1, a1, s2, a2: D.kl_divergence(D.Pareto(s1, a1), D.Pareto(s2, a2)),
           (b + 1, c, b, _pos(2, 3, seed=5)))
    _check(lambda k: D.Chisquare(k).log_prob(b), (c * 2,))
    _check(lambda k: D.Chisquare(k).entropy, (c * 2,))
    al1, al2 = _pos(2, 4) * 2, _pos(2, 4, seed=1) * 2
    xd = _prob(2, 4, seed=3)
    _check(lambda al: D.Dirichlet(al).log_prob(xd), (al1,))
    _check(lambda al: D.Dirichlet(al).entropy, (al1,))
    _check(lambda a1, a2: D.kl_divergence(D.Dirichlet(a1), D.Dirichlet(a2)), (al1, al2))
    eye = numpy.eye(4)[[1, 3]]
    _check(lambda p: D.OneHotCategorical(p).log_prob(eye), (_prob(2, 4),))
    _check(lambda q1, q2: D.kl_divergence(D.OneHotCategorical(q1), D.OneHotCategorical(q2)),
           (_prob(2, 4), _prob(2, 4, seed=1)))


def test_samples_are_seeded_like_chainer():
    loc, scale, p = _f32(2, 3), _pos(2, 3, seed=1), _pos(2, 3, seed=2) / 2.5
    shape = (3, 2, 3)
    draws = [
        (D.Gumbel(loc, scale), lambda: loc + scale * numpy.random.gumbel(size=shape)),
        (D.Cauchy(loc, scale), lambda: loc + scale * numpy.random.standard_cauchy(shape)),
        (D.Poisson(scale), lambda: numpy.random.poisson(scale, shape)),
        (D.Geometric(p), lambda: numpy.random.geometric(p, shape)),
        (D.Pareto(scale, scale + 2), lambda: scale * (numpy.random.pareto(scale + 2, shape) + 1)),
        (D.Chisquare(scale), lambda: numpy.random.chisquare(scale, shape)),
    ]
    for d, expected in draws:
        numpy.random.seed(5)
        got = d.sample(3).array
        numpy.random.seed(5)
        assert got.dtype == numpy.float32
        numpy.testing.assert_allclose(got, expected(), rtol=1e-5, atol=1e-6,
                                      err_msg=type(d).__name__)
    al = _pos(2, 3)
    numpy.random.seed(5)
    got = D.Dirichlet(al.astype(numpy.float64)).sample(4).array
    numpy.random.seed(5)
    want = numpy.stack([numpy.random.dirichlet(row, 4) for row in al], axis=1)
    assert got.dtype == numpy.float32  # as Chainer, whatever the parameter dtype
    numpy.testing.assert_allclose(got, want, rtol=1e-6)
    numpy.random.seed(5)
    got = D.OneHotCategorical(_prob(2, 3)).sample(4).array
    numpy.random.seed(5)
    want = numpy.stack([numpy.random.choice(3, 4, p=row) for row in _prob(2, 3)], axis=1)
    numpy.testing.assert_array_equal(got, numpy.eye(3)[want])
    assert D.Poisson(numpy.ones(2)).sample(2).dtype == numpy.float32
    assert D.Geometric(numpy.full(2, 0.5)).sample(2).dtype == numpy.float64


def test_shapes_params_and_support():
    a, b, p = _f32(2, 3), _pos(2, 3), _prob(2, 3)
    cases = [(D.OneHotCategorical(p), ('p',), (2,), (3,), None),
             (D.Gumbel(a, b), ('loc', 'scale'), (2, 3), (), 'real'),
             (D.Cauchy(a, b), ('loc', 'scale'), (2, 3), (), 'real'),
             (D.Poisson(b), ('lam',), (2, 3), (), 'non negative integer'),
             (D.Geometric(p), ('p',), (2, 3), (), 'positive integer'),
             (D.Pareto(b, b), ('scale', 'alpha'), (2, 3), (), '[scale, inf]'),
             (D.Chisquare(b), ('k',), (2, 3), (), 'positive'),
             (D.Dirichlet(b), ('alpha',), (2,), (3,), '[0, 1]')]
    for d, names, batch, event, support in cases:
        assert tuple(d.params) == names
        assert (d.batch_shape, d.event_shape) == (batch, event)
        assert d.sample((4, 5)).shape == (4, 5) + batch + event
        if support is None:
            with pytest.raises(NotImplementedError):
                d.support
        else:
            assert d.support == support
    for d in (D.OneHotCategorical(p), D.Poisson(b), D.Geometric(p)):
        with pytest.raises(NotImplementedError):
            d.entropy
    for d, _, _, _, _ in cases:
        for name in ('stddev', 'mode'):
            with pytest.raises(NotImplementedError):
                getattr(d, name)


def test_chainer_conventions():
    with pytest.warns(RuntimeWarning, match='Mean of the cauchy'):
        m = D.Cauchy(_f32(3), _pos(3)).mean
    assert numpy.isnan(m.array).all() and m.shape == (3,)
    with pytest.warns(RuntimeWarning, match='Variance of the cauchy'):
        assert numpy.isnan(D.Cauchy(_f32(3), _pos(3)).variance.array).all()
    d = D.Pareto(numpy.ones(4, numpy.float32), numpy.array([0.5, 1.5, 2., 3.], numpy.float32))
    numpy.testing.assert_allclose(d.mean.array, [numpy.inf, 3., 2., 1.5])
    numpy.testing.assert_allclose(d.variance.array, [numpy.inf, numpy.inf, numpy.inf, 0.75])
    lp = d.log_prob(numpy.array([0.9, 1., 2., 0.5], numpy.float32)).array
    assert lp[0] == -numpy.inf and lp[3] == -numpy.inf and numpy.isfinite(lp[1:3]).all()
    kl = D.kl_divergence(D.Pareto(numpy.ones(1), numpy.ones(1)),
                         D.Pareto(numpy.full(1, 2.), numpy.ones(1)))
    assert kl.array[0] == numpy.inf
    lam = numpy.array([0.5, 3.], numpy.float32)
    numpy.testing.assert_allclose(D.Poisson(lam).log_prob(numpy.array([1.5, -1.])).array,
                                  [-1.8244036, -numpy.inf], rtol=1e-6)
    numpy.testing.assert_allclose(  # no support mask, as in Chainer
        D.Geometric(numpy.array([0.3, 0.6])).log_prob(numpy.array([0., 2.5])).array,
        [-0.8472979, -1.8852618], rtol=1e-6)


def test_errors():
    a = _pos(3)
    with pytest.raises(TypeError):
        D.OneHotCategorical(logit=a)
    for cls, n in ((D.OneHotCategorical, 1), (D.Gumbel, 2), (D.Cauchy, 2), (D.Poisson, 1),
                   (D.Geometric, 1), (D.Pareto, 2), (D.Chisquare, 1), (D.Dirichlet, 1)):
        with pytest.raises(TypeError):
            cls(*([a] * (n + 1)))
    with pytest.raises(ValueError, match='probabilities do not sum to 1'):
        D.OneHotCategorical(numpy.array([0.5, 0.7], numpy.float32)).sample()
    for p, q in ((D.Chisquare(a), D.Chisquare(a)), (D.Cauchy(a, a), D.Cauchy(a, a)),
                 (D.Gumbel(a, a), D.Normal(a, a)), (D.Poisson(a), D.Exponential(a))):
        with pytest.raises(NotImplementedError):
            D.kl_divergence(p, q)


@pytest.mark.gpu
def test_gpu():
    import cupy
    b = _pos(2, 3)
    for make in (D.Gumbel, D.Cauchy, lambda x, y: D.Poisson(x), lambda x, y: D.Pareto(x, y),
                 lambda x, y: D.Chisquare(x), lambda x, y: D.Dirichlet(x)):
        d, cpu = make(cupy.asarray(b), cupy.asarray(b)), make(b, b)
        assert d.xp is cupy and isinstance(d.sample(2).array, cupy.ndarray)
        x = cpu.sample().array
        cupy.testing.assert_allclose(d.log_prob(cupy.asarray(x)).array,
                                     cpu.log_prob(x).array, rtol=1e-5)
