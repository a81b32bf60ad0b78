"""Connection links against NumPy references, with gradient checks and lazy initialization."""
import numpy
import pytest

import chainlite
import chainlite.initializers as I
import chainlite.links as L
from chainlite.gradient_check import check_backward

R = numpy.random.RandomState(0)


def rand(*shape, dtype=numpy.float32):
    return R.standard_normal(shape).astype(dtype)


def conv_ref(x, W, b, stride, pad, dilate=1):
    """Direct 2-D convolution (cross-correlation) by loops over the kernel."""
    n, c, h, w = x.shape
    out, _, kh, kw = W.shape
    xp = numpy.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh = (h + 2 * pad - dilate * (kh - 1) - 1) // stride + 1
    ow = (w + 2 * pad - dilate * (kw - 1) - 1) // stride + 1
    y = numpy.zeros((n, out, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i * dilate:i * dilate + stride * oh:stride,
                       j * dilate:j * dilate + stride * ow:stride]
            y += numpy.einsum('nchw,oc->nohw', patch, W[:, :, i, j])
    return y + b[None, :, None, None]


def deconv_ref(x, W, b, stride, pad):
    """Transposed 2-D convolution: scatter each input pixel times the kernel."""
    n, c, h, w = x.shape
    _, out, kh, kw = W.shape
    full = numpy.zeros((n, out, stride * (h - 1) + kh, stride * (w - 1) + kw))
    for i in range(h):
        for j in range(w):
            full[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw] += \
                numpy.einsum('nc,cokl->nokl', x[:, :, i, j], W)
    return full[:, :, pad:full.shape[2] - pad, pad:full.shape[3] - pad] + b[None, :, None, None]


def test_linear_forward_and_backward():
    W, b = rand(4, 3), rand(4)
    link = L.Linear(3, 4, initialW=W, initial_bias=b)
    x = rand(2, 3)
    numpy.testing.assert_allclose(link(x).array, x @ W.T + b, rtol=1e-5, atol=1e-6)
    check_backward(link, rand(2, 3, dtype=numpy.float64), rand(2, 4, dtype=numpy.float64),
                   params=(link.W, link.b), dtype=numpy.float64, atol=1e-4, rtol=1e-3)


def test_linear_batch_axes_and_flattening():
    link = L.Linear(6, 2)
    x = rand(3, 2, 3)
    numpy.testing.assert_allclose(link(x).array, x.reshape(3, 6) @ link.W.array.T,
                                  rtol=1e-5, atol=1e-6)
    link = L.Linear(3, 2)
    assert link(rand(4, 5, 3), n_batch_axes=2).shape == (4, 5, 2)


def test_linear_lazy_initialization():
    link = L.Linear(5)
    assert link.W.array is None and link.b.shape == (5,)
    assert link.out_size == 5 and link.in_size is None
    y = link(rand(2, 3, 2))
    assert link.W.shape == (5, 6) and y.shape == (2, 5)
    assert L.Linear(None, 5).W.array is None


def test_linear_nobias_and_initializers():
    link = L.Linear(3, 2, nobias=True, initialW=I.One())
    assert link.b is None and [p for p, _ in link.namedparams()] == ['/W']
    numpy.testing.assert_array_equal(link(numpy.ones((1, 3), numpy.float32)).array, [[3, 3]])
    assert L.Linear(3, 2, initial_bias=0.5).b.array.tolist() == [0.5, 0.5]


def test_linear_wrong_feature_size_names_the_link_path():
    model = chainlite.Chain()
    with model.init_scope():
        model.encoder = chainlite.Chain()
        with model.encoder.init_scope():
            model.encoder.l1 = L.Linear(3, 4)
    with pytest.raises(ValueError, match=r'Linear at /encoder/l1: expected .*3 features, got 5'):
        model.encoder.l1(rand(2, 5))
    with pytest.raises(ValueError, match=r'Linear at /: expected .*3 features, got 2'):
        L.Linear(3, 4)(rand(2, 2))


@pytest.mark.parametrize('stride,pad,dilate', [(1, 0, 1), (2, 1, 1), (1, 2, 2)])
def test_convolution_2d_forward(stride, pad, dilate):
    W, b = rand(4, 3, 3, 3), rand(4)
    link = L.Convolution2D(3, 4, 3, stride, pad, initialW=W, initial_bias=b, dilate=dilate)
    x = rand(2, 3, 7, 7)
    numpy.testing.assert_allclose(link(x).array, conv_ref(x, W, b, stride, pad, dilate),
                                  rtol=1e-4, atol=1e-5)
    assert link.stride == (stride, stride) and link.pad == (pad, pad)


def test_convolution_2d_backward():
    link = L.Convolution2D(2, 3, 2, stride=2, pad=1)
    x = rand(2, 2, 4, 4, dtype=numpy.float64)
    gy = rand(2, 3, 3, 3, dtype=numpy.float64)
    check_backward(link, x, gy, params=(link.W, link.b), dtype=numpy.float64,
                   atol=1e-4, rtol=1e-3)


def test_convolution_shorthand_lazy_and_groups():
    conv = L.Convolution2D(4, 3)
    assert conv.W.array is None and conv.ksize == 3 and conv.out_channels == 4
    assert conv(rand(1, 2, 5, 5)).shape == (1, 4, 3, 3) and conv.W.shape == (4, 2, 3, 3)
    grouped = L.Convolution2D(None, 6, 1, groups=3, initialW=I.One(), nobias=True)
    y = grouped(numpy.ones((1, 3, 1, 1), numpy.float32))
    assert grouped.W.shape == (6, 1, 1, 1)
    numpy.testing.assert_array_equal(y.array.ravel(), numpy.ones(6))
    with pytest.raises(ValueError, match=r'input channels \(3\).*groups \(2\)'):
        L.Convolution2D(3, 4, 1, groups=2)
    with pytest.raises(ValueError, match=r'output channels \(3\).*groups \(2\)'):
        L.Convolution2D(4, 3, 1, groups=2)
    with pytest.raises(ValueError, match=r'input channels \(3\).*groups \(2\)'):
        L.Convolution2D(None, 4, 1, groups=2)(rand(1, 3, 2, 2))
    with pytest.raises(ValueError, match=r'Convolution2D at /: expected .*3 channels, got 2'):
        L.Convolution2D(3, 4, 1)(rand(1, 2, 3, 3))


def test_convolution_nd_matches_2d():
    W, b = rand(4, 3, 2, 2), rand(4)
    x = rand(2, 3, 5, 5)
    nd = L.ConvolutionND(2, 3, 4, 2, stride=2, initialW=W, initial_bias=b)
    numpy.testing.assert_allclose(nd(x).array, conv_ref(x, W, b, 2, 0), rtol=1e-4, atol=1e-5)
    assert nd.ksize == (2, 2) and nd.stride == 2
    assert L.ConvolutionND(2, 4, 3).ksize == (3, 3)
    assert L.Convolution1D(None, 4, 3)(rand(1, 2, 5)).shape == (1, 4, 3)
    assert L.Convolution3D(2, 4, 2)(rand(1, 2, 3, 3, 3)).shape == (1, 4, 2, 2, 2)


def test_deconvolution_2d_forward_and_backward():
    W, b = rand(3, 2, 3, 3), rand(2)
    link = L.Deconvolution2D(3, 2, 3, stride=2, pad=1, initialW=W, initial_bias=b)
    x = rand(1, 3, 4, 4)
    numpy.testing.assert_allclose(link(x).array, deconv_ref(x, W, b, 2, 1), rtol=1e-4,
                                  atol=1e-5)
    assert link.outsize == (None, None)
    check_backward(link, rand(1, 3, 2, 2, dtype=numpy.float64),
                   rand(1, 2, 3, 3, dtype=numpy.float64), params=(link.W, link.b),
                   dtype=numpy.float64, atol=1e-4, rtol=1e-3)


def test_deconvolution_lazy_outsize_and_nd():
    d = L.Deconvolution2D(4, 3, stride=2, outsize=(10, 10))
    assert d(rand(1, 2, 4, 4)).shape == (1, 4, 10, 10) and d.W.shape == (2, 4, 3, 3)
    assert L.Deconvolution2D(4, 6, 3, groups=2).W.shape == (4, 3, 3, 3)
    assert L.DeconvolutionND(1, 2, 4, 3, stride=2)(rand(1, 2, 4)).shape == (1, 4, 9)
    assert L.Deconvolution3D(2, 3, 2)(rand(1, 2, 2, 2, 2)).shape == (1, 3, 3, 3, 3)
    with pytest.raises(ValueError, match=r'Deconvolution2D at /: expected .*3 channels, got 2'):
        L.Deconvolution2D(3, 4, 2)(rand(1, 2, 3, 3))


def test_dilated_and_depthwise_convolution():
    W, b = rand(3, 2, 3, 3), rand(3)
    x = rand(1, 2, 7, 7)
    dil = L.DilatedConvolution2D(2, 3, 3, dilate=2, initialW=W, initial_bias=b)
    numpy.testing.assert_allclose(dil(x).array, conv_ref(x, W, b, 1, 0, 2), rtol=1e-4,
                                  atol=1e-5)
    W, b = rand(2, 3, 2, 2), rand(6)
    dw = L.DepthwiseConvolution2D(3, 2, 2, initialW=W, initial_bias=b)
    x = rand(1, 3, 4, 4)
    # Output channel c * multiplier + m convolves input channel c with W[m, c].
    expected = numpy.concatenate(
        [conv_ref(x[:, c:c + 1], W[:, c:c + 1], b[2 * c:2 * c + 2], 1, 0) for c in range(3)],
        axis=1)
    numpy.testing.assert_allclose(dw(x).array, expected, rtol=1e-4, atol=1e-5)
    lazy = L.DepthwiseConvolution2D(None, 2, 2)
    assert lazy.W.array is None and lazy.b.array is None
    lazy(x)
    assert lazy.W.shape == (2, 3, 2, 2) and lazy.b.shape == (6,)


def test_bilinear():
    W, V1, V2, b = rand(2, 3, 4), rand(2, 4), rand(3, 4), rand(4)
    link = L.Bilinear(2, 3, 4, initialW=W, initial_bias=(V1, V2, b))
    e1, e2 = rand(5, 2), rand(5, 3)
    expected = numpy.einsum('ni,nj,ijk->nk', e1, e2, W) + e1 @ V1 + e2 @ V2 + b
    numpy.testing.assert_allclose(link(e1, e2).array, expected, rtol=1e-4, atol=1e-5)
    check_backward(link, (e1.astype(numpy.float64), e2.astype(numpy.float64)),
                   rand(5, 4, dtype=numpy.float64), params=(link.W, link.V1, link.V2, link.b),
                   dtype=numpy.float64, atol=1e-4, rtol=1e-3)
    nobias = L.Bilinear(2, 3, 4, nobias=True, initialW=W)
    assert [p for p, _ in nobias.namedparams()] == ['/W']
    numpy.testing.assert_allclose(nobias(e1, e2).array,
                                  numpy.einsum('ni,nj,ijk->nk', e1, e2, W), rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match='initial_bias'):
        L.Bilinear(2, 3, 4, initial_bias=1.0)


def test_embed_id():
    W = rand(5, 3)
    link = L.EmbedID(5, 3, initialW=W, ignore_label=-1)
    y = link(numpy.array([4, -1, 0], numpy.int32)).array
    numpy.testing.assert_array_equal(y, [W[4], numpy.zeros(3), W[0]])
    check_backward(lambda x: link(x), numpy.array([1, 1, 3, -1], numpy.int32),
                   rand(4, 3, dtype=numpy.float64), params=(link.W,), dtype=numpy.float64)


def test_bias_and_scale():
    x = rand(2, 3, 4)
    bias = L.Bias(shape=(3,))
    bias.b.array[...] = [1, 2, 3]
    numpy.testing.assert_allclose(bias(x).array, x + numpy.array([1, 2, 3])[:, None])
    numpy.testing.assert_allclose(L.Bias(axis=2)(x, numpy.arange(4, dtype='f')).array,
                                  x + numpy.arange(4))
    with pytest.raises(ValueError, match=r'Bias at /: expected 2 input\(s\)'):
        L.Bias()(x)
    scale = L.Scale(W_shape=(3,), bias_term=True)
    assert scale.W.array.tolist() == [1, 1, 1] and scale.bias.b.array.tolist() == [0, 0, 0]
    scale.W.array[...] = [1, 2, 3]
    scale.bias.b.array[...] = 1
    numpy.testing.assert_allclose(scale(x).array, x * numpy.array([1, 2, 3])[:, None] + 1,
                                  rtol=1e-6)
    check_backward(scale, x.astype(numpy.float64), rand(2, 3, 4, dtype=numpy.float64),
                   params=(scale.W, scale.bias.b), dtype=numpy.float64)
    given = L.Scale(bias_term=True, bias_shape=(3,))
    numpy.testing.assert_allclose(given(x, numpy.full(3, 2, 'f')).array, 2 * x)
    with pytest.raises(ValueError, match='bias_shape'):
        L.Scale(bias_term=True)


def test_highway():
    link = L.Highway(3)
    x = rand(2, 3)
    h = numpy.maximum(x @ link.plain.W.array.T + link.plain.b.array, 0)
    t = 1 / (1 + numpy.exp(-(x @ link.transform.W.array.T + link.transform.b.array)))
    numpy.testing.assert_allclose(link(x).array, h * t + x * (1 - t), rtol=1e-5, atol=1e-6)
    assert link.transform.b.array.tolist() == [-1, -1, -1]
    check_backward(link, x.astype(numpy.float64), rand(2, 3, dtype=numpy.float64),
                   params=tuple(link.params()), dtype=numpy.float64, atol=1e-4, rtol=1e-3)


def test_mlp_convolution_2d():
    m = L.MLPConvolution2D(2, (3, 4), 1)
    x = rand(1, 2, 3, 3)
    h = numpy.maximum(conv_ref(x, m[0].W.array, m[0].b.array, 1, 0), 0)
    expected = conv_ref(h, m[1].W.array, m[1].b.array, 1, 0)   # no activation at the end
    numpy.testing.assert_allclose(m(x).array, expected, rtol=1e-4, atol=1e-5)
    lazy = L.MLPConvolution2D((3, 3), 1, conv_init=1.0, bias_init=2.0)
    assert lazy[0].W.array is None and lazy[1].W.array.ravel()[0] == 1.0
    assert lazy[1].b.array.tolist() == [2, 2, 2]


def test_inception_shapes_and_backward():
    inc = L.Inception(2, 1, 1, 2, 1, 2, 1)
    # Zero biases put ReLU exactly at its kink wherever a window sees only zeros.
    for path, p in inc.namedparams():
        if path.endswith('/b'):
            p.array[...] = rand(*p.shape)
    x = rand(1, 2, 4, 4, dtype=numpy.float64)
    assert inc(x.astype(numpy.float32)).shape == (1, 6, 4, 4)
    check_backward(inc, x, rand(1, 6, 4, 4, dtype=numpy.float64), params=tuple(inc.params()),
                   dtype=numpy.float64, eps=1e-6, atol=1e-5, rtol=1e-4)


def test_inception_bn_arguments():
    with pytest.raises(ValueError, match='pooltype'):
        L.InceptionBN(3, 2, 2, 2, 2, 2, 'sum', 2)
    with pytest.raises(ValueError, match='stride 1'):
        L.InceptionBN(3, 2, 2, 2, 2, 2, 'max', 2, stride=2)
    with pytest.raises(ValueError, match='pooling projection'):
        L.InceptionBN(3, 2, 2, 2, 2, 2, 'max')
    inc = L.InceptionBN(3, 0, 2, 2, 2, 2, 'max', None, stride=2)
    assert not hasattr(inc, 'conv1') and not hasattr(inc, 'poolp')
    assert inc(rand(2, 3, 5, 5)).shape == (2, 7, 3, 3)


def test_local_convolution_2d():
    W, b = rand(3, 2, 2, 2, 2, 2), rand(3, 2, 2)
    link = L.LocalConvolution2D(2, 3, (3, 3), 2, initialW=W, initial_bias=b)
    x = rand(1, 2, 3, 3)
    expected = numpy.empty((1, 3, 2, 2))
    for i in range(2):
        for j in range(2):
            patch = x[:, :, i:i + 2, j:j + 2]
            expected[:, :, i, j] = numpy.einsum('ncyx,ocyx->no', patch, W[:, i, j]) + b[:, i, j]
    numpy.testing.assert_allclose(link(x).array, expected, rtol=1e-4, atol=1e-5)
    lazy = L.LocalConvolution2D(None, 3, None, 2)
    lazy(rand(1, 2, 5, 5))
    assert lazy.W.shape == (3, 4, 4, 2, 2, 2) and lazy.b.shape == (3, 4, 4)
    with pytest.raises(ValueError, match=r'LocalConvolution2D at /: expected .*2 channels'):
        lazy(rand(1, 3, 5, 5))


def test_parameter_link():
    p = L.Parameter(numpy.arange(3, dtype=numpy.float32))
    y = p()  # as in Chainer: a new Variable (through F.identity) on W's array
    assert y is not p.W and y.array is p.W.array and p.W.array.tolist() == [0, 1, 2]
