"""chainlite.functions against Chainer 7.8.1 for the spatial, pooling and array functions of a
differential probe (goldens: tools/goldens/parity_spatial_probe.py): values, dtypes, shapes
and input gradients, and the exception class of bad calls."""
import pickle

import numpy
import pytest

import chainlite
from chainlite import gradient_check
from chainlite.utils import type_check
import golden_scripts

F = chainlite.functions
G = golden_scripts.script('parity_spatial_probe')
DATA = golden_scripts.data('parity_spatial_probe')

_TOLERANCE = {numpy.float16: 2e-3, numpy.float32: 1e-6, numpy.float64: 1e-12}


def _close(actual, expected, where):
    assert actual.dtype == expected.dtype and actual.shape == expected.shape, where
    if expected.dtype.kind != 'f':
        numpy.testing.assert_array_equal(actual, expected, err_msg=where)
        return
    tol = _TOLERANCE[expected.dtype.type]
    scale = max(1.0, float(numpy.abs(expected).max())) if expected.size else 1.0
    numpy.testing.assert_allclose(actual, expected, rtol=tol, atol=tol * scale, err_msg=where)


@pytest.mark.parametrize('name', sorted(G.CASES))
def test_case_matches_chainer(name):
    xs = G.inputs(name)
    out = G.run(chainlite, name, xs)
    ys = sorted(k for k in out if k.startswith('y/'))
    assert len(ys) == len([k for k in DATA if k.startswith('y/%s/' % name)]), name
    for key in ys:
        _close(out[key], DATA['y/%s/%s' % (name, key[2:])], '%s: %s' % (name, key))
    for i, x in enumerate(xs):
        key = 'gx/%s/%d' % (name, i)
        expected = DATA[key] if key in DATA else numpy.zeros_like(x)
        _close(out.get('gx/%d' % i, numpy.zeros_like(x)), expected, key)


@pytest.mark.parametrize('name', sorted(G.ERRORS))
def test_bad_call_raises_chainers_exception_class(name):
    expected = str(DATA['err/' + name])
    with pytest.raises(Exception) as info:
        G.ERRORS[name](F)
    assert expected in [c.__name__ for c in type(info.value).__mro__], name
    assert str(info.value)  # a message, naming the function


def test_axis_errors_are_numpy_axis_errors_too():
    with pytest.raises(numpy.exceptions.AxisError) as info:
        F.concat([numpy.ones((2, 3))] * 2, 2)
    assert isinstance(info.value, (type_check.InvalidType, IndexError))
    assert str(info.value) == 'concat: axis 2 is out of bounds for array of dimension 2'
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is type(info.value) and str(again) == str(info.value)


@pytest.mark.parametrize('call, message', [
    (lambda x, r, i: F.roi_average_align_2d(x, r, i, 2, 1.0, (1, 0)), 'sampling_ratio'),
    (lambda x, r, i: F.roi_max_align_2d(x, r, i, True, 1.0), 'outsize'),
    (lambda x, r, i: F.roi_max_pooling_2d(x, r, i, (2, 2, 2), 1.0), 'outsize'),
    (lambda x, r, i: F.roi_average_pooling_2d(x, r, i, 2, '1'), 'spatial_scale'),
    (lambda x, r, i: F.roi_pooling_2d(x, numpy.zeros((1, 5), 'f'), 0, 2, 1.0), 'outh, outw'),
])
def test_roi_arguments_are_checked_by_name(call, message):
    x = numpy.ones((1, 2, 4, 4), numpy.float32)
    with pytest.raises(TypeError, match=message):
        call(x, numpy.array([[1, 1, 2, 3]], numpy.float32), numpy.zeros(1, numpy.int32))


def test_roi_align_with_a_sampling_ratio_of_none_on_one_axis_differentiates():
    r = numpy.random.RandomState(3)
    x = r.randn(2, 2, 6, 7)
    rois = numpy.array([[0.5, 1.0, 5.2, 6.1], [1.3, 0.2, 4.4, 3.9]])
    idx = numpy.array([1, 0], numpy.int32)
    gradient_check.check_backward(
        lambda x: F.roi_average_align_2d(x, rois, idx, (2, 3), 0.9, (None, 2)), x,
        r.randn(2, 2, 2, 3), dtype=numpy.float64)


@pytest.mark.parametrize('call', [lambda x: F.crelu(x, axis=5), lambda x: F.softmax(x, axis=-3),
                                  lambda x: F.log_softmax(x, axis=2)])
def test_activation_axis_out_of_range_is_invalid_type_and_axis_error(call):
    # one axis check for array and activation functions: Chainer's InvalidType, NumPy's AxisError
    with pytest.raises(type_check.InvalidType) as info:
        call(numpy.ones((2, 3), numpy.float32))
    assert isinstance(info.value, numpy.exceptions.AxisError)
