"""Normalization links against NumPy references: statistics, modes, lazy shapes, gradients."""
import numpy
import pytest

import chainlite
import chainlite.initializers as I
import chainlite.links as L
from chainlite.gradient_check import check_backward

R = numpy.random.RandomState(0)


def rand(*shape, dtype=numpy.float32):
    return R.standard_normal(shape).astype(dtype)


def test_batch_normalization_training_step():
    bn = L.BatchNormalization(3)
    assert (bn.decay, bn.eps, bn.N) == (0.9, 2e-5, 0)
    assert set(bn._persistent) == {'N', 'avg_mean', 'avg_var'}
    bn.gamma.array[...] = [1, 2, 3]
    bn.beta.array[...] = [0, 1, -1]
    x = rand(6, 3, 2)
    mean, var = x.mean(axis=(0, 2)), x.var(axis=(0, 2))
    expected = (x - mean[:, None]) / numpy.sqrt(var[:, None] + 2e-5)
    expected = expected * numpy.array([1, 2, 3])[:, None] + numpy.array([0, 1, -1])[:, None]
    numpy.testing.assert_allclose(bn(x).array, expected, rtol=1e-4, atol=1e-5)
    m = 12
    numpy.testing.assert_allclose(bn.avg_mean, 0.1 * mean, rtol=1e-5, atol=1e-7)
    # The running variance is the unbiased one.
    numpy.testing.assert_allclose(bn.avg_var, 0.9 + 0.1 * var * m / (m - 1), rtol=1e-5)
    assert bn.N == 0


def test_batch_normalization_test_mode_uses_running_statistics():
    bn = L.BatchNormalization(3, initial_avg_mean=0.5, initial_avg_var=4.0)
    x = rand(4, 3)
    with chainlite.using_config('train', False):
        y = bn(x).array
    numpy.testing.assert_allclose(y, (x - 0.5) / numpy.sqrt(4.0 + 2e-5), rtol=1e-5)
    numpy.testing.assert_array_equal(bn.avg_mean, numpy.full(3, 0.5))


def test_batch_normalization_finetune_averages_all_batches():
    bn = L.BatchNormalization(2)
    xs = [rand(5, 2) for _ in range(3)]
    for x in xs:
        bn(x, finetune=True)
    assert bn.N == 3
    numpy.testing.assert_allclose(bn.avg_mean, numpy.mean([x.mean(0) for x in xs], axis=0),
                                  rtol=1e-5)
    numpy.testing.assert_allclose(bn.avg_var, numpy.mean([x.var(0) * 5 / 4 for x in xs],
                                                         axis=0), rtol=1e-5)
    bn.start_finetuning()
    assert bn.N == 0


def test_batch_normalization_options():
    bn = L.BatchNormalization(3, use_gamma=False, use_beta=False)
    assert bn.gamma is None and bn.beta is None and list(bn.namedparams()) == []
    x = rand(4, 3)
    numpy.testing.assert_allclose(bn(x).array, (x - x.mean(0)) / numpy.sqrt(x.var(0) + 2e-5),
                                  rtol=1e-4, atol=1e-5)
    init = I.Constant(2.0)
    bn = L.BatchNormalization(3, dtype=numpy.float64, initial_gamma=init)
    assert bn.gamma.dtype == numpy.float64 and bn.avg_mean.dtype == numpy.float64
    assert bn.gamma.array.tolist() == [2, 2, 2] and init.dtype is None
    assert L.BatchNormalization((3, 4)).gamma.shape == (3, 4)
    with pytest.raises(ValueError, match='size or axis'):
        L.BatchNormalization()


def test_batch_normalization_axis_is_lazy():
    bn = L.BatchNormalization(axis=(0, 2))
    assert bn.gamma.array is None and bn.avg_mean is None
    x = rand(4, 3, 5)
    y = bn(x).array
    assert bn.gamma.shape == (3,) and bn.avg_mean.shape == (3,)
    mean, var = x.mean(axis=(0, 2), keepdims=True), x.var(axis=(0, 2), keepdims=True)
    numpy.testing.assert_allclose(y, (x - mean) / numpy.sqrt(var + 2e-5), rtol=1e-4, atol=1e-5)


def test_batch_normalization_errors():
    bn = L.BatchNormalization(4)
    model = chainlite.Chain()
    with model.init_scope():
        model.bn = bn
    message = r'BatchNormalization at /bn: .*\(N, 4, \.\.\.\).*\(5, 3\)'
    with pytest.raises(ValueError, match=message):
        bn(rand(5, 3))
    with pytest.raises(ValueError, match='using_config'):
        bn(rand(5, 4), test=True)
    with pytest.raises(TypeError, match='foo'):
        bn(rand(5, 4), foo=1)


def test_batch_normalization_backward():
    bn = L.BatchNormalization(3)
    check_backward(bn, rand(5, 3, dtype=numpy.float64), rand(5, 3, dtype=numpy.float64),
                   params=(bn.gamma, bn.beta), dtype=numpy.float64, atol=1e-4, rtol=1e-3)


def test_batch_renormalization():
    brn = L.BatchRenormalization(3, rmax=1.5, dmax=0.5, initial_avg_mean=0.3,
                                 initial_avg_var=2.0)
    assert (brn.rmax, brn.dmax, brn.r, brn.d) == (1.5, 0.5, None, None)
    x = rand(6, 3)
    mean, std = x.mean(0), numpy.sqrt(x.var(0) + 2e-5)
    running_std = numpy.sqrt(2.0 + 2e-5)
    r = numpy.clip(std / running_std, 1 / 1.5, 1.5)
    d = numpy.clip((mean - 0.3) / running_std, -0.5, 0.5)
    numpy.testing.assert_allclose(brn(x).array, (x - mean) / std * r + d, rtol=1e-4, atol=1e-5)
    numpy.testing.assert_allclose(brn.avg_mean, 0.9 * 0.3 + 0.1 * mean, rtol=1e-5)
    with chainlite.using_config('train', False):
        y = brn(x).array
    numpy.testing.assert_allclose(y, (x - brn.avg_mean) / numpy.sqrt(brn.avg_var + 2e-5),
                                  rtol=1e-5)


def test_layer_normalization():
    ln = L.LayerNormalization()
    assert ln.gamma.array is None and ln.eps == 1e-6
    x = rand(3, 4)
    y = ln(x).array
    assert ln.gamma.shape == (4,)
    expected = (x - x.mean(1, keepdims=True)) / numpy.sqrt(x.var(1, keepdims=True) + 1e-6)
    numpy.testing.assert_allclose(y, expected, rtol=1e-4, atol=1e-5)
    ln = L.LayerNormalization(4, initial_gamma=2.0, initial_beta=1.0)
    numpy.testing.assert_allclose(ln(x).array, 2 * expected + 1, rtol=1e-4, atol=1e-5)
    check_backward(ln, x.astype(numpy.float64), rand(3, 4, dtype=numpy.float64),
                   params=(ln.gamma, ln.beta), dtype=numpy.float64, atol=1e-4, rtol=1e-3)


def test_group_normalization():
    gn = L.GroupNormalization(2)
    assert gn.gamma.array is None and gn.eps == 1e-5
    x = rand(2, 4, 3)
    y = gn(x).array
    assert gn.gamma.shape == (4,)
    g = x.reshape(2, 2, 6)
    expected = ((g - g.mean(2, keepdims=True)) / numpy.sqrt(g.var(2, keepdims=True) + 1e-5))
    numpy.testing.assert_allclose(y, expected.reshape(x.shape), rtol=1e-4, atol=1e-5)
    gn = L.GroupNormalization(2, 4)
    check_backward(gn, x.astype(numpy.float64), rand(2, 4, 3, dtype=numpy.float64),
                   params=(gn.gamma, gn.beta), dtype=numpy.float64, atol=1e-4, rtol=1e-3)
