"""Round-trip a serializable object through a file (``chainer.testing.serializer``).

>>> import numpy, chainlite
>>> src, dst = chainlite.links.Linear(2, 3), chainlite.links.Linear(2, 3)
>>> save_and_load_npz(src, dst)
>>> bool((src.W.array == dst.W.array).all())
True
"""
import os

from chainlite.utils._compat import tempdir


def save_and_load(src, dst, filename, saver, loader):
    """Saves ``src`` to ``filename`` with ``saver(filename, src)`` and loads it into
    ``dst`` with ``loader(filename, dst)``."""
    saver(filename, src)
    loader(filename, dst)


def save_and_load_npz(src, dst):
    """``save_and_load`` through a temporary NPZ file."""
    from chainlite import serializers
    with tempdir() as path:
        save_and_load(src, dst, os.path.join(path, 'tmp.npz'),
                      serializers.save_npz, serializers.load_npz)


def save_and_load_hdf5(src, dst):
    """``save_and_load`` through a temporary HDF5 file (needs h5py)."""
    from chainlite import serializers
    with tempdir() as path:
        save_and_load(src, dst, os.path.join(path, 'tmp.h5'),
                      serializers.save_hdf5, serializers.load_hdf5)
