"""MultivariateNormal: numerical gradients, shapes, sampling and errors (the Chainer
goldens: tests/test_distribution_goldens.py with tools/goldens/distributions_mvn.py)."""

import numpy
import pytest

import chainlite.distributions as D

import distribution_checks as checks

_check, _f32 = checks.check_backward, checks.f32


def _tril(*batch, n=3, seed=0):
    r = numpy.random.RandomState(seed)
    a = numpy.tril(r.randn(*(batch + (n, n))))
    i = numpy.arange(n)
    a[..., i, i] = r.uniform(0.5, 1.5, batch + (n,))
    return a


def _mvn(loc, scale_tril):
    return D.MultivariateNormal(loc, scale_tril=scale_tril)


def test_check_backward():
    loc, st = _f32(2, 3), _tril(2)
    x, xs = _f32(2, 3, seed=3).astype(numpy.float64), _f32(4, 2, 3, seed=4).astype(numpy.float64)
    _check(lambda m, s: _mvn(m, s).log_prob(x), (loc, st))
    _check(lambda m, s: _mvn(m, s).log_prob(xs), (loc, st))
    _check(lambda s: _mvn(numpy.zeros((2, 3)), s).entropy, (st,))
    _check(lambda s: _mvn(numpy.zeros((2, 3)), s).covariance, (st,))
    _check(lambda m1, s1, m2, s2: D.kl_divergence(_mvn(m1, s1), _mvn(m2, s2)),
           (loc, st, _f32(2, 3, seed=5), _tril(2, seed=6)))
    _check(lambda m, s: _mvn(m, s).log_prob(x[0]), (loc[0], st[0]))  # no batch

    def sample(m, s):
        numpy.random.seed(7)
        return _mvn(m, s).sample(2)
    _check(sample, (loc, st))
    deep = _tril(2, 2)
    _check(lambda s: D.Independent(_mvn(numpy.zeros((2, 2, 3)), s)).covariance, (deep,))


def test_values_of_a_standard_normal():
    d = _mvn(numpy.zeros((2, 4), numpy.float32), numpy.broadcast_to(
        numpy.eye(4, dtype=numpy.float32), (2, 4, 4)))
    x = _f32(2, 4)
    numpy.testing.assert_allclose(
        d.log_prob(x).array, -0.5 * (x ** 2).sum(-1) - 2 * numpy.log(2 * numpy.pi), rtol=1e-6)
    numpy.testing.assert_allclose(d.entropy.array, 2 * numpy.log(2 * numpy.pi * numpy.e),
                                  rtol=1e-6)
    numpy.testing.assert_array_equal(d.covariance.array[1], numpy.eye(4))
    assert D.kl_divergence(d, d).array.tolist() == [0., 0.]


def test_samples_are_seeded_like_chainer():
    loc, st = _f32(2, 3), _tril(2).astype(numpy.float32)
    numpy.random.seed(5)
    got = _mvn(loc, st).sample((4, 5)).array
    numpy.random.seed(5)
    eps = numpy.random.standard_normal((20, 2, 3)).astype(numpy.float32)
    want = (loc + numpy.einsum('bij,nbj->nbi', st, eps)).reshape(4, 5, 2, 3)
    assert got.dtype == numpy.float32
    numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert _mvn(loc.astype(numpy.float64), st.astype(numpy.float64)).sample(2).dtype \
        == numpy.float64


def test_shapes_params_and_members():
    for batch in ((), (2,), (2, 3)):
        loc, st = _f32(*(batch + (4,))), _tril(*batch, n=4).astype(numpy.float32)
        d = _mvn(loc, st)
        assert (d.batch_shape, d.event_shape, d.d) == (batch, (4,), 4)
        assert tuple(d.params) == ('loc', 'scale_tril')
        assert d.params['loc'] is d.loc and d.params['scale_tril'] is d.scale_tril
        assert d.mean is d.loc
        assert d.support == 'real'
        assert d.covariance.shape == batch + (4, 4)
        assert d.entropy.shape == batch
        assert d.log_prob(_f32(*((3,) + batch + (4,)))).shape == (3,) + batch
        assert d.sample((2, 5)).shape == (2, 5) + batch + (4,)
        assert d.sample_n(3).shape == (3,) + batch + (4,)
    x = _f32(2, 4)
    for name in ('stddev', 'variance', 'mode'):
        with pytest.raises(NotImplementedError):
            getattr(d, name)
    for name in ('prob', 'cdf', 'log_cdf', 'icdf', 'survival_function', 'perplexity'):
        with pytest.raises(NotImplementedError):
            getattr(d, name)(x)


def test_reads_the_lower_triangle_like_chainer():
    loc, st = _f32(2, 3), _tril(2).astype(numpy.float32)
    full = st + numpy.triu(_f32(2, 3, 3, seed=2), 1)
    x = _f32(2, 3, seed=3)
    numpy.testing.assert_allclose(_mvn(loc, full).log_prob(x).array,
                                  _mvn(loc, st).log_prob(x).array, rtol=1e-6)
    numpy.testing.assert_allclose(_mvn(loc, full).covariance.array,
                                  full @ full.transpose(0, 2, 1), rtol=1e-6)
    neg = st * numpy.array([1, -1, 1], numpy.float32)  # a negative diagonal: |det|
    numpy.testing.assert_allclose(_mvn(loc, neg).entropy.array, _mvn(loc, st).entropy.array)


def test_independent_covariance_is_block_diagonal():
    loc, st = _f32(2, 2, 3), _tril(2, 2)
    cov = _mvn(loc, st).covariance.array
    got = D.Independent(_mvn(loc, st)).covariance.array
    assert got.shape == (2, 6, 6)
    numpy.testing.assert_allclose(got[1, 3:, 3:], cov[1, 1])
    numpy.testing.assert_array_equal(got[1, :3, 3:], 0)
    got = D.Independent(_mvn(loc, st), 2).covariance.array
    assert got.shape == (12, 12)
    numpy.testing.assert_allclose(got[6:9, 6:9], cov[1, 0])
    with pytest.raises(NotImplementedError):
        D.Independent(D.Normal(loc, numpy.ones_like(loc))).covariance


def test_errors():
    loc, st = _f32(2, 3), _tril(2)
    with pytest.raises(ValueError, match='scale_tril'):
        D.MultivariateNormal(loc)
    with pytest.raises(TypeError):
        D.MultivariateNormal(loc, st)
    with pytest.raises(TypeError):
        D.MultivariateNormal(loc, scale_tril=st, cov=st)
