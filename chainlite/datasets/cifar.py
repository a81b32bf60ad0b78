"""CIFAR-10 and CIFAR-100: 32x32 colour images in 10 / 100 classes: download, cache, load.

The binary versions of the archives are used (fixed-size records, no pickle):
each record is the label byte(s) (CIFAR-100: the coarse, then the fine label)
followed by 3072 pixel bytes (the red, green and blue 32x32 planes). They are
converted once to ``<root>/pfnet/chainer/cifar/cifar-10.npz`` / ``cifar-100.npz``
(arrays ``train_x``, ``train_y``, ``test_x``, ``test_y``; CIFAR-100 keeps the fine
labels), the layout Chainer uses for its cache.
"""
import os
import tarfile

import numpy

from chainlite.dataset import download
from chainlite.datasets import _images

_CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz'
_CIFAR10_MEMBERS = {
    'train': ['cifar-10-batches-bin/data_batch_%d.bin' % i for i in range(1, 6)],
    'test': ['cifar-10-batches-bin/test_batch.bin'],
}
_CIFAR100_URL = 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz'
_CIFAR100_MEMBERS = {
    'train': ['cifar-100-binary/train.bin'],
    'test': ['cifar-100-binary/test.bin'],
}
_PIXELS = 3 * 32 * 32


def _read_records(archive, member, n_labels, name):
    """(pixels, labels) of one member; the label is the last of the ``n_labels`` bytes."""
    record = n_labels + _PIXELS
    f = archive.extractfile(member)
    if f is None:
        raise ValueError('%s archive: %s is not a regular file' % (name, member))
    data = numpy.frombuffer(f.read(), numpy.uint8)
    if data.size % record:
        raise ValueError('%s archive: %s has %d bytes, not a multiple of the %d-byte record'
                         % (name, member, data.size, record))
    records = data.reshape(-1, record)
    return records[:, n_labels:], records[:, n_labels - 1]


def _convert(archive_path, members, n_labels, name):
    raw = {}
    with tarfile.open(archive_path, 'r:gz') as archive:
        for split, split_members in members.items():
            parts = [_read_records(archive, m, n_labels, name) for m in split_members]
            raw[split + '_x'] = numpy.concatenate([x for x, _ in parts])
            raw[split + '_y'] = numpy.concatenate([y for _, y in parts])
    return raw


def _get_cifar(name, url, members, n_labels, withlabel, ndim, scale, dtype):
    _images.check_ndim(ndim, (1, 3), 'CIFAR')
    path = os.path.join(download.get_dataset_directory('pfnet/chainer/cifar'),
                        name.lower() + '.npz')

    def create(tmp_path):
        archive = download.cached_download(url)
        return _images.save_npz_dict(tmp_path, _convert(archive, members, n_labels, name))

    raw = download.cache_or_load_file(path, create, _images.load_npz_dict)
    return tuple(_preprocess(raw[split + '_x'], raw[split + '_y'], withlabel, ndim, scale, dtype)
                 for split in ('train', 'test'))


def get_cifar10(withlabel=True, ndim=3, scale=1., dtype=None):
    """Returns the CIFAR-10 ``(train, test)`` sets (50,000 and 10,000 images).

    Each is a :class:`TupleDataset` of ``(image, label)`` with int32 labels,
    or an image array when ``withlabel`` is False. ``ndim`` 3 gives
    ``(3, 32, 32)`` images, 1 gives ``(3072,)``. Pixels are scaled to
    ``[0, scale]`` in ``dtype`` (default ``chainlite.config.dtype`` or float32).

    Usage (downloads about 160 MB on first use)::

        train, test = get_cifar10()
        x, t = train[0]     # x.shape == (3, 32, 32)
    """
    return _get_cifar('CIFAR-10', _CIFAR10_URL, _CIFAR10_MEMBERS, 1, withlabel, ndim, scale,
                      dtype)


def get_cifar100(withlabel=True, ndim=3, scale=1., dtype=None):
    """Returns the CIFAR-100 ``(train, test)`` sets (50,000 and 10,000 images) with the
    100 fine labels; otherwise as :func:`get_cifar10`.

    Usage (downloads about 160 MB on first use)::

        train, test = get_cifar100()
    """
    return _get_cifar('CIFAR-100', _CIFAR100_URL, _CIFAR100_MEMBERS, 2, withlabel, ndim, scale,
                      dtype)


def _preprocess(images, labels, withlabel, ndim, scale, dtype):
    shape = (3, 32, 32) if ndim == 3 else (3072,)
    images = images.reshape((len(images),) + shape)
    return _images.finish(images, labels, withlabel, scale, dtype, numpy.int32, 255.)
