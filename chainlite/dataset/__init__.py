"""Dataset abstractions: examples, batches, converters, iterators, downloads.

>>> import numpy
>>> from chainlite import dataset
>>> x, t = dataset.concat_examples([(numpy.ones(2), 0), (numpy.zeros(2), 1)])
>>> x.shape, t.tolist()
((2, 2), [0, 1])
"""
from chainlite.dataset.convert import (  # NOQA
    ConcatWithAsyncTransfer, Converter, concat_examples, converter, to_device)
from chainlite.dataset.dataset_mixin import DatasetMixin  # NOQA
from chainlite.dataset.download import (  # NOQA
    cache_or_load_file, cached_download, get_dataset_directory, get_dataset_root, set_dataset_root)
from chainlite.dataset.iterator import Iterator  # NOQA
from chainlite.dataset import tabular  # NOQA
from chainlite.dataset.tabular import TabularDataset  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.dataset')
