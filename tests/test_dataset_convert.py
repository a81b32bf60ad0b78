"""concat_examples, the converter decorator and to_device (behaviour measured on Chainer 7.8.1)."""
import numpy
import pytest

from chainlite import backend
from chainlite.dataset import Converter, concat_examples, converter, to_device


def test_tuples_give_a_tuple_of_stacked_arrays_keeping_dtypes():
    batch = [(numpy.ones(2, numpy.float32), numpy.int32(1)),
             (numpy.zeros(2, numpy.float32), numpy.int32(0))]
    x, t = concat_examples(batch)
    assert x.dtype == numpy.float32 and x.shape == (2, 2)
    numpy.testing.assert_array_equal(x, [[1, 1], [0, 0]])
    assert t.dtype == numpy.int32 and t.tolist() == [1, 0]


def test_arrays_scalars_lists_and_dicts():
    assert concat_examples([numpy.ones(3), numpy.zeros(3)]).shape == (2, 3)
    scalars = concat_examples([1, 2, 3])
    assert scalars.tolist() == [1, 2, 3] and scalars.dtype.kind == 'i'
    assert concat_examples([[1, 2], [3, 4]]).tolist() == [[1, 2], [3, 4]]
    d = concat_examples([{'x': numpy.ones(2), 'y': 1}, {'x': numpy.zeros(2), 'y': 2}])
    assert set(d) == {'x', 'y'}
    assert d['x'].shape == (2, 2) and d['y'].tolist() == [1, 2]


def test_padding_scalar_per_position_and_per_key():
    x, y = concat_examples([(numpy.ones(2), numpy.ones(3)), (numpy.ones(4), numpy.ones(1))],
                           padding=-1)
    numpy.testing.assert_array_equal(x, [[1, 1, -1, -1], [1, 1, 1, 1]])
    numpy.testing.assert_array_equal(y, [[1, 1, 1], [1, -1, -1]])
    a, b = concat_examples([(numpy.ones((2, 2)), numpy.ones(3)),
                            (numpy.ones((1, 3)), numpy.ones(1))], padding=(0, 9))
    assert a.shape == (2, 2, 3)
    numpy.testing.assert_array_equal(a[1], [[1, 1, 1], [0, 0, 0]])
    numpy.testing.assert_array_equal(b, [[1, 1, 1], [1, 9, 9]])
    d = concat_examples([{'a': numpy.ones(2)}, {'a': numpy.ones(4)}], padding={'a': 7})
    numpy.testing.assert_array_equal(d['a'], [[1, 1, 7, 7], [1, 1, 1, 1]])
    assert concat_examples([[1, 2], [3]], padding=0).tolist() == [[1, 2], [3, 0]]
    ints = concat_examples([numpy.ones(2, numpy.int32), numpy.ones(4, numpy.int32)], padding=5)
    assert ints.dtype == numpy.int32 and ints.tolist() == [[1, 1, 5, 5], [1, 1, 1, 1]]


@pytest.mark.parametrize('batch, padding, match', [
    ([], None, 'batch is empty'),
    ([(1, 2), (3,)], None, 'lacks field 1'),
    ([numpy.ones(2), numpy.ones(3)], None, r'different shapes \[\(2,\), \(3,\)\]'),
    ([numpy.ones(2), numpy.ones((1, 2))], None, 'different ndim'),
    ([[1, 2], [3]], None, r'different shapes \[\(1,\), \(2,\)\]'),
    ([{'a': numpy.ones(2)}, {'a': numpy.ones(3)}], (1, 2), 'padding'),
    ([(numpy.ones(2), numpy.ones(2))], (1, 2, 3), 'padding'),
    ([{'a': numpy.ones(2)}], {'b': 0}, 'padding keys'),
])
def test_bad_batches_raise_clear_value_errors(batch, padding, match):
    with pytest.raises(ValueError, match=match):
        concat_examples(batch, padding=padding)


def test_device_transfer_to_cpu():
    out = concat_examples([numpy.ones(2)], device=-1)
    assert isinstance(out, numpy.ndarray) and out.shape == (1, 2)
    assert concat_examples([numpy.ones(2)], '@numpy').shape == (1, 2)


def test_to_device():
    a = numpy.arange(3)
    assert to_device(None, a) is a
    assert to_device(-1, a) is a
    assert to_device(None, 3) == 3
    assert isinstance(to_device('@numpy', 3), numpy.ndarray)
    out = to_device(-1, [1, 2])
    assert isinstance(out, list) and all(isinstance(v, numpy.ndarray) for v in out)


def test_converter_decorator_passes_a_device_object_or_none():
    seen = []

    @converter()
    def conv(batch, device=None, extra=0):
        seen.append((device, extra))
        return batch

    assert isinstance(conv, Converter) and isinstance(concat_examples, Converter)
    conv([1])
    conv([1], None)
    conv([1], -1)
    conv([1], device='@numpy', extra=3)
    assert seen[0] == (None, 0) and seen[1] == (None, 0)
    assert seen[2] == (backend.CpuDevice(), 0) and isinstance(seen[2][0], backend.CpuDevice)
    assert seen[3] == (backend.CpuDevice(), 3)
    with pytest.raises(ValueError, match='invalid device'):
        conv([1], 'bad')
    with pytest.raises(TypeError, match='callable'):
        converter()(3)


def test_converter_base_class_requires_call():
    class Mine(Converter):
        def __call__(self, batch, device=None):
            return len(batch), device

    assert Mine()([1, 2]) == (2, None)
    with pytest.raises(NotImplementedError):
        Converter()([1], None)
