"""Saving and loading objects as NumPy npz files, with Chainer's key layout.

Keys are slash-separated paths (``predictor/l1/W``,
``updater/optimizer:main/...``), so files move both ways between Chainer
7.8.1 and chainlite. Loading never unpickles, and is all or nothing.

>>> import os, tempfile, numpy, chainlite
>>> class Model(chainlite.Chain):
...     def __init__(self):
...         super().__init__()
...         with self.init_scope():
...             self.w = chainlite.Parameter(numpy.arange(3.0))
>>> path = os.path.join(tempfile.mkdtemp(), 'model.npz')
>>> save_npz(path, Model())
>>> fresh = Model()
>>> fresh.w.array[...] = 0
>>> load_npz(path, fresh)
>>> fresh.w.array.tolist()
[0.0, 1.0, 2.0]
"""
import os
import pickle
import zipfile

import numpy

from chainlite import backend
from chainlite import serializer as serializer_module
from chainlite.serializers import _base


class DictionarySerializer(serializer_module.Serializer):
    """Saves values into a flat dict ``{'path/to/key': numpy array}`` (``self.target``).

    GPU arrays are copied to the host; scalars become 0-dim arrays. Values are
    not copied otherwise, so save the dict before changing the object.

    >>> s = DictionarySerializer()
    >>> s['layer']('W', numpy.ones(2))
    array([1., 1.])
    >>> s.target
    {'layer/W': array([1., 1.])}
    """

    def __init__(self, target=None, path=''):
        self.target = {} if target is None else target
        self.path = path

    def __getitem__(self, key):
        return DictionarySerializer(self.target, self.path + key.strip('/') + '/')

    def __call__(self, key, value):
        self.target[self.path + key.lstrip('/')] = numpy.asarray(backend.CPU.send(value))
        return value


class NpzDeserializer(_base.KeyedDeserializer):
    """Loads values from an npz file (``numpy.load``'s result) or any dict of arrays.

    Args:
        npz: the mapping from keys to arrays.
        path (str): prefix of every key read (e.g. ``'updater/model:main/'``
            to load a model out of a trainer snapshot).
        strict (bool): a missing key is an error; with False it is skipped.
        ignore_names: a key, a callable ``f(key) -> bool``, or a list of them:
            keys (with ``path``) to skip.

    ``load(obj)`` is all or nothing: on any missing key, shape or dtype
    mismatch, or object array it raises :class:`LoadError` naming every
    offending key and leaves ``obj`` unchanged.
    """

    def __init__(self, npz, path='', strict=True, ignore_names=None):
        super().__init__(path, strict, ignore_names, getattr(npz, 'description', 'the npz data'))
        self.npz = npz

    def _has(self, key):
        return key in self.npz

    def _read(self, key):
        return numpy.asarray(self.npz[key])


class _NoneOnlyUnpickler(pickle.Unpickler):
    """Unpickles only what NumPy writes for a 0-d object array: no other class is
    found, so no code from the file can run."""

    _ALLOWED = {('numpy.core.multiarray', '_reconstruct'),
                ('numpy._core.multiarray', '_reconstruct'),
                ('numpy', 'ndarray'), ('numpy', 'dtype')}

    def find_class(self, module, name):
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError('%s.%s is not allowed' % (module, name))
        return super().find_class(module, name)


def _read_saved_none(f, shape):
    """The payload of an object member if it is how Chainer saves None (an
    uninitialized parameter, an unshuffled iterator's order), else None."""
    if shape != ():
        return None
    try:
        array = _NoneOnlyUnpickler(f).load()
    except Exception:
        return None
    if isinstance(array, numpy.ndarray) and _base.is_saved_none(array):
        return array
    return None


class _NpzArchive:
    """Reads an npz (zip) file member by member, never unpickling Python objects.

    Every member's header is checked when the file is opened, so a truncated
    or corrupt file is refused at once. Arrays are read on first use and kept
    for the second pass of a checked load. A member holding an object array
    is refused unless it is Chainer's saved None (read with an unpickler that
    finds no class but NumPy's array reconstruction).
    """

    def __init__(self, file, where):
        self.description = where
        # A file that cannot be opened raises OSError (FileNotFoundError...)
        # as usual; anything wrong with its contents is a ValueError.
        self._own_file = open(file, 'rb') if isinstance(file, (str, os.PathLike)) else None
        try:
            self._zip = zipfile.ZipFile(self._own_file or file)
            self._members = {info.filename[:-4]: info for info in self._zip.infolist()
                             if info.filename.endswith('.npy')}
            headers = {key: self._header(info) for key, info in self._members.items()}
        except Exception as e:
            self.close()
            raise ValueError('%s is not a valid npz file: %s: %s'
                             % (where, type(e).__name__, e)) from None
        self._headers = headers
        self._arrays = {}

    def _header(self, info):
        with self._zip.open(info) as f:
            version = numpy.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = numpy.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, fortran, dtype = numpy.lib.format.read_array_header_2_0(f)
            else:
                raise ValueError('unsupported .npy format version %s in %s'
                                 % (version, info.filename))
            header_size = f.tell()
        nbytes = int(numpy.prod(shape, dtype=numpy.int64)) * dtype.itemsize
        if not dtype.hasobject and header_size + nbytes != info.file_size:
            raise ValueError('%s declares %s %s (%d bytes) but holds %d bytes'
                             % (info.filename, dtype, shape, nbytes, info.file_size - header_size))
        return dtype, shape, fortran, header_size

    def __contains__(self, key):
        return key in self._members

    def __getitem__(self, key):
        if key not in self._arrays:
            dtype, shape, _, header_size = self._headers[key]
            try:
                with self._zip.open(self._members[key]) as f:
                    if dtype.hasobject:
                        f.read(header_size)
                        array = _read_saved_none(f, shape)
                    else:
                        array = numpy.lib.format.read_array(f, allow_pickle=False)
            except Exception as e:
                raise ValueError('%s: member %r is corrupt: %s: %s'
                                 % (self.description, key, type(e).__name__, e)) from None
            if array is None:
                raise ValueError(_base.OBJECT_ARRAY)
            self._arrays[key] = array
        return self._arrays[key]

    @property
    def files(self):
        return list(self._members)

    def close(self):
        if getattr(self, '_zip', None) is not None:
            self._zip.close()
            self._zip = None
        if self._own_file is not None:
            self._own_file.close()
            self._own_file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _describe(file):
    return repr(os.fspath(file)) if isinstance(file, (str, os.PathLike)) else 'the npz file'


def save_npz(file, obj, compression=True):
    """Saves ``obj``'s state (``obj.serialize``) to an npz file, atomically.

    ``obj`` may also be a dict ``{'path/to/key': array}``, saved key by key.
    ``file`` is a path or a writable binary file object. A path is written
    to a temporary file in the same directory, fsync'ed, and moved into
    place, so an interrupted save leaves the previous file intact. No Python
    object is pickled; None (an uninitialized parameter) is saved as Chainer
    saves it, a 0-d object array that loads back without unpickling.
    """
    obj = _base.savable(obj, 'save_npz')
    s = DictionarySerializer()
    s.save(obj)
    _base.check_savable(s.target, 'save_npz')
    savez = numpy.savez_compressed if compression else numpy.savez

    def write(path_or_file):
        if isinstance(path_or_file, str):
            with open(path_or_file, 'wb') as f:
                savez(f, **s.target)
        else:
            savez(path_or_file, **s.target)

    if isinstance(file, (str, os.PathLike)):
        _base.write_atomically(file, write)
    else:
        write(file)


def load_npz(file, obj, path='', strict=True, ignore_names=None):
    """Loads ``obj``'s state from an npz file written by :func:`save_npz` or by Chainer.

    All or nothing: if any key is missing (with ``strict``), has the wrong
    shape or an incompatible dtype, the file is corrupt, or it holds object
    arrays, nothing in ``obj`` changes and the error names every offending
    key. ``path`` and ``ignore_names`` are as in :class:`NpzDeserializer`.
    """
    _base.check_target(obj, 'load_npz')
    with _NpzArchive(file, _describe(file)) as archive:
        NpzDeserializer(archive, path=path, strict=strict, ignore_names=ignore_names).load(obj)
