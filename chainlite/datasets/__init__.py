"""Datasets: containers, splitting, transforms, and the standard image sets.

>>> from chainlite import datasets
>>> train, test = datasets.get_digits()
>>> x, t = train[0]
>>> x.shape, x.dtype, int(t)
((64,), dtype('float32'), 0)
"""
from chainlite.datasets.cifar import get_cifar10, get_cifar100  # NOQA
from chainlite.datasets.concatenated_dataset import ConcatenatedDataset  # NOQA
from chainlite.datasets.dict_dataset import DictDataset  # NOQA
from chainlite.datasets.digits import get_digits  # NOQA
from chainlite.datasets.fashion_mnist import get_fashion_mnist, get_fashion_mnist_labels  # NOQA
from chainlite.datasets.image_dataset import (  # NOQA
    ImageDataset, LabeledImageDataset, LabeledZippedImageDataset, MultiZippedImageDataset,
    ZippedImageDataset)
from chainlite.datasets.kuzushiji_mnist import (  # NOQA
    get_kuzushiji_mnist, get_kuzushiji_mnist_labels)
from chainlite.datasets.mnist import get_mnist  # NOQA
from chainlite.datasets import pickle_dataset  # NOQA
from chainlite.datasets.pickle_dataset import (  # NOQA
    PickleDataset, PickleDatasetWriter, open_pickle_dataset, open_pickle_dataset_writer)
from chainlite.datasets.ptb import get_ptb_words, get_ptb_words_vocabulary  # NOQA
from chainlite.datasets.sub_dataset import (  # NOQA
    SubDataset, get_cross_validation_datasets, get_cross_validation_datasets_random,
    split_dataset, split_dataset_n, split_dataset_n_random, split_dataset_random)
from chainlite.datasets.svhn import get_svhn  # NOQA
from chainlite.datasets.text_dataset import TextDataset  # NOQA
from chainlite.datasets.transform_dataset import TransformDataset  # NOQA
from chainlite.datasets.tuple_dataset import TupleDataset  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.datasets')
