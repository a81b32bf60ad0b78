"""The Street View House Numbers (SVHN): 32x32 colour images of digits 0..9.

As in Chainer, the cropped-digits files of http://ufldl.stanford.edu/housenumbers/
are used: ``train_32x32.mat``, ``test_32x32.mat`` and ``extra_32x32.mat``, MATLAB
files holding ``X`` (uint8 pixels, shape ``(32, 32, 3, N)``: row, column, channel,
image) and ``y`` (shape ``(N, 1)``, 1..9 for the digits 1..9 and 10 for the digit
0). Each is downloaded once into the download cache (see
:mod:`chainlite.dataset.download`) and converted, as read, to
``<root>/pfnet/chainer/svhn/{train,test,extra}.npz`` (arrays ``x`` and ``y``), the
layout Chainer uses, so a Chainer cache directory can be reused as
``CHAINLITE_DATASET_ROOT``.

SciPy is optional: it is imported only to read the ``.mat`` files, and an error
saying to install it is raised when it is missing (an ``ImportError`` that is also
the ``RuntimeError`` Chainer raises). Converted files are read without it.

>>> from chainlite.datasets import svhn
>>> svhn._SVHN_BASE
'http://ufldl.stanford.edu/housenumbers/'
"""
import os

import numpy

from chainlite.dataset import download
from chainlite.datasets import _images

_SVHN_BASE = 'http://ufldl.stanford.edu/housenumbers/'
_DIRECTORY = 'pfnet/chainer/svhn'


class _SciPyNotAvailableError(ImportError, RuntimeError):
    """SciPy, needed to read the ``.mat`` files, cannot be imported.

    An ``ImportError``, and a ``RuntimeError`` as the error Chainer raises.
    """


def _import_loadmat():
    """Returns ``scipy.io.loadmat``, or raises an error saying to install SciPy."""
    try:
        import scipy.io
    except ImportError as e:
        raise _SciPyNotAvailableError(
            'SciPy is not available: %s. SVHN comes as MATLAB .mat files, which are read '
            'with scipy.io.loadmat: install SciPy (pip install scipy)' % e) from e
    return scipy.io.loadmat


def _convert(path, url):
    """The ``{'x', 'y'}`` arrays of an SVHN ``.mat`` file, as stored in it."""
    loadmat = _import_loadmat()
    mat = loadmat(path)
    if 'X' not in mat or 'y' not in mat:
        raise ValueError('%s (%s) is not an SVHN file: it has no %s'
                         % (path, url, ' and '.join(k for k in ('X', 'y') if k not in mat)))
    x, y = mat['X'], mat['y']
    if x.ndim != 4 or x.shape[:3] != (32, 32, 3) or y.size != x.shape[3]:
        raise ValueError('%s (%s): expected X of shape (32, 32, 3, N) and N labels y, found '
                         'X of shape %s and y of shape %s' % (path, url, x.shape, y.shape))
    return {'x': x, 'y': y}


def _retrieve(split):
    path = os.path.join(download.get_dataset_directory(_DIRECTORY), split + '.npz')
    url = '%s%s_32x32.mat' % (_SVHN_BASE, split)

    def create(tmp_path):
        _import_loadmat()  # before downloading anything
        raw = _convert(download.cached_download_naming(url, 'SVHN'), url)
        return _images.save_npz_dict(tmp_path, raw)

    return download.cache_or_load_file(path, create, _images.load_npz_dict)


def _preprocess(raw, withlabel, scale, dtype, label_dtype):
    images = raw['x'].transpose(3, 2, 0, 1)  # (N, channel, row, column)
    labels = raw['y'].reshape(-1)
    labels = numpy.where(labels == 10, 0, labels)  # the files label the digit 0 10
    return _images.finish(images, labels, withlabel, scale, dtype, label_dtype, 255.)


def get_svhn(withlabel=True, scale=1., dtype=None, label_dtype=numpy.int32, add_extra=False):
    r"""Returns the SVHN ``(train, test)`` sets, or ``(train, test, extra)``.

    73,257 training, 26,032 test and (with ``add_extra``) 531,131 extra images of
    shape ``(3, 32, 32)`` (RGB channels, rows, columns). Each set is a
    :class:`~chainlite.datasets.TupleDataset` of ``(image, label)``, or an image
    array when ``withlabel`` is False. Pixels are scaled from 0..255 to
    ``[0, scale]`` in ``dtype`` (default ``chainlite.config.dtype`` or float32);
    labels are the digits 0..9 in ``label_dtype``. Unlike
    :func:`~chainlite.datasets.get_mnist` there is no ``ndim`` nor ``rgb_format``.
    Reading the downloaded files needs SciPy. The real files are about 180 MB,
    ``extra`` 1.3 GB more.

    Offline example: converted files are put into the cache directory (a
    Chainer cache can be copied there; stand-in ``.mat`` files could instead be
    put into the download cache, ``<root>/_dl_cache/<MD5 of the URL>``):

    >>> import os, tempfile
    >>> import numpy
    >>> from chainlite.dataset import download
    >>> download.set_dataset_root(tempfile.mkdtemp())
    >>> directory = download.get_dataset_directory('pfnet/chainer/svhn')
    >>> x = numpy.zeros((32, 32, 3, 2), numpy.uint8)   # as in the .mat files
    >>> x[0, 1, 2, 1] = 255                            # row 0, column 1, blue, image 1
    >>> for split in ('train', 'test'):
    ...     numpy.savez_compressed(os.path.join(directory, split + '.npz'),
    ...                            x=x, y=numpy.array([[10], [7]], numpy.uint8))
    >>> train, test = get_svhn()
    >>> image, label = train[1]
    >>> image.shape, image.dtype, float(image[2, 0, 1]), label.dtype, int(label)
    ((3, 32, 32), dtype('float32'), 1.0, dtype('int32'), 7)
    >>> [int(t) for _, t in test]   # 10 stands for the digit 0
    [0, 7]
    >>> images = get_svhn(withlabel=False, scale=2.)[0]
    >>> type(images).__name__, images.shape, float(images.max())
    ('ndarray', (2, 3, 32, 32), 2.0)
    >>> download.set_dataset_root(None)
    """
    splits = ('train', 'test', 'extra') if add_extra else ('train', 'test')
    return tuple(_preprocess(_retrieve(split), withlabel, scale, dtype, label_dtype)
                 for split in splits)
