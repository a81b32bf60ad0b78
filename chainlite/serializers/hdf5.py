"""Saving and loading objects as HDF5 files (needs h5py), with Chainer's layout.

Each key path ``a/b/c`` is a dataset ``c`` in group ``a/b``. None (an
uninitialized parameter) is an empty float32 dataset, as Chainer writes it,
and loads back as None. Loading is all or nothing, as for npz.
"""
import os

import numpy

from chainlite import backend
from chainlite import serializer as serializer_module
from chainlite.serializers import _base

try:
    import h5py
except ImportError:  # optional dependency
    h5py = None


def _require_h5py():
    if h5py is None:
        raise ImportError('HDF5 serialization needs h5py, which is not installed. '
                          'Install it with: pip install h5py')
    return h5py


class HDF5Serializer(serializer_module.Serializer):
    """Saves values as datasets of an h5py group; arrays of more than one element are
    gzip-compressed at level ``compression`` (0-9, None for none)."""

    def __init__(self, group, compression=4):
        _require_h5py()
        self.group = group
        self.compression = compression

    def __getitem__(self, key):
        return HDF5Serializer(self.group.require_group(key.strip('/')), self.compression)

    def __call__(self, key, value):
        array = numpy.asarray(backend.CPU.send(value))
        if array.dtype.hasobject:
            if not _base.is_saved_none(array):
                raise ValueError('HDF5Serializer: cannot save %s/%s: a Python object, not an '
                                 'array' % (self.group.name.rstrip('/'), key.lstrip('/')))
            # None (also as saved in npz, a 0-d object array): Chainer's empty dataset
            self.group.create_dataset(key.lstrip('/'), data=h5py.Empty('f'))
            return value
        if array.dtype.kind == 'U':  # HDF5 has no fixed-width unicode: store UTF-8 text
            self.group.create_dataset(key.lstrip('/'), data=str(array),
                                      dtype=h5py.string_dtype())
            return value
        compression = self.compression if array.size > 1 else None
        self.group.create_dataset(key.lstrip('/'), data=array, compression=compression)
        return value


class HDF5Deserializer(_base.KeyedDeserializer):
    """Loads values from an h5py group; ``load(obj)`` is all or nothing (see NpzDeserializer)."""

    def __init__(self, group, strict=True):
        _require_h5py()
        where = 'HDF5 file %r (group %r)' % (group.file.filename, group.name)
        super().__init__('', strict, None, where)
        self.group = group

    def _has(self, key):
        return key in self.group and isinstance(self.group[key], h5py.Dataset)

    def _read(self, key):
        try:
            dataset = self.group[key]
            if dataset.shape is None:  # an empty dataset: how None is saved
                return numpy.array(None, dtype=object)
            if h5py.check_string_dtype(dataset.dtype) is not None:
                return numpy.asarray(dataset.asstr()[()])
            return numpy.asarray(dataset[()])
        except Exception as e:
            raise ValueError('unreadable: %s: %s' % (type(e).__name__, e)) from None


def save_hdf5(filename, obj, compression=4):
    """Saves ``obj``'s state (or a dict ``{'path/to/key': array}``) to an HDF5 file,
    atomically (temporary file, fsync, rename)."""
    _require_h5py()
    obj = _base.savable(obj, 'save_hdf5')
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError('save_hdf5: filename must be a path, got %s' % type(filename).__name__)

    def write(path):
        with h5py.File(path, 'w') as f:
            HDF5Serializer(f, compression=compression).save(obj)

    _base.write_atomically(filename, write)


def load_hdf5(filename, obj):
    """Loads ``obj``'s state from an HDF5 file; all or nothing, naming every offending key."""
    _require_h5py()
    _base.check_target(obj, 'load_hdf5')
    with open(filename, 'rb'):  # a missing or unreadable file raises OSError as usual
        pass
    try:
        f = h5py.File(filename, 'r')
    except OSError as e:
        raise ValueError('load_hdf5: %r is not a readable HDF5 file: %s' % (filename, e)) from None
    with f:
        HDF5Deserializer(f).load(obj)
