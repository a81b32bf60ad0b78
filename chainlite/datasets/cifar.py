"""CIFAR-10: 32x32 colour images in 10 classes: download, cache, load.

The binary version of the archive is used (fixed-size records, no pickle):
each record is one label byte followed by 3072 pixel bytes (the red, green
and blue 32x32 planes). It is converted once to
``<root>/pfnet/chainer/cifar/cifar-10.npz`` (arrays ``train_x``, ``train_y``,
``test_x``, ``test_y``), the layout Chainer uses for its cache.
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
_RECORD = 1 + 3 * 32 * 32


def _read_records(archive, member):
    f = archive.extractfile(member)
    if f is None:
        raise ValueError('CIFAR-10 archive: %s is not a regular file' % member)
    data = numpy.frombuffer(f.read(), numpy.uint8)
    if data.size % _RECORD:
        raise ValueError('CIFAR-10 archive: %s has %d bytes, not a multiple of the %d-byte record'
                         % (member, data.size, _RECORD))
    records = data.reshape(-1, _RECORD)
    return records[:, 1:], records[:, 0]


def _convert(archive_path):
    raw = {}
    with tarfile.open(archive_path, 'r:gz') as archive:
        for split, members in _CIFAR10_MEMBERS.items():
            parts = [_read_records(archive, m) for m in members]
            raw[split + '_x'] = numpy.concatenate([x for x, _ in parts])
            raw[split + '_y'] = numpy.concatenate([y for _, y in parts])
    return raw


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
    _images.check_ndim(ndim, (1, 3), 'CIFAR')
    path = os.path.join(download.get_dataset_directory('pfnet/chainer/cifar'), 'cifar-10.npz')

    def create(tmp_path):
        return _images.save_npz_dict(tmp_path, _convert(download.cached_download(_CIFAR10_URL)))

    raw = download.cache_or_load_file(path, create, _images.load_npz_dict)
    return tuple(_preprocess(raw[split + '_x'], raw[split + '_y'], withlabel, ndim, scale, dtype)
                 for split in ('train', 'test'))


def _preprocess(images, labels, withlabel, ndim, scale, dtype):
    shape = (3, 32, 32) if ndim == 3 else (3072,)
    images = images.reshape((len(images),) + shape)
    return _images.finish(images, labels, withlabel, scale, dtype, numpy.int32, 255.)
