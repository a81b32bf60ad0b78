import numpy
import pytest

from chainlite import backend
from chainlite.backends import cuda


def test_get_array_module():
    assert backend.get_array_module(numpy.ones(1)) is numpy
    assert backend.get_array_module(1, None) is numpy


@pytest.mark.parametrize('spec', ['@numpy', -1, '-1', None, numpy, backend.CPU, '@intel64'])
def test_cpu_specs(spec):
    assert backend.get_device(spec) == backend.CpuDevice()


def test_gpu_devices_compare_by_id():
    assert backend.GpuDevice(1) != backend.GpuDevice(0)
    assert backend.GpuDevice(2) == backend.GpuDevice(2)
    assert str(backend.GpuDevice(3)) == '@cupy:3'


@pytest.mark.skipif(backend.cupy is not None, reason='CuPy is installed')
@pytest.mark.parametrize('spec', ['@cupy:1', '@cupy', 2, '0'])
def test_gpu_specs_without_cupy_raise_like_chainer(spec):
    with pytest.raises(RuntimeError, match='CuPy is not installed'):
        backend.get_device(spec)


@pytest.mark.gpu
def test_gpu_specs_with_cupy():
    assert backend.get_device('@cupy:0') == backend.GpuDevice(0)
    assert backend.get_device('0') == backend.GpuDevice(0)


@pytest.mark.parametrize('spec', ['@torch', '@cupy:x', 'cpu'])
def test_bad_spec(spec):
    with pytest.raises(ValueError, match='get_device'):
        backend.get_device(spec)


@pytest.mark.parametrize('spec', ['native', 'native:0', 'cuda:0', '@chainerx'])
def test_chainerx_specs_are_not_provided(spec):
    with pytest.raises(RuntimeError, match='ChainerX'):
        backend.get_device(spec)


def test_to_device_nested_and_copyto():
    data = {'a': [numpy.ones(2)], 'b': (numpy.zeros(1),)}
    out = backend.to_device('@numpy', data)
    assert out['a'][0] is data['a'][0]
    dst = numpy.zeros(3)
    backend.copyto(dst, numpy.arange(3.0))
    numpy.testing.assert_array_equal(dst, [0, 1, 2])


@pytest.mark.skipif(backend.cupy is not None, reason='CuPy is installed')
def test_gpu_calls_without_cupy_say_how_to_install():
    assert cuda.available is False and cuda.cupy is None
    with pytest.raises(RuntimeError, match=r'CuPy is not installed.*pip install'):
        cuda.to_gpu(numpy.ones(2))
    with pytest.raises(RuntimeError, match='CuPy is not installed'):
        backend.GpuDevice(0).send(numpy.ones(2))
    with pytest.raises(RuntimeError, match='CuPy is not installed'):
        cuda.get_device_from_id(0)


def test_cuda_cpu_helpers():
    a = numpy.arange(3.0)
    assert cuda.to_cpu(a) is a
    assert cuda.get_array_module(a) is numpy
    with cuda.get_device_from_array(a):
        pass


@pytest.mark.gpu
def test_gpu_round_trip_and_mixing_error():
    import cupy
    import chainlite.functions as F
    g = cuda.to_gpu(numpy.arange(3.0))
    assert isinstance(g, cupy.ndarray)
    assert backend.get_device_from_array(g) == backend.GpuDevice(0)
    numpy.testing.assert_array_equal(cuda.to_cpu(g), [0, 1, 2])
    with pytest.raises(TypeError, match=r'@cupy:0.*@numpy|@numpy.*@cupy:0'):
        F.add(g, numpy.ones(3))


def test_cuda_helpers_for_old_code_work_on_the_cpu():
    calls = []

    @cuda.memoize()
    def square(x):
        calls.append(x)
        return x * x

    assert square(3) == 9 and square(3) == 9 and calls == [3]
    cuda.clear_memo()

    @cuda.fuse()
    def add(x, y):
        return x + y

    assert add(1, 2) == 3 and cuda.fuse(lambda x: -x)(2) == -2
    assert isinstance(cuda.DummyDevice, cuda.DummyDeviceType)
    assert cuda.GpuDevice is backend.GpuDevice


def test_debug_mode_context():
    import chainlite
    with chainlite.DebugMode(True):
        assert chainlite.is_debug()
    assert not chainlite.is_debug()
    assert chainlite.config.warn_nondeterministic is False


def test_deprecated_cuda_get_device_warns_and_needs_cuda_as_in_chainer():
    from chainlite.backends import cuda
    with pytest.warns(DeprecationWarning, match='get_device is deprecated'):
        if cuda.available:
            assert cuda.get_device(-1) is cuda.DummyDevice
            assert cuda.get_device(0).id == 0
        else:  # Chainer 7.8.1 without CUDA raises here too, even for -1
            with pytest.raises(RuntimeError):
                cuda.get_device(-1)
