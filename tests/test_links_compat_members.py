"""Chainer class members added by the API-surface audit: from_params, Bilinear.zero_grads,
BlackOut.sample_data, DecorrelatedBatchNormalization.start_finetuning, Zero/One/NaN.fill_value,
OnceTrigger.finished."""
import numpy
import pytest

import chainlite
import chainlite.links as L
from chainlite import initializers as I
from chainlite.training import triggers


def test_linear_from_params_copies():
    W = numpy.arange(6.0, dtype=numpy.float32).reshape(2, 3)
    link = L.Linear.from_params(chainlite.Variable(W))
    numpy.testing.assert_array_equal(link.W.array, W)
    assert link.W.array is not W and link.out_size == 2 and link.in_size == 3
    numpy.testing.assert_array_equal(link.b.array, [0, 0])
    b = numpy.ones(2, numpy.float32)
    numpy.testing.assert_array_equal(L.Linear.from_params(W, b=b).b.array, b)
    assert L.Linear.from_params(W, nobias=True).b is None
    with pytest.raises(ValueError, match=r'Linear.from_params: out_size 2 .*size of b \(3\)'):
        L.Linear.from_params(W, b=numpy.ones(3, numpy.float32))


def test_convolution_from_params():
    W = numpy.random.RandomState(0).randn(4, 2, 2, 2).astype(numpy.float32)
    conv = L.Convolution2D.from_params(W, stride=2, pad=1, groups=2)
    assert (conv.out_channels, conv.groups, conv.stride, conv.pad) == (4, 2, (2, 2), (1, 1))
    x = numpy.random.RandomState(1).randn(1, 4, 5, 5).astype(numpy.float32)
    expected = chainlite.functions.convolution_2d(x, W, None, 2, 1, groups=2).array
    numpy.testing.assert_allclose(conv(x).array, expected, rtol=1e-6)
    with pytest.raises(ValueError, match='out_channels 4'):
        L.Convolution2D.from_params(W, b=numpy.ones(3, numpy.float32))
    nd = L.ConvolutionND.from_params(numpy.ones((4, 3, 2, 2, 2), numpy.float32), stride=2)
    assert nd.ksize == (2, 2, 2) and nd.stride == 2 and nd.b.shape == (4,)


def test_embed_id_from_params():
    W = numpy.arange(15.0, dtype=numpy.float32).reshape(5, 3)
    emb = L.EmbedID.from_params(W, ignore_label=-1)
    assert emb.ignore_label == -1
    numpy.testing.assert_array_equal(emb(numpy.array([4, -1], numpy.int32)).array,
                                     [W[4], numpy.zeros(3)])


def test_bilinear_zero_grads_is_deprecated_zerograds():
    b = L.Bilinear(2, 2, 3)
    with pytest.warns(DeprecationWarning, match='zerograds'):
        b.zero_grads()
    assert all((p.grad == 0).all() for p in b.params())


def test_black_out_sample_data_fixes_negatives():
    x = numpy.random.RandomState(0).randn(2, 3).astype(numpy.float32)
    t = numpy.array([0, 3], numpy.int32)
    link = L.BlackOut(3, [5, 1, 2, 4], sample_size=2)
    link.W.array[...] = 0.1 * numpy.arange(12).reshape(4, 3)
    link.sample_data = numpy.array([[1, 2], [2, 1]], numpy.int32)
    expected = chainlite.functions.black_out(x, t, link.W, link.sample_data).array
    assert link(x, t).array == pytest.approx(expected)
    assert L.BlackOut.sample_data is None


def test_dbn_start_finetuning():
    dbn = L.DecorrelatedBatchNormalization(4, groups=2)
    dbn.N = 5
    dbn.start_finetuning()
    assert dbn.N == 0


def test_constant_fill_values_on_the_class():
    assert (I.Zero.fill_value, I.One.fill_value) == (0.0, 1.0)
    assert numpy.isnan(I.NaN.fill_value) and I.One().fill_value == 1.0


def test_once_trigger_finished():
    t = triggers.OnceTrigger()
    assert not t.finished
    assert t(None) and t.finished
