"""MNIST handwritten digits: download, cache, load.

The IDX files are downloaded once into the cache (see
:mod:`chainlite.dataset.download`) and converted to
``<root>/pfnet/chainer/mnist/{train,test}.npz``, the same layout Chainer
uses, so a Chainer cache directory can be reused as
``CHAINLITE_DATASET_ROOT``.
"""
import gzip
import os

import numpy

from chainlite.dataset import download
from chainlite.datasets import _images

_MNIST_BASE = 'https://ossci-datasets.s3.amazonaws.com/mnist/'
IDX_FILES = {
    'train': ('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'),
    'test': ('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'),
}


def _read_idx(path, magic, item_shape):
    """Reads a gzipped IDX file: a big-endian header then unsigned bytes."""
    with gzip.open(path, 'rb') as f:
        data = f.read()
    header_size = 4 * (2 + len(item_shape))
    if len(data) < header_size:
        raise ValueError('%s is not an IDX file: only %d bytes' % (path, len(data)))
    header = numpy.frombuffer(data, '>i4', 2 + len(item_shape))
    if header[0] != magic or tuple(header[2:]) != item_shape:
        raise ValueError('%s: IDX header %s does not match magic %d and item shape %s'
                         % (path, header.tolist(), magic, item_shape))
    n = int(header[1])
    body = numpy.frombuffer(data, numpy.uint8, offset=header_size)
    if body.size != n * int(numpy.prod(item_shape)):
        raise ValueError('%s: expected %d items of shape %s, found %d bytes'
                         % (path, n, item_shape, body.size))
    return body.reshape((n,) + item_shape)


def _convert_idx(images_path, labels_path, side):
    images = _read_idx(images_path, 2051, (side, side))
    labels = _read_idx(labels_path, 2049, ())
    if len(images) != len(labels):
        raise ValueError('%d images but %d labels' % (len(images), len(labels)))
    return {'x': images.reshape(len(images), side * side), 'y': labels}


def retrieve_idx(dataset_name, base_url, files, split, what=None):
    """Returns the raw ``{'x', 'y'}`` arrays of one split, downloading them if needed.

    With ``what`` (the data set's name) a failed download names it and the URL
    (see :func:`chainlite.dataset.download.cached_download_naming`).
    """
    path = os.path.join(download.get_dataset_directory(dataset_name), split + '.npz')
    images_file, labels_file = files[split]

    def fetch(url):
        if what is None:
            return download.cached_download(url)
        return download.cached_download_naming(url, what)

    def create(tmp_path):
        raw = _convert_idx(fetch(base_url + images_file), fetch(base_url + labels_file), 28)
        return _images.save_npz_dict(tmp_path, raw)

    return download.cache_or_load_file(path, create, _images.load_npz_dict)


def preprocess(raw, withlabel, ndim, scale, dtype, label_dtype, rgb_format):
    images = _images.grayscale_shape(raw['x'], 28, ndim, rgb_format)
    return _images.finish(images, raw['y'], withlabel, scale, dtype, label_dtype, 255.)


def get_mnist(withlabel=True, ndim=1, scale=1., dtype=None, label_dtype=numpy.int32,
              rgb_format=False):
    """Returns the MNIST ``(train, test)`` sets (60,000 and 10,000 28x28 images).

    Each is a :class:`TupleDataset` of ``(image, label)``, or an image array
    when ``withlabel`` is False. ``ndim`` 1 gives ``(784,)`` images, 2 gives
    ``(28, 28)``, 3 gives ``(1, 28, 28)`` (``(3, 28, 28)`` with
    ``rgb_format``). Pixels are scaled to ``[0, scale]`` in ``dtype``
    (default ``chainlite.config.dtype`` or float32).

    Usage (downloads about 11 MB on first use)::

        train, test = get_mnist()
        x, t = train[0]     # x.shape == (784,), t is a numpy.int32
    """
    _images.check_ndim(ndim, (1, 2, 3), 'MNIST')
    return tuple(preprocess(retrieve_idx('pfnet/chainer/mnist', _MNIST_BASE, IDX_FILES, split),
                            withlabel, ndim, scale, dtype, label_dtype, rgb_format)
                 for split in ('train', 'test'))
