"""Chainer's ``chainer.backends`` package, for old code."""
from chainlite.backends import cuda  # NOQA
from chainlite.backend import CpuDevice, GpuDevice, get_device, get_device_from_array  # NOQA
from chainlite.backend import get_array_module, to_device, copyto  # NOQA
