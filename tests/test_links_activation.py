"""Activation links (Maxout, PReLU, Swish) and Classifier."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import reporter
from chainlite.gradient_check import check_backward

R = numpy.random.RandomState(0)


def rand(*shape, dtype=numpy.float32):
    return R.standard_normal(shape).astype(dtype)


def test_maxout():
    W, b = rand(4, 2, 3), rand(4, 2)   # (out_size, pool_size, in_size), (out_size, pool_size)
    link = L.Maxout(3, 4, 2, initialW=W, initial_bias=b)
    assert link.linear.W.shape == (8, 3)
    x = rand(5, 3)
    expected = (numpy.einsum('opi,ni->nop', W, x) + b).max(axis=2)
    numpy.testing.assert_allclose(link(x).array, expected, rtol=1e-5, atol=1e-6)
    check_backward(link, x.astype(numpy.float64), rand(5, 4, dtype=numpy.float64),
                   params=tuple(link.params()), dtype=numpy.float64, atol=1e-4, rtol=1e-3)
    with pytest.raises(ValueError, match='initialW must have 3 axes'):
        L.Maxout(3, 4, 2, initialW=rand(8, 3))
    with pytest.raises(ValueError, match=r'initial_bias of shape \(4, 3\)'):
        L.Maxout(3, 4, 2, initial_bias=rand(4, 3))
    assert L.Maxout(None, 4, 2)(x).shape == (5, 4)


def test_prelu():
    link = L.PReLU((3,))
    assert link.W.array.tolist() == [0.25] * 3
    link.W.array[...] = [0.1, 0.2, 0.3]
    x = rand(4, 3)
    numpy.testing.assert_allclose(link(x).array,
                                  numpy.where(x > 0, x, x * numpy.array([0.1, 0.2, 0.3])))
    assert L.PReLU().W.shape == ()
    x = rand(4, 3, dtype=numpy.float64)
    x[numpy.abs(x) < 0.05] = 0.5           # keep away from the kink
    check_backward(link, x, rand(4, 3, dtype=numpy.float64), params=(link.W,),
                   dtype=numpy.float64)


def test_swish():
    link = L.Swish((3,), beta_init=2.0)
    x = rand(4, 3)
    numpy.testing.assert_allclose(link(x).array, x / (1 + numpy.exp(-2 * x)), rtol=1e-5,
                                  atol=1e-6)
    lazy = L.Swish(None)
    assert lazy.beta.array is None
    lazy(rand(2, 3, 4))
    assert lazy.beta.shape == (3, 4) and (lazy.beta.array == 1).all()
    check_backward(link, x.astype(numpy.float64), rand(4, 3, dtype=numpy.float64),
                   params=(link.beta,), dtype=numpy.float64)


class Echo(chainlite.Link):
    def forward(self, x, scale=1):
        return x * scale


def test_classifier_loss_accuracy_and_report():
    y = numpy.array([[2., 1., 0.], [0., 1., 3.]], numpy.float32)
    t = numpy.array([0, 1], numpy.int32)
    model = L.Classifier(Echo())
    assert model.lossfun is F.softmax_cross_entropy and model.accfun is F.accuracy
    observation = {}
    report = reporter.Reporter()
    report.add_observer('main', model)
    with report.scope(observation):
        loss = model(y, t)
    log_softmax = y - numpy.log(numpy.exp(y).sum(1, keepdims=True))
    expected = -(log_softmax[0, 0] + log_softmax[1, 1]) / 2
    numpy.testing.assert_allclose(loss.array, expected, rtol=1e-6)
    assert float(model.accuracy.array) == 0.5 and model.y is not None
    assert observation['main/loss'].array == loss.array
    assert observation['main/accuracy'].array == model.accuracy.array
    model.compute_accuracy = False
    model(y, t)
    assert model.accuracy is None


def test_classifier_label_key():
    y = numpy.array([[0., 5.]], numpy.float32)
    t = numpy.array([1], numpy.int32)
    assert float(L.Classifier(Echo(), label_key=0)(t, y).array) < 0.01
    assert float(L.Classifier(Echo(), label_key='t')(y, t=t).array) < 0.01
    scaled = L.Classifier(Echo(), label_key=1)(y, t, 0)     # other args go to the predictor
    numpy.testing.assert_allclose(scaled.array, numpy.log(2), rtol=1e-6)
    with pytest.raises(ValueError, match="label keyword argument 't'"):
        L.Classifier(Echo(), label_key='t')(y, t)
    with pytest.raises(ValueError, match='label_key 5 is out of range'):
        L.Classifier(Echo(), label_key=5)(y, t)
    with pytest.raises(TypeError, match='label_key'):
        L.Classifier(Echo(), label_key=1.0)


def test_simplified_dropconnect():
    link = L.SimplifiedDropconnect(3, 2, ratio=0.5)
    x = rand(4, 3)
    expected = x @ link.W.array.T + link.b.array
    numpy.testing.assert_allclose(link(x, train=False).array, expected, rtol=1e-5, atol=1e-6)
    mask = numpy.ones((4, 2, 3), numpy.float32)
    mask[:, :, 0] = 0
    dropped = link(x, mask=mask).array       # kept weights scaled by 1 / (1 - ratio)
    numpy.testing.assert_allclose(dropped, 2 * x[:, 1:] @ link.W.array[:, 1:].T + link.b.array,
                                  rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match=r'SimplifiedDropconnect at /: expected .*3 features'):
        link(rand(4, 5))
