"""Normal, Bernoulli, Categorical, Independent and the KL registry: numerical gradients,
shapes, sampling and errors (the Chainer goldens: tests/test_distribution_goldens.py)."""
import math

import numpy
import pytest

import chainlite
import chainlite.distributions as D
import chainlite.functions as F

import distribution_checks as checks

_check, _f32 = checks.check_backward, checks.f32


# -- numerical gradients (float64) ------------------------------------------------------

def test_check_backward_normal_log_prob():
    x = _f32(2, 3, seed=1).astype(numpy.float64)
    _check(lambda loc, scale: D.Normal(loc, scale).log_prob(x),
           (_f32(2, 3), _f32(2, 3, seed=2, low=0.5, high=2)))
    _check(lambda loc, ls: D.Normal(loc, log_scale=ls).log_prob(x),
           (_f32(2, 3), _f32(2, 3, seed=2) * 0.3))


@pytest.mark.parametrize('method', ['cdf', 'log_cdf', 'survival_function',
                                    'log_survival_function', 'prob'])
def test_check_backward_normal_cdf_family(method):
    x = _f32(2, 3, seed=1).astype(numpy.float64)
    _check(lambda loc, scale: getattr(D.Normal(loc, scale), method)(x),
           (_f32(2, 3), _f32(2, 3, seed=2, low=0.5, high=2)))


def test_check_backward_normal_entropy_and_sample():
    _check(lambda ls: D.Normal(numpy.zeros(3), log_scale=ls).entropy, (_f32(3),))

    def sample(loc, scale):
        numpy.random.seed(3)
        return D.Normal(loc, scale).sample(2)
    _check(sample, (_f32(2, 3), _f32(2, 3, seed=2, low=0.5, high=2)))


def test_check_backward_normal_kl():
    _check(lambda l1, s1, l2, ls2: D.kl_divergence(D.Normal(l1, s1), D.Normal(l2, log_scale=ls2)),
           (_f32(3, 2), _f32(3, 2, seed=1, low=0.5, high=2), _f32(3, 2, seed=2),
            _f32(3, 2, seed=3) * 0.3))


def test_check_backward_bernoulli():
    x = numpy.array([[0., 1., 1.], [1., 0., 0.]])
    p = _f32(2, 3, low=0.1, high=0.9)
    logit = _f32(2, 3, seed=1)
    _check(lambda p: D.Bernoulli(p).log_prob(x), (p,))
    _check(lambda lg: D.Bernoulli(logit=lg).log_prob(x), (logit,))
    _check(lambda p: D.Bernoulli(p).entropy, (p,))
    _check(lambda lg: D.Bernoulli(logit=lg).entropy, (logit,))
    _check(lambda p, lg: D.kl_divergence(D.Bernoulli(p), D.Bernoulli(logit=lg)), (p, logit))
    _check(lambda lg, p: D.kl_divergence(D.Bernoulli(logit=lg), D.Bernoulli(p)), (logit, p))


def test_check_backward_categorical():
    x = numpy.array([2, 0, 1], numpy.int32)
    _check(lambda lg: D.Categorical(logit=lg).log_prob(x), (_f32(3, 4),))
    _check(lambda lg: D.Categorical(logit=lg).entropy, (_f32(3, 4),))
    _check(lambda l1, l2: D.kl_divergence(D.Categorical(logit=l1), D.Categorical(logit=l2)),
           (_f32(3, 4), _f32(3, 4, seed=1)))
    # p itself: a perturbation leaves the simplex, but log_prob and KL are still smooth in p
    _check(lambda p: D.Categorical(p).log_prob(x), (_f32(3, 4, low=0.2, high=0.5),))


def test_check_backward_independent():
    x = _f32(2, 3, 4, seed=5).astype(numpy.float64)
    _check(lambda loc, ls: D.Independent(D.Normal(loc, log_scale=ls)).log_prob(x),
           (_f32(2, 3, 4), _f32(2, 3, 4, seed=1) * 0.3))
    _check(lambda l1, ls1, l2, s2: D.kl_divergence(
        D.Independent(D.Normal(l1, log_scale=ls1), 2), D.Independent(D.Normal(l2, s2), 2)),
        (_f32(2, 3, 4), _f32(2, 3, 4, seed=1) * 0.3, _f32(2, 3, 4, seed=2),
         _f32(2, 3, 4, seed=3, low=0.5, high=2)))
    xb = (_f32(2, 3, 4, seed=6) > 0).astype(numpy.float64)
    _check(lambda lg: D.Independent(D.Bernoulli(logit=lg)).log_prob(xb), (_f32(2, 3, 4),))


# -- properties and shapes ---------------------------------------------------------------

def test_shapes_params_support_and_xp():
    loc = chainlite.Variable(_f32(2, 3))
    scale = chainlite.Variable(_f32(2, 3, low=0.5, high=2))
    n = D.Normal(loc, scale)
    assert (n.batch_shape, n.event_shape) == ((2, 3), ())
    assert n.params['loc'] is loc and n.params['scale'] is scale
    assert n.loc is loc and n.mean is loc and n.stddev is scale
    assert n.support == 'real' and n.xp is numpy
    assert sorted(D.Normal(loc, log_scale=scale).params) == ['loc', 'scale']
    assert D.Normal(loc, log_scale=scale).log_scale is scale
    b = D.Bernoulli(logit=loc)
    assert list(b.params) == ['logit'] and b.params['logit'] is loc
    assert b.support == '{0, 1}' and b.batch_shape == (2, 3) and b.event_shape == ()
    assert list(D.Bernoulli(scale * 0.1).params) == ['logit']
    c = D.Categorical(logit=loc)
    assert list(c.params) == ['p'] and c.batch_shape == (2,) and c.event_shape == ()
    i = D.Independent(D.Normal(_f32(2, 3, 4), _f32(2, 3, 4, low=1, high=2)))
    assert (i.batch_shape, i.event_shape, i.reinterpreted_batch_ndims) == ((2,), (3, 4), 2)
    assert D.Independent(n, 0).batch_shape == (2, 3)
    assert D.Independent(D.Normal(_f32(3), _f32(3, low=1, high=2))).batch_shape == (3,)
    nested = D.Independent(D.Independent(n, 1), 1)
    assert (nested.batch_shape, nested.event_shape) == ((), (2, 3))
    assert i.support == 'real' and i.xp is numpy


def test_sample_shapes():
    n = D.Normal(_f32(2, 3), _f32(2, 3, low=0.5, high=2))
    for shape, expected in [((), (2, 3)), (1, (1, 2, 3)), ((2, 1), (2, 1, 2, 3)),
                            (0, (0, 2, 3)), (numpy.int64(2), (2, 2, 3)), ([3], (3, 2, 3))]:
        assert n.sample(shape).shape == expected
    assert n.sample_n(4).shape == (4, 2, 3)
    with pytest.raises(TypeError):
        n.sample(2.0)
    c = D.Categorical(numpy.full((2, 4, 3), 1 / 3., numpy.float32))
    assert D.Independent(c).sample(2).shape == (2, 2, 4)
    assert c.sample().dtype == numpy.int64
    b = D.Bernoulli(_f32(3, low=0.1, high=0.9))
    assert b.sample((2, 2)).shape == (2, 2, 3)


def test_sample_is_seeded_like_chainer():
    loc, scale = _f32(2, 3), _f32(2, 3, low=0.5, high=2)
    numpy.random.seed(7)
    s = D.Normal(loc, scale).sample(2).array
    numpy.random.seed(7)
    eps = numpy.random.standard_normal((2, 2, 3)).astype(numpy.float32)
    numpy.testing.assert_array_equal(s, loc + scale * eps)


def test_reparameterized_sample_gradient():
    loc = chainlite.Variable(_f32(2, 3))
    scale = chainlite.Variable(_f32(2, 3, low=0.5, high=2))
    numpy.random.seed(0)
    F.sum(D.Normal(loc, scale).sample()).backward()
    numpy.random.seed(0)
    numpy.testing.assert_array_equal(loc.grad, numpy.ones((2, 3), numpy.float32))
    numpy.testing.assert_array_equal(
        scale.grad, numpy.random.standard_normal((2, 3)).astype(numpy.float32))


def test_dtypes_follow_the_parameters():
    n = D.Normal(_f32(3), _f32(3, low=1, high=2))
    assert n.log_prob(numpy.zeros(3)).dtype == numpy.float32  # float64 x is cast
    assert n.log_prob(0.0).dtype == numpy.float32
    assert n.sample().dtype == numpy.float32 and n.entropy.dtype == numpy.float32
    b = D.Bernoulli(_f32(3, low=0.1, high=0.9))
    assert b.log_prob(numpy.array([1, 0, 1])).dtype == numpy.float32
    n64 = D.Normal(numpy.zeros(3), numpy.ones(3))
    assert n64.sample().dtype == numpy.float64 and n64.log_prob(0.0).dtype == numpy.float64
    n16 = D.Normal(numpy.zeros(3, numpy.float16), numpy.ones(3, numpy.float16))
    assert n16.sample().dtype == numpy.float16 and n16.entropy.dtype == numpy.float16


def test_log_prob_broadcasts_sample_dimensions():
    n = D.Normal(_f32(2, 3), _f32(2, 3, low=1, high=2))
    xs = _f32(4, 2, 3, seed=3)
    lp = n.log_prob(xs).array
    assert lp.shape == (4, 2, 3)
    numpy.testing.assert_allclose(lp[1], n.log_prob(xs[1]).array)
    c = D.Categorical(numpy.array([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]], numpy.float32))
    numpy.testing.assert_allclose(c.log_prob(numpy.array(1, numpy.int32)).array,
                                  numpy.log([0.3, 0.1]), rtol=1e-6)
    numpy.testing.assert_allclose(c.log_prob(numpy.array([2., 0.], numpy.float32)).array,
                                  numpy.log([0.5, 0.6]), rtol=1e-6)


def test_cached_properties_follow_backprop_mode():
    n = D.Normal(chainlite.Variable(_f32(3)), chainlite.Variable(_f32(3, low=1, high=2)))
    with chainlite.no_backprop_mode():
        e0 = n.entropy
    assert e0.creator is None
    e1 = n.entropy
    assert e1.creator is not None and n.entropy is e1
    with chainlite.no_backprop_mode():
        assert n.entropy is e0


@pytest.mark.filterwarnings('ignore::RuntimeWarning')
def test_zero_probabilities():
    # 0 log 0 = 0 in entropies, as in Chainer
    c = D.Categorical(numpy.array([0.2, 0.3, 0.0], numpy.float32))
    numpy.testing.assert_allclose(c.entropy.array, 0.6830795, rtol=1e-6)
    b = D.Bernoulli(numpy.array([0.0, 1.0], numpy.float32))
    numpy.testing.assert_array_equal(b.entropy.array, [0, 0])
    b = D.Bernoulli(logit=numpy.array([100., -100.], numpy.float32))
    numpy.testing.assert_allclose(b.entropy.array, [0, 0], atol=1e-40)
    # stable where Chainer overflows to -inf: log sigmoid(-100) = -100
    numpy.testing.assert_allclose(b.log_prob(numpy.array([0., 1.], numpy.float32)).array,
                                  [-100, -100])


def test_binary_check():
    p = numpy.array([0.5, 0.5, 0.2], numpy.float32)
    x = numpy.array([0.5, 1., 0.], numpy.float32)
    assert numpy.isfinite(D.Bernoulli(p).log_prob(x).array).all()
    lp = D.Bernoulli(p, binary_check=True).log_prob(x).array
    assert lp[0] == -numpy.inf and numpy.isfinite(lp[1:]).all()
    assert D.Bernoulli(p, binary_check=True).prob(x).array[0] == 0


def test_independent_reductions():
    n = D.Normal(_f32(2, 3), _f32(2, 3, low=0.5, high=2))
    i = D.Independent(n)
    x = _f32(2, 3, seed=4)
    numpy.testing.assert_allclose(i.log_prob(x).array, n.log_prob(x).array.sum(1), rtol=1e-6)
    numpy.testing.assert_allclose(i.cdf(x).array, n.cdf(x).array.prod(1), rtol=1e-6)
    numpy.testing.assert_allclose(i.entropy.array, n.entropy.array.sum(1), rtol=1e-6)
    assert i.mean is n.mean and i.params == n.params
    with pytest.raises(NotImplementedError):
        i.covariance
    with pytest.raises(NotImplementedError):
        i.perplexity(x)


def test_cross_entropy():
    p = D.Normal(_f32(2, 3), _f32(2, 3, low=0.5, high=2))
    q = D.Normal(_f32(2, 3, seed=1), _f32(2, 3, seed=1, low=0.5, high=2))
    ce = D.cross_entropy(p, q).array
    numpy.testing.assert_allclose(ce, p.entropy.array + D.kl_divergence(p, q).array)
    # -E_p[log q] by Monte Carlo
    numpy.random.seed(0)
    mc = -q.log_prob(p.sample(20000)).array.mean(0)
    numpy.testing.assert_allclose(ce, mc, rtol=0.05)


def test_kl_matches_monte_carlo():
    p = D.Bernoulli(numpy.array([0.3, 0.8], numpy.float32))
    q = D.Bernoulli(logit=numpy.array([1.0, -0.5], numpy.float32))
    pv, qv = numpy.array([0.3, 0.8]), 1 / (1 + numpy.exp(-numpy.array([1.0, -0.5])))
    exact = pv * numpy.log(pv / qv) + (1 - pv) * numpy.log((1 - pv) / (1 - qv))
    numpy.testing.assert_allclose(D.kl_divergence(p, q).array, exact, rtol=1e-5)
    c1 = D.Categorical(numpy.array([0.2, 0.3, 0.5], numpy.float32))
    c2 = D.Categorical(logit=numpy.array([0.0, 1.0, -1.0], numpy.float32))
    q2 = numpy.exp([0.0, 1.0, -1.0]) / numpy.exp([0.0, 1.0, -1.0]).sum()
    exact = (numpy.array([0.2, 0.3, 0.5]) * numpy.log(numpy.array([0.2, 0.3, 0.5]) / q2)).sum()
    numpy.testing.assert_allclose(D.kl_divergence(c1, c2).array, exact, rtol=1e-5)


def test_categorical_sampling_frequencies():
    p = numpy.array([[0.1, 0.6, 0.3], [0.5, 0.0, 0.5]], numpy.float32)
    numpy.random.seed(0)
    s = D.Categorical(p).sample(20000).array
    freq = numpy.stack([(s == k).mean(0) for k in range(3)], axis=1)
    numpy.testing.assert_allclose(freq, p, atol=0.02)
    assert (s[:, 1] != 1).all()


# -- errors ------------------------------------------------------------------------------

def test_parameter_errors():
    a = _f32(3, low=0.1, high=0.9)
    msg = r'Either `scale` or `log_scale` \(not both\) must have a value\.'
    with pytest.raises(ValueError, match=msg):
        D.Normal(a)
    with pytest.raises(ValueError, match=msg):
        D.Normal(a, a, log_scale=a)
    with pytest.raises(TypeError, match="unexpected keyword argument.*'foo'"):
        D.Normal(a, foo=a)
    for cls in (D.Bernoulli, D.Categorical):
        with pytest.raises(ValueError, match=r'Either `p` or `logit` \(not both\)'):
            cls()
        with pytest.raises(ValueError, match=r'Either `p` or `logit` \(not both\)'):
            cls(a, logit=a)
    with pytest.raises(TypeError):
        D.Categorical(a, a)  # logit is keyword-only, as in Chainer
    with pytest.raises(TypeError, match="unexpected keyword argument.*'foo'"):
        D.Categorical(a, foo=1)
    with pytest.raises(ValueError, match='reinterpreted_batch_ndims must be less than'):
        D.Independent(D.Normal(_f32(2, 3), _f32(2, 3)), 3)
    with pytest.raises(AttributeError):
        D.Independent(numpy.zeros(3))


def test_not_implemented_members():
    base = D.Distribution()
    for name in ['batch_shape', 'event_shape', 'params', 'mean', 'mode', 'variance',
                 'stddev', 'covariance', 'entropy', 'support', 'xp']:
        with pytest.raises(NotImplementedError):
            getattr(base, name)
    x = numpy.zeros(2, numpy.float32)
    for name in ['log_prob', 'prob', 'cdf', 'log_cdf', 'icdf', 'survival_function',
                 'log_survival_function', 'perplexity', 'sample_n']:
        with pytest.raises(NotImplementedError):
            getattr(base, name)(x)
    with pytest.raises(NotImplementedError):
        base.sample()
    c = D.Categorical(numpy.array([0.5, 0.5], numpy.float32))
    for name in ['mean', 'variance', 'stddev', 'mode', 'support']:
        with pytest.raises(NotImplementedError):
            getattr(c, name)
    with pytest.raises(NotImplementedError):
        c.prob(numpy.array(0, numpy.int32))
    b = D.Bernoulli(numpy.array([0.5], numpy.float32))
    with pytest.raises(NotImplementedError):
        b.cdf(x)
    with pytest.raises(RuntimeError, match='not invertible'):
        D.Independent(D.Normal(_f32(2, 3), _f32(2, 3))).icdf(x)


def test_categorical_sample_and_index_errors():
    with pytest.raises(ValueError, match='probabilities do not sum to 1'):
        D.Categorical(numpy.array([0.2, 0.3, 0.6], numpy.float32)).sample()
    with pytest.raises(ValueError, match='probabilities are not non-negative'):
        D.Categorical(numpy.array([0.2, -0.3, 1.1], numpy.float32)).sample()
    c = D.Categorical(numpy.array([[0.2, 0.3, 0.5]], numpy.float32))
    with pytest.raises(IndexError):
        c.log_prob(numpy.array([3], numpy.int32))


def test_kl_registry():
    n = D.Normal(_f32(2, 3), _f32(2, 3, low=1, high=2))
    b = D.Bernoulli(_f32(2, 3, low=0.1, high=0.9))
    with pytest.raises(NotImplementedError, match='between Normal and Bernoulli'):
        D.kl_divergence(n, b)
    with pytest.raises(KeyError):  # what Chainer raises
        D.kl_divergence(n, b)
    with pytest.raises(NotImplementedError):
        D.kl_divergence(D.Independent(n), n)

    class MyNormal(D.Normal):
        pass
    m = MyNormal(_f32(2, 3), _f32(2, 3, low=1, high=2))
    with pytest.raises(NotImplementedError):  # exact classes, as in Chainer
        D.kl_divergence(m, n)

    def my_kl(p, q):
        return F.sum(p.loc - q.loc)
    assert D.register_kl(MyNormal, D.Normal)(my_kl) is my_kl
    assert D.kl_divergence(m, n).array == pytest.approx(0.0)
    with pytest.raises(NotImplementedError):
        D.kl_divergence(n, m)


def test_independent_kl_errors():
    n = D.Normal(_f32(2, 3), _f32(2, 3, low=1, high=2))
    with pytest.raises(ValueError, match='Event shapes do not match.'):
        D.kl_divergence(D.Independent(n, 1), D.Independent(n, 2))
    with pytest.raises(NotImplementedError, match='different event shapes'):
        D.kl_divergence(D.Independent(D.Independent(n, 1), 1), D.Independent(n, 2))
    kl = D.kl_divergence(D.Independent(n, 2), D.Independent(n, 2))
    assert kl.shape == () and float(kl.array) == 0


def test_vae_style_usage():
    r = numpy.random.RandomState(0)
    mu = chainlite.Variable(r.randn(4, 3).astype(numpy.float32))
    ln_sigma = chainlite.Variable(r.randn(4, 3).astype(numpy.float32) * 0.1)
    x = (r.rand(4, 5) > 0.5).astype(numpy.float32)
    W = chainlite.Variable(r.randn(3, 5).astype(numpy.float32))
    q = D.Independent(D.Normal(mu, log_scale=ln_sigma))
    prior = D.Independent(D.Normal(numpy.zeros((4, 3), numpy.float32),
                                   numpy.ones((4, 3), numpy.float32)))
    z = q.sample()
    p_x = D.Independent(D.Bernoulli(logit=F.matmul(z, W)), reinterpreted_batch_ndims=1)
    loss = -F.mean(p_x.log_prob(x)) + F.mean(D.kl_divergence(q, prior))
    assert loss.dtype == numpy.float32
    loss.backward()
    for v in (mu, ln_sigma, W):
        assert v.grad is not None and numpy.isfinite(v.grad).all()
    assert D.Independent(D.Normal(mu, log_scale=ln_sigma)).sample(5).shape == (5, 4, 3)


@pytest.mark.gpu
def test_gpu():
    import cupy
    loc = cupy.asarray(_f32(2, 3))
    scale = cupy.asarray(_f32(2, 3, low=0.5, high=2))
    n = D.Normal(loc, scale)
    assert n.xp is cupy
    s = n.sample(4)
    assert isinstance(s.array, cupy.ndarray) and s.shape == (4, 2, 3)
    assert s.dtype == numpy.float32
    cpu = D.Normal(cupy.asnumpy(loc), cupy.asnumpy(scale))
    x = _f32(2, 3, seed=3)
    cupy.testing.assert_allclose(n.log_prob(cupy.asarray(x)).array, cpu.log_prob(x).array,
                                 rtol=1e-5)
    b = D.Bernoulli(logit=loc)
    assert b.sample(3).shape == (3, 2, 3)
    c = D.Categorical(logit=loc)
    assert c.sample(5).shape == (5, 2)
    cupy.testing.assert_allclose(c.log_prob(cupy.asarray([0, 2])).array,
                                 D.Categorical(logit=cupy.asnumpy(loc)).log_prob(
                                     numpy.array([0, 2])).array, rtol=1e-5)
    q = D.Independent(D.Normal(loc, scale))
    p = D.Independent(D.Normal(cupy.zeros_like(loc), cupy.ones_like(scale)))
    assert isinstance(D.kl_divergence(q, p).array, cupy.ndarray)
    assert math.isfinite(float(D.kl_divergence(q, p).array.sum()))
