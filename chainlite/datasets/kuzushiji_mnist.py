"""Kuzushiji-MNIST: 28x28 grayscale cursive Japanese characters in 10 classes.

The set (http://codh.rois.ac.jp/kmnist/) comes, as in Chainer, in MNIST's gzipped
IDX files from ``http://codh.rois.ac.jp/kmnist/dataset/kmnist/``. They are
downloaded once into the download cache (see :mod:`chainlite.dataset.download`)
and converted to ``<root>/pfnet/chainer/kuzushiji_mnist/{train,test}.npz`` (uint8
``x`` of shape ``(N, 784)`` and ``y``), the layout Chainer uses, so a Chainer
cache directory can be reused as ``CHAINLITE_DATASET_ROOT``.

>>> from chainlite.datasets import kuzushiji_mnist
>>> kuzushiji_mnist._KMNIST_BASE
'http://codh.rois.ac.jp/kmnist/dataset/kmnist/'
"""
import numpy

from chainlite.datasets import _images, mnist

_KMNIST_BASE = 'http://codh.rois.ac.jp/kmnist/dataset/kmnist/'
_DIRECTORY = 'pfnet/chainer/kuzushiji_mnist'
_KMNIST_LABELS = [('o', '\u304a'), ('ki', '\u304d'), ('su', '\u3059'), ('tsu', '\u3064'),
                  ('na', '\u306a'), ('ha', '\u306f'), ('ma', '\u307e'), ('ya', '\u3084'),
                  ('re', '\u308c'), ('wo', '\u3092')]


def get_kuzushiji_mnist_labels():
    """Returns the classes, indexed by label: a list of ``(romaji, character)`` tuples.

    >>> labels = get_kuzushiji_mnist_labels()
    >>> len(labels), labels[0], labels[9] == ('wo', '\\u3092')
    (10, ('o', 'お'), True)
    """
    return list(_KMNIST_LABELS)


def get_kuzushiji_mnist(withlabel=True, ndim=1, scale=1., dtype=None,
                        label_dtype=numpy.int32, rgb_format=False):
    r"""Returns the Kuzushiji-MNIST ``(train, test)`` sets (60,000 and 10,000 images).

    Arguments and results are those of :func:`~chainlite.datasets.get_mnist`:
    a :class:`~chainlite.datasets.TupleDataset` of ``(image, label)`` each, or an
    image array when ``withlabel`` is False; images of shape ``(784,)`` for
    ``ndim`` 1, ``(28, 28)`` for 2, ``(1, 28, 28)`` for 3 (``(3, 28, 28)`` with
    ``rgb_format``, which other ``ndim`` ignore); pixels scaled from 0..255 to
    ``[0, scale]`` in ``dtype`` (default ``chainlite.config.dtype`` or float32);
    labels 0..9 (see :func:`get_kuzushiji_mnist_labels`) in ``label_dtype``.
    The real files are about 20 MB.

    Offline example: small stand-in IDX files are put where the download cache
    looks for them, ``<root>/_dl_cache/<MD5 of the URL>`` (the real files can be
    installed by hand the same way):

    >>> import gzip, hashlib, os, tempfile
    >>> import numpy
    >>> from chainlite.dataset import download
    >>> download.set_dataset_root(tempfile.mkdtemp())
    >>> def put(name, magic, array):
    ...     url = _KMNIST_BASE + name
    ...     path = os.path.join(download.get_dataset_directory('_dl_cache'),
    ...                         hashlib.md5(url.encode()).hexdigest())
    ...     header = numpy.array([magic, len(array)] + list(array.shape[1:]), '>i4')
    ...     with gzip.open(path, 'wb') as f:
    ...         _ = f.write(header.tobytes() + array.astype(numpy.uint8).tobytes())
    >>> for prefix, n in [('train', 3), ('t10k', 2)]:
    ...     put(prefix + '-images-idx3-ubyte.gz', 2051, numpy.full((n, 28, 28), 51))
    ...     put(prefix + '-labels-idx1-ubyte.gz', 2049, numpy.arange(n))
    >>> train, test = get_kuzushiji_mnist(ndim=3)
    >>> len(train), len(test)
    (3, 2)
    >>> x, t = train[2]
    >>> x.shape, x.dtype, round(float(x.max()), 6), t.dtype, int(t)
    ((1, 28, 28), dtype('float32'), 0.2, dtype('int32'), 2)
    >>> get_kuzushiji_mnist(withlabel=False, ndim=2, scale=255.)[1].shape
    (2, 28, 28)
    >>> sorted(os.listdir(download.get_dataset_directory(_DIRECTORY)))
    ['test.npz', 'train.npz']
    >>> download.set_dataset_root(None)
    """
    _images.check_ndim(ndim, (1, 2, 3), 'Kuzushiji-MNIST')
    return tuple(mnist.preprocess(
        mnist.retrieve_idx(_DIRECTORY, _KMNIST_BASE, mnist.IDX_FILES, split,
                           what='Kuzushiji-MNIST'),
        withlabel, ndim, scale, dtype, label_dtype, rgb_format)
        for split in ('train', 'test'))
