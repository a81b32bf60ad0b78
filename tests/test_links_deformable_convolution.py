"""DeformableConvolution2D against Chainer 7.8.1 (tests/data/deformable_convolution_2d.npz,
from tools/goldens/deformable_convolution_2d.py), plus gradient, lazy-init and error checks.

Each golden case builds the link after ``numpy.random.seed(0)`` (the same draws,
in the same order, as Chainer), calls it after ``numpy.random.seed(3)`` (lazy
weights are drawn then), and backpropagates ``sum(y * gy)``.
"""
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.initializers as I
from chainlite.gradient_check import check_backward
from chainlite.links.connection.deformable_convolution_2d import (
    DeformableConvolution2D, DeformableConvolution2DSampler)
from chainlite.utils import type_check

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data',
                                 'deformable_convolution_2d.npz'))
D = DeformableConvolution2D

CASES = {
    'default': (lambda: D(2, 3, 3), numpy.float32),
    'random': (lambda: D(2, 3, 3, stride=2, pad=1, offset_initial_bias=I.Uniform(0.5),
                         deform_initialW=I.Normal(0.5), deform_initial_bias=I.Normal(0.1)),
               numpy.float32),
    'far': (lambda: D(3, 2, 2, offset_initialW=I.Normal(1.0), deform_initialW=I.Normal(1.0)),
            numpy.float32),
    'nobias': (lambda: D(3, 2, (2, 3), stride=(1, 2), pad=(1, 0), offset_nobias=True,
                         deform_nobias=True, offset_initialW=I.Normal(0.3),
                         deform_initialW=I.HeNormal()),
               numpy.float32),
    'constants': (lambda: D(2, 2, 2, offset_initialW=0.05, offset_initial_bias=0.25,
                            deform_initialW=0.5, deform_initial_bias=numpy.array([1.0, -1.0])),
                  numpy.float32),
    'lazy': (lambda: D(None, 3, 3, pad=1, deform_initialW=I.Normal(0.5),
                       deform_initial_bias=I.Normal(0.1)),
             numpy.float32),
    'lazy_nobias': (lambda: D(None, 2, 2, stride=2, deform_nobias=True,
                              offset_initialW=I.Normal(0.2), deform_initialW=I.Normal(1.0)),
                    numpy.float32),
    'float64': (lambda: D(2, 2, 3, pad=1, deform_initialW=I.Normal(0.5)), numpy.float64),
}


def golden_paths(name, kind):
    prefix = '%s/%s' % (name, kind)
    return {k[len(prefix):] for k in GOLDEN.files if k.startswith(prefix + '/')}


@pytest.mark.parametrize('name', sorted(CASES))
def test_matches_chainer(name):
    make, dtype = CASES[name]
    tol = dict(atol=1e-5, rtol=1e-4) if dtype == numpy.float32 else dict(atol=1e-12, rtol=1e-10)
    with chainlite.using_config('dtype', dtype):
        numpy.random.seed(0)
        link = make()
        assert numpy.random.normal() == GOLDEN[name + '/next'], 'a different number of draws'
        assert str(link) == str(GOLDEN[name + '/str'])
        params = dict(link.namedparams())
        assert {p for p, v in params.items() if v.array is None} == golden_paths(name, 'lazy')
        assert {p for p, v in params.items() if v.array is not None} == \
            golden_paths(name, 'initial')
        for path in golden_paths(name, 'initial'):
            expected = GOLDEN['%s/initial%s' % (name, path)]
            assert params[path].dtype == expected.dtype
            numpy.testing.assert_array_equal(params[path].array, expected)  # bit-exact draws
        x = chainlite.Variable(GOLDEN[name + '/x'].copy())
        numpy.random.seed(3)
        y = link(x)
        assert numpy.random.normal() == GOLDEN[name + '/after'], 'lazy draws differ'
    assert y.dtype == GOLDEN[name + '/y'].dtype
    numpy.testing.assert_allclose(y.array, GOLDEN[name + '/y'], **tol)
    link.cleargrads()
    gy = numpy.random.RandomState(5).standard_normal(y.shape).astype(y.dtype)
    F.sum(y * gy).backward()
    numpy.testing.assert_allclose(x.grad, GOLDEN[name + '/gx'], **tol)
    assert {p for p, _ in link.namedparams()} == golden_paths(name, 'param')
    for path, p in link.namedparams():
        expected = GOLDEN['%s/param%s' % (name, path)]
        assert p.dtype == expected.dtype
        numpy.testing.assert_array_equal(p.array, expected)
        numpy.testing.assert_allclose(p.grad, GOLDEN['%s/grad%s' % (name, path)], **tol)


def test_structure_and_defaults():
    link = D(2, 5, (3, 2), stride=(2, 1), pad=1)
    assert isinstance(link.deform_conv, DeformableConvolution2DSampler)
    off = link.offset_conv
    assert (off.out_channels, off.ksize, off.stride, off.pad) == (12, (3, 2), (2, 1), (1, 1))
    dc = link.deform_conv
    assert (dc.out_channels, dc.ksize, dc.stride, dc.pad) == (5, (3, 2), (2, 1), (1, 1))
    assert dc.W.shape == (5, 2, 3, 2) and dc.b.shape == (5,)
    assert not dc.W.array.any() and not dc.b.array.any() and not off.b.array.any()
    assert off.W.array.std() > 0
    y = link(numpy.ones((2, 2, 7, 4), numpy.float32))
    assert y.shape == (2, 5, 4, 5)
    assert not y.array.any()  # zero deform weights and bias: zero output, as in Chainer


def test_zero_offsets_reduce_to_convolution(rng):
    W = rng.standard_normal((4, 3, 3, 2))
    b = rng.standard_normal(4)
    link = D(3, 4, (3, 2), stride=(2, 1), pad=(1, 2), offset_initialW=0,
             deform_initialW=W, deform_initial_bias=b)
    x = rng.standard_normal((2, 3, 6, 5)).astype(numpy.float32)
    expected = F.convolution_2d(x, W.astype(numpy.float32), b.astype(numpy.float32),
                                (2, 1), (1, 2)).array
    numpy.testing.assert_allclose(link(x).array, expected, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize('kwargs', [dict(), dict(stride=2, pad=1),
                                    dict(offset_nobias=True, deform_nobias=True)])
def test_check_backward_through_params(rng, kwargs):
    link = D(2, 3, 2, offset_initialW=I.Normal(0.3), offset_initial_bias=I.Uniform(0.4),
             deform_initialW=I.Normal(1.0), **kwargs)
    if link.deform_conv.b is not None:
        link.deform_conv.b.array[...] = rng.standard_normal(3)
    x = rng.standard_normal((1, 2, 4, 5))
    gy = rng.standard_normal(link(x.astype(numpy.float32)).shape)
    params = [p for _, p in sorted(link.namedparams())]
    assert len(params) == (2 if kwargs.get('offset_nobias') else 4)
    check_backward(link, x, gy, params=params, dtype=numpy.float64, eps=1e-4,
                   atol=1e-6, rtol=1e-5, detect_nondifferentiable=True)


def test_lazy_initialization():
    link = D(None, 3, 2, deform_initial_bias=2.0)
    assert link.offset_conv.W.array is None
    assert link.deform_conv.W.array is None and link.deform_conv.b.array is None
    assert link.offset_conv.b.shape == (8,)  # Convolution2D's bias does not wait
    y = link(numpy.ones((2, 4, 3, 3), numpy.float32))
    assert y.shape == (2, 3, 2, 2)
    assert link.offset_conv.W.shape == (8, 4, 2, 2)
    assert link.deform_conv.W.shape == (3, 4, 2, 2)
    numpy.testing.assert_array_equal(link.deform_conv.b.array, [2, 2, 2])
    numpy.testing.assert_allclose(y.array, 2)
    with pytest.raises(ValueError, match=r'DeformableConvolution2D at /: expected an input '
                                         r'with 4 channels, got 3 \(input shape \(2, 3, 3, 3\)\)'):
        link(numpy.ones((2, 3, 3, 3), numpy.float32))
    nobias = D(None, 3, 2, deform_nobias=True)
    nobias(numpy.ones((1, 2, 3, 3), numpy.float32))
    assert nobias.deform_conv.b is None
    assert [p for p, _ in nobias.namedparams()] == \
        ['/deform_conv/W', '/offset_conv/W', '/offset_conv/b']


def test_bad_inputs_name_the_link_and_shapes():
    class Net(chainlite.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.dc = D(2, 3, 3)

    net = Net()
    with pytest.raises(ValueError, match=r'DeformableConvolution2D at /dc: expected an input '
                                         r'with 2 channels, got 3 \(input shape \(1, 3, 5, 5\)\)'):
        net.dc(numpy.ones((1, 3, 5, 5), numpy.float32))
    with pytest.raises(type_check.InvalidType,
                       match=r'DeformableConvolution2D at /dc: expected an input \(n, c, h, w\), '
                             r'got shape \(1, 2, 5\)'):
        net.dc(numpy.ones((1, 2, 5), numpy.float32))
    with pytest.raises(ValueError, match=r'kernel \(3, 3\).*spatial size \(2, 2\)'):
        net.dc(numpy.ones((1, 2, 2, 2), numpy.float32))
    with pytest.raises(ValueError,
                       match=r'DeformableConvolution2DSampler at /dc/deform_conv: expected an '
                             r'input with 2 channels, got 1'):
        net.dc.deform_conv(numpy.ones((1, 1, 5, 5), numpy.float32),
                           numpy.zeros((1, 18, 3, 3), numpy.float32))


def test_sampler_link_alone(rng):
    sampler = DeformableConvolution2DSampler(None, 2, 2, stride=1, pad=0,
                                             initialW=I.Normal(1.0))
    assert str(sampler) == 'DeformableConvolution2DSampler()'
    x = rng.standard_normal((1, 3, 4, 4)).astype(numpy.float32)
    offset = rng.uniform(-1, 1, (1, 8, 3, 3)).astype(numpy.float32)
    y = sampler(x, offset)
    assert sampler.W.shape == (2, 3, 2, 2) and sampler.b.shape == (2,)
    expected = F.deformable_convolution_2d_sampler(x, offset, sampler.W.array, sampler.b.array)
    numpy.testing.assert_array_equal(y.array, expected.array)
