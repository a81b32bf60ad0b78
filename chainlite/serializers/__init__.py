"""Saving and loading models, optimizers, iterators and trainers (npz and HDF5).

>>> from chainlite import serializers
>>> callable(serializers.save_npz), callable(serializers.load_npz)
(True, True)
"""
from chainlite.serializers._base import LoadError  # NOQA
from chainlite.serializers.hdf5 import (  # NOQA
    HDF5Deserializer, HDF5Serializer, load_hdf5, save_hdf5)
from chainlite.serializers.npz import (  # NOQA
    DictionarySerializer, NpzDeserializer, load_npz, save_npz)

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.serializers')
