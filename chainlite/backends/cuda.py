"""Chainer's ``chainer.backends.cuda`` (also ``chainer.cuda``) for old code.

>>> from chainlite.backends import cuda
>>> import numpy
>>> cuda.to_cpu(numpy.ones(2)).tolist()
[1.0, 1.0]
"""
import functools
import warnings

from chainlite import backend
from chainlite.backend import cupy, get_array_module, _require_cupy  # NOQA

cudnn_enabled = False


def _detect():
    if cupy is None:
        return False
    try:
        return cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:  # CuPy present but no driver or device
        return False


available = _detect()
ndarray = cupy.ndarray if cupy is not None else None


def check_cuda_available():
    if not available:
        _require_cupy()
        raise RuntimeError('CuPy is installed but no CUDA device is available.')


def get_device_from_id(device_id):
    """Returns ``cupy.cuda.Device(device_id)``."""
    check_cuda_available()
    return cupy.cuda.Device(device_id if device_id is not None else 0)


def get_device(*args):
    """Deprecated since Chainer 3 (use :func:`get_device_from_id` or
    :func:`get_device_from_array`): the device of the first argument that names one, an
    int id (negative: :data:`DummyDevice`) or a CuPy array; needs CUDA, as in Chainer."""
    warnings.warn('get_device is deprecated. Please use get_device_from_id or '
                  'get_device_from_array instead.', DeprecationWarning, stacklevel=2)
    check_cuda_available()
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool):
            return get_device_from_id(arg) if arg >= 0 else DummyDevice
        if backend.is_gpu_array(arg):
            return arg.device
    return DummyDevice


def get_device_from_array(*arrays):
    for a in arrays:
        if backend.is_gpu_array(a):
            return a.device
    return DummyDevice


class _DummyDevice:
    id = -1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def use(self):
        pass

    def synchronize(self):
        pass

    def __int__(self):
        return -1


DummyDeviceType = _DummyDevice
DummyDevice = _DummyDevice()
GpuDevice = backend.GpuDevice


def memoize(for_each_device=False):
    """Caches a function's results by its arguments (``cupy.memoize`` when CuPy is present)."""
    if cupy is not None:
        return cupy.memoize(for_each_device)
    return functools.lru_cache(maxsize=None)


def clear_memo():
    """Clears the caches made by ``memoize``."""
    if cupy is not None:
        cupy.clear_memo()


def fuse(*args, **kwargs):
    """``cupy.fuse`` when CuPy is present; otherwise the function itself (it runs on NumPy)."""
    if cupy is not None:
        return cupy.fuse(*args, **kwargs)
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


def to_gpu(array, device=None, stream=None):
    """Copies an array (or list/tuple/dict of arrays) to a GPU."""
    _require_cupy()
    dev = backend.GpuDevice(device if isinstance(device, int) else
                            (device.id if device is not None else cupy.cuda.Device().id))
    return backend.to_device(dev, array)


def to_cpu(array, stream=None):
    """Copies an array (or list/tuple/dict of arrays) to the host."""
    return backend.to_device(backend.CPU, array)


def copy(array, out=None, out_device=None, stream=None):
    xp = get_array_module(array)
    if out is None:
        return xp.array(array, copy=True)
    backend.copyto(out, array)
    return out


def elementwise(in_params, out_params, operation, name, **kwargs):
    """``cupy.ElementwiseKernel``, for old code that builds GPU kernels."""
    return _require_cupy().ElementwiseKernel(in_params, out_params, operation, name, **kwargs)


def reduce(in_params, out_params, map_expr, reduce_expr, post_map_expr,
           identity, name, **kwargs):
    """``cupy.ReductionKernel``, for old code that builds GPU kernels."""
    return _require_cupy().ReductionKernel(in_params, out_params, map_expr, reduce_expr,
                                           post_map_expr, identity, name, **kwargs)


__all__ = ['available', 'cupy', 'to_gpu', 'to_cpu', 'get_device_from_id',
           'get_array_module', 'check_cuda_available', 'DummyDevice', 'copy', 'get_device',
           'elementwise', 'reduce', 'get_device_from_array', 'DummyDeviceType', 'GpuDevice',
           'memoize', 'clear_memo', 'fuse']
