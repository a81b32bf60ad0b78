"""Array backends: NumPy on the CPU, CuPy on NVIDIA GPUs.

Every array operation in chainlite goes through the array module of its
inputs (``xp``), so one piece of code serves both backends.

>>> import numpy
>>> from chainlite import backend
>>> backend.get_array_module(numpy.zeros(3)) is numpy
True
>>> backend.get_device('@numpy')
<CpuDevice (numpy)>
"""
import numpy

try:
    import cupy
except ImportError:  # CuPy is optional; the CPU needs nothing more than NumPy
    cupy = None

_CUPY_MISSING = ('CuPy is not installed, so GPU arrays are not available. '
                 "Install it with: pip install 'chainlite[cuda12]' "
                 "(or 'chainlite[cuda13]' for CUDA 13).")


def _require_cupy():
    if cupy is None:
        raise RuntimeError(_CUPY_MISSING)
    return cupy


def is_gpu_array(a):
    return cupy is not None and isinstance(a, cupy.ndarray)


def get_array_module(*args):
    """Returns ``cupy`` if any argument is a CuPy array (or holds one), else ``numpy``."""
    if cupy is not None:
        for a in args:
            a = getattr(a, 'array', a)
            if isinstance(a, cupy.ndarray):
                return cupy
    return numpy


class Device:
    """A place arrays live on; compares equal by location."""

    xp = numpy
    supported_array_types = (numpy.ndarray,)

    def send(self, arrays):
        """Sends an array, or a list/tuple/dict of arrays, to this device."""
        return _convert(arrays, self.send_array)

    def send_array(self, array):
        raise NotImplementedError

    def is_array_supported(self, array):
        """True when ``array`` lives on this device."""
        return isinstance(array, self.supported_array_types)

    def create_context(self):
        """A context manager making this device current (nothing to do on the CPU)."""
        return self

    def __eq__(self, other):
        return type(self) is type(other) and self._key() == other._key()

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((type(self), self._key()))

    def _key(self):
        return ()

    def use(self):
        """Makes this device current (a no-op on the CPU)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class CpuDevice(Device):
    """The host, where NumPy arrays live."""

    name = '@numpy'
    xp = numpy

    def send_array(self, array):
        if array is None or isinstance(array, numpy.ndarray):
            return array
        if is_gpu_array(array):
            return array.get()
        return numpy.asarray(array)

    @staticmethod
    def from_array(array):
        """The CPU for a NumPy array, else None."""
        return CPU if isinstance(array, numpy.ndarray) else None

    def __repr__(self):
        return '<CpuDevice (numpy)>'

    def __str__(self):
        return '@numpy'


class GpuDevice(Device):
    """An NVIDIA GPU, where CuPy arrays live (``device``: a ``cupy.cuda.Device`` or its id)."""

    def __init__(self, device):
        self.device_id = device if isinstance(device, int) else device.id

    @property
    def name(self):
        return '@cupy:%d' % self.device_id

    @staticmethod
    def from_device_id(device_id):
        return GpuDevice(device_id)

    @staticmethod
    def from_array(array):
        """The GPU a CuPy array lives on, else None."""
        return GpuDevice(array.device.id) if is_gpu_array(array) else None

    @property
    def xp(self):
        return _require_cupy()

    @property
    def supported_array_types(self):
        return (_require_cupy().ndarray,)

    @property
    def device(self):
        return _require_cupy().cuda.Device(self.device_id)

    def _key(self):
        return (self.device_id,)

    def send_array(self, array):
        cp = _require_cupy()
        if array is None:
            return None
        with cp.cuda.Device(self.device_id):
            if isinstance(array, cp.ndarray) and array.device.id == self.device_id:
                return array
            return cp.asarray(array)

    def create_context(self):
        return self.device

    def use(self):
        self.device.use()

    def __enter__(self):
        self._ctx = self.device
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)
        return False

    def __repr__(self):
        return '<GpuDevice (cupy):%d>' % self.device_id

    def __str__(self):
        return self.name


CPU = CpuDevice()


def get_device(device_spec):
    """Returns a Device from any of Chainer's device specifiers.

    Accepts a Device, ``'@numpy'``, ``'@cupy:N'``, ``'@cupy'``, an int GPU id or
    its string (``-1``, ``'-1'`` or any negative id is the CPU), ``None`` (the
    CPU), ``numpy``/``cupy`` modules, and ``cupy.cuda.Device`` objects.
    ``'@intel64'`` (iDeep) means the CPU. A GPU specifier without CuPy raises
    RuntimeError saying how to install it, as Chainer does.
    """
    if isinstance(device_spec, Device):
        return device_spec
    if device_spec is None or device_spec is numpy:
        return CPU
    if isinstance(device_spec, str):
        device_spec = _parse_device_string(device_spec)
    if isinstance(device_spec, (int, numpy.integer)) and not isinstance(device_spec, bool):
        if device_spec < 0:
            return CPU
        _require_cupy()
        return GpuDevice(int(device_spec))
    if cupy is not None:
        if device_spec is cupy:
            return GpuDevice(cupy.cuda.Device().id)
        if isinstance(device_spec, cupy.cuda.Device):
            return GpuDevice(device_spec.id)
    if isinstance(device_spec, Device):
        return device_spec
    raise TypeError('get_device: invalid device specifier %r' % (device_spec,))


def _parse_device_string(spec):
    """Turns a string specifier into a Device or an int GPU id."""
    if spec in ('@numpy', '@intel64'):
        return CPU
    if spec == '@cupy':
        return 0
    if spec.startswith('@cupy:') and spec[6:].isdigit():
        return int(spec[6:])
    try:
        return int(spec)
    except ValueError:
        pass
    if spec.startswith('native') or spec.startswith('cuda') or spec == '@chainerx':
        raise RuntimeError('get_device: ChainerX devices (%r) are not provided by chainlite; '
                           "use '@numpy' or '@cupy:N'" % (spec,))
    raise ValueError("get_device: invalid device specifier %r "
                     "(expected '@numpy', '@cupy:N', an int or a Device)" % (spec,))


def get_device_from_array(array):
    """Returns the Device an array lives on (the CPU for anything not on a GPU)."""
    array = getattr(array, 'array', array)
    if is_gpu_array(array):
        return GpuDevice(array.device.id)
    return CPU


def _convert(array, fn):
    if isinstance(array, (list, tuple)):
        return type(array)(_convert(a, fn) for a in array)
    if isinstance(array, dict):
        return {k: _convert(v, fn) for k, v in array.items()}
    return fn(array)


def to_device(device_spec, array):
    """Sends an array, or a list/tuple/dict of arrays, to a device."""
    return get_device(device_spec).send(array)


def copyto(dst, src):
    """Copies ``src`` into ``dst`` across devices, as ``numpy.copyto``."""
    dst_xp = get_array_module(dst)
    if dst_xp is numpy:
        numpy.copyto(dst, CPU.send(src))
    else:
        with cupy.cuda.Device(dst.device.id):
            cupy.copyto(dst, cupy.asarray(src))


def check_same_device(func_name, arrays):
    """Raises a clear error when NumPy and CuPy arrays are mixed in one call."""
    if cupy is None:
        return
    devices = {get_device_from_array(a) for a in arrays if a is not None}
    if len(devices) > 1:
        raise TypeError('%s: inputs are on different devices: %s'
                        % (func_name, ', '.join(sorted(str(d) for d in devices))))
