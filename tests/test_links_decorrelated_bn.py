"""L.DecorrelatedBatchNormalization (expected numbers from Chainer 7.8.1, same input)."""
import numpy
import pytest

import chainlite
import chainlite.links as L
from chainlite import gradient_check


def _x():
    numpy.random.seed(0)
    return numpy.random.randn(5, 8, 3).astype(numpy.float32)


def test_persistents_like_chainer():
    dbn = L.DecorrelatedBatchNormalization(8, groups=2)
    assert dbn.N == 0 and list(dbn.namedparams()) == []
    assert dbn.avg_mean.shape == (2, 4) and dbn.avg_mean.dtype == numpy.float32
    numpy.testing.assert_array_equal(dbn.avg_projection, numpy.stack([numpy.eye(4)] * 2))
    other = L.DecorrelatedBatchNormalization(8, groups=2, decay=0.5, eps=1e-3,
                                             dtype=numpy.float64)
    assert (other.decay, other.eps, other.avg_mean.dtype) == (0.5, 1e-3, numpy.float64)
    with pytest.raises(ValueError, match='not divisible'):
        L.DecorrelatedBatchNormalization(6, groups=4)


def test_training_updates_statistics_like_chainer():
    dbn = L.DecorrelatedBatchNormalization(8, groups=2)
    x = _x()
    y = dbn(x)
    assert y.shape == x.shape and y.dtype == numpy.float32
    assert float(y.array.std()) == pytest.approx(0.9999844431877136, rel=1e-4)
    assert dbn.N == 0
    numpy.testing.assert_allclose(dbn.avg_mean[0],
                                  [0.0234146, 0.02296344, -0.01391497, -0.00163495], rtol=1e-4)
    numpy.testing.assert_allclose(dbn.avg_projection[0, 0],
                                  [0.9948727, -0.00839713, -0.00741089, 0.00840846],
                                  rtol=1e-4, atol=1e-6)
    with chainlite.using_config('train', False):
        y2 = dbn(x)
    assert float(numpy.abs(y2.array).mean()) == pytest.approx(0.8654536604881287, rel=1e-4)
    dbn(x, finetune=True)
    assert dbn.N == 1
    with pytest.raises(ValueError, match='test argument'):
        dbn(x, test=True)


def test_gradient_through_the_link(rng):
    dbn = L.DecorrelatedBatchNormalization(4, groups=2)
    x = rng.normal(size=(6, 4))
    dbn.avg_mean = dbn.avg_mean.astype(numpy.float64)
    dbn.avg_projection = dbn.avg_projection.astype(numpy.float64)
    gradient_check.check_backward(dbn, x, rng.normal(size=x.shape), dtype=numpy.float64,
                                  atol=1e-4, rtol=1e-3)


def test_npz_round_trip():
    src, dst = L.DecorrelatedBatchNormalization(8, groups=2), L.DecorrelatedBatchNormalization(
        8, groups=2)
    src(_x(), finetune=True)
    chainlite.testing.save_and_load_npz(src, dst)
    numpy.testing.assert_array_equal(dst.avg_projection, src.avg_projection)
    assert dst.N == 1
