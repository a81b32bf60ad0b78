"""Links against Chainer 7.8.1 where a differential probe found differences
(tests/data/parity_links_probe.npz from tools/goldens/parity_links_probe.py), and
the clearer errors for bad arguments that the probe asked for."""
import numpy
import pytest

import chainlite
import chainlite.links as L
import golden_scripts
from chainlite import serializers
from chainlite.utils import type_check

GOLDEN = golden_scripts.data('parity_links_probe')


def saved_arrays(link, tmp_path):
    path = str(tmp_path / 'link.npz')
    serializers.save_npz(path, link)
    with numpy.load(path) as f:
        return {k: f[k] for k in f.files}


def check_against_golden(name, link, y, tmp_path):
    arrays = saved_arrays(link, tmp_path)
    prefix = name + '/npz/'
    expected = {k[len(prefix):]: GOLDEN[k] for k in GOLDEN.files if k.startswith(prefix)}
    assert sorted(arrays) == sorted(expected)
    for key, value in expected.items():
        numpy.testing.assert_allclose(arrays[key], value, rtol=1e-6, err_msg=key)
    numpy.testing.assert_allclose(y.array, GOLDEN[name + '/y'], rtol=1e-5, atol=1e-6)


def test_maxout_initial_bias_none_means_no_bias(tmp_path):
    numpy.random.seed(0)
    link = L.Maxout(3, 2, 3, initial_bias=None)
    assert numpy.random.normal() == GOLDEN['maxout_nobias/next']
    assert [path for path, _ in link.namedparams()] == ['/linear/W']
    assert link.linear.b is None
    check_against_golden('maxout_nobias', link, link(GOLDEN['maxout_nobias/x0']), tmp_path)


def test_simplified_dropconnect_keeps_first_mask_as_persistent(tmp_path):
    numpy.random.seed(0)
    link = L.SimplifiedDropconnect(3, 2)
    assert numpy.random.normal() == GOLDEN['sdc_mask/next']
    assert 'mask' not in link._persistent
    x = GOLDEN['sdc_mask/x0']
    mask0, mask1 = GOLDEN['sdc_mask/mask0'], GOLDEN['sdc_mask/mask1']
    link(x, mask=mask0)
    assert link.mask is mask0
    y = link(x, mask=mask1)  # used, not kept
    assert link.mask is mask0
    check_against_golden('sdc_mask', link, y, tmp_path)


def test_binary_hierarchical_softmax_dtype_is_the_codes_dtype(tmp_path):
    # Chainer: dtype=float64 keeps W float32 and gives a float64 loss of float32 x.
    numpy.random.seed(0)
    link = L.BinaryHierarchicalSoftmax(3, (((0, 3), 1), (2, 4)), dtype=numpy.float64)
    assert numpy.random.normal() == GOLDEN['bhs_float64/next']
    assert link.W.dtype == numpy.float32
    x = chainlite.Variable(GOLDEN['bhs_float64/x0'])
    y = link(x, GOLDEN['bhs_float64/t'])
    assert y.dtype == numpy.float64
    check_against_golden('bhs_float64', link, y, tmp_path)
    y.backward()
    assert x.grad.dtype == numpy.float32
    numpy.testing.assert_allclose(x.grad, GOLDEN['bhs_float64/gx0'], rtol=1e-5, atol=1e-6)
    numpy.testing.assert_allclose(link.W.grad, GOLDEN['bhs_float64/grad/W'], rtol=1e-5,
                                  atol=1e-6)


def test_simplified_dropconnect_without_mask_keeps_none():
    link = L.SimplifiedDropconnect(3, 2)
    link(numpy.ones((2, 3), numpy.float32))
    assert 'mask' not in link._persistent


@pytest.mark.parametrize('make, message', [
    (lambda: L.ConvolutionND(2, 2, 3, (1, 2, 3)),
     r'ConvolutionND: ksize must be an int or a sequence of 2 ints, got \(1, 2, 3\)'),
    (lambda: L.ConvolutionND(2, 2, 3, 1, dilate=(1, 2, 3)),
     r'ConvolutionND: dilate must be an int or a sequence of 2 ints'),
    (lambda: L.DeconvolutionND(3, 2, 3, (1, 2)),
     r'DeconvolutionND: ksize must be an int or a sequence of 3 ints'),
    (lambda: L.Convolution2D(2, 3, (1, 2, 3)), r'Convolution2D: ksize must be'),
    (lambda: L.Deconvolution2D(2, 3, (1,)), r'Deconvolution2D: ksize must be'),
    (lambda: L.Convolution1D(2, 3, (1, 2)), r'Convolution1D: ksize must be'),
])
def test_convolution_ksize_and_dilate_of_wrong_length(make, message):
    # Chainer raises a bare AssertionError (Convolution2D: an unpacking ValueError).
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize('link, shape, message', [
    (lambda: L.Convolution1D(2, 3, 1), (1, 2, 3, 3),
     r'Convolution1D at /: expected an input of 3 axes \(N, C and 1 spatial\), '
     r'got shape \(1, 2, 3, 3\)'),
    (lambda: L.Convolution1D(None, 3, 1), (1, 2, 3, 3), 'Convolution1D at /: expected an input'),
    (lambda: L.Convolution2D(None, 3, 1), (1, 2, 3), 'Convolution2D at /: expected an input of 4'),
    (lambda: L.Deconvolution3D(2, 3, 1), (1, 2, 3, 3), 'Deconvolution3D at /: expected'),
])
def test_convolution_input_of_wrong_rank(link, shape, message):
    # Chainer: a bare AssertionError for the N-d links, an InvalidType for the 2-d ones.
    with pytest.raises(type_check.InvalidType, match=message):
        link()(numpy.ones(shape, numpy.float32))


def test_group_normalization_lazy_on_1d_input():
    # Chainer: ValueError('Input dimension must be at least 2, ...'); was an IndexError.
    with pytest.raises(ValueError, match=r'GroupNormalization at /: x must be \(N, C, \.\.\.\)'):
        L.GroupNormalization(1)(numpy.ones(4, numpy.float32))


def test_parameter_link_needs_an_array():
    with pytest.raises(TypeError, match='Parameter: array must be a NumPy or CuPy array, got int'):
        L.Parameter(3)
