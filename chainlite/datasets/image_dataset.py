"""Datasets of image files, read on access (``chainer.datasets.image_dataset``).

Every dataset here reads an image with Pillow each time an example is asked for and
returns it as a NumPy array of shape ``(channels, height, width)``: one channel for
grayscale ('L', '1', 'I', 'F', 'I;16', palette 'P' as its indices), two for 'LA',
three for 'RGB', four for 'RGBA' and 'CMYK'. No conversion between modes is made.

Pillow is optional: it is imported when a dataset is made or an image is read, and an
``ImportError`` that says how to install it (``pip install 'chainlite[image]'``) is
raised when it is missing.
"""
import bisect
import io
import os
import threading
import zipfile

import numpy

import chainlite  # get_dtype, looked up when called (chainlite imports this package)
from chainlite.dataset import dataset_mixin

_INSTALL = "pip install 'chainlite[image]'"


def _import_pillow():
    """Returns ``PIL.Image``, or raises ImportError saying how to install Pillow."""
    try:
        from PIL import Image
    except ImportError as e:
        raise ImportError('PIL cannot be loaded. Install Pillow (%s) to read images.\n'
                          'The actual import error is as follows:\n%s' % (_INSTALL, e)) from e
    return Image


def _check_pillow_availability():
    _import_pillow()


def __getattr__(name):
    # ``available`` (as in Chainer) is worked out on access, so importing this module
    # never imports Pillow.
    if name == 'available':
        try:
            _import_pillow()
        except ImportError:
            return False
        return True
    raise AttributeError('module %r has no attribute %r' % (__name__, name))


def _read_image_as_array(path, dtype):
    """Reads the image at ``path`` (a file name or a binary file object) as an
    ``(H, W)`` or ``(H, W, C)`` array of ``dtype``."""
    image_module = _import_pillow()
    with image_module.open(path) as image:
        return numpy.array(image, dtype=dtype)


def _postprocess_image(image):
    """``(H, W)`` -> ``(1, H, W)``, ``(H, W, C)`` -> ``(C, H, W)`` (a transposed view)."""
    if image.ndim == 2:
        image = image[:, :, numpy.newaxis]
    return image.transpose(2, 0, 1)


def _is_index(value):
    if isinstance(value, (str, bytes)):
        return False
    try:
        value.__index__()
    except (AttributeError, TypeError):
        return False
    return True


def _read_pairs(f, name):
    """Parses 'path label' lines (split on white space) into ``[(path, int label)]``."""
    pairs = []
    for i, line in enumerate(f):
        pair = line.strip().split()
        if len(pair) != 2:
            raise ValueError('invalid format at line {} in file {}'.format(i, name))
        pairs.append((pair[0], int(pair[1])))
    return pairs


def _label_array(label, label_dtype):
    # A NumPy 0-d (or n-d) array; out-of-range integers wrap as in Chainer (NumPy 1.x).
    return numpy.asarray(label).astype(label_dtype)


class ImageDataset(dataset_mixin.DatasetMixin):
    """Images read from files; the ``i``-th example is the ``i``-th image.

    Args:
        paths (str or list of str): a list of image paths, or the path of a text file
            with one image path per line (each line stripped). Paths are relative to
            ``root``.
        root (str): the directory the paths are relative to.
        dtype: dtype of the arrays (default ``chainlite.config.dtype``, float32 unless
            set; read when the dataset is made).

    Each image is an array of shape ``(channels, height, width)`` (see the module
    docstring); images of different modes give different numbers of channels, so
    convert them beforehand. Needs Pillow.

    >>> import importlib.util, os, tempfile
    >>> root = tempfile.mkdtemp()
    >>> with open(os.path.join(root, 'a.pgm'), 'wb') as f:  # a 3x2 grayscale image
    ...     _ = f.write(b'P5 3 2 255\\n' + bytes([0, 1, 2, 3, 4, 5]))
    >>> if importlib.util.find_spec('PIL') is not None:
    ...     x = ImageDataset(['a.pgm'], root=root)[0]
    ... else:  # what it gives with Pillow installed
    ...     x = numpy.arange(6, dtype=numpy.float32).reshape(1, 2, 3)
    >>> x.shape, x.dtype, x[0, 1].tolist()
    ((1, 2, 3), dtype('float32'), [3.0, 4.0, 5.0])
    """

    def __init__(self, paths, root='.', dtype=None):
        _check_pillow_availability()
        if isinstance(paths, str):
            with open(paths) as paths_file:
                paths = [path.strip() for path in paths_file]
        self._paths = paths
        self._root = root
        self._dtype = chainlite.get_dtype(dtype)

    def __len__(self):
        return len(self._paths)

    def get_example(self, i):
        path = os.path.join(self._root, self._paths[i])
        return _postprocess_image(_read_image_as_array(path, self._dtype))


class LabeledImageDataset(dataset_mixin.DatasetMixin):
    """Images read from files, with labels; the ``i``-th example is ``(image, label)``.

    Args:
        pairs (str or list of tuples): a list of ``(path, label)`` pairs, or the path of
            a text file whose lines are ``path label`` separated by white space (Caffe's
            format; the label an integer). Paths are relative to ``root``.
        root (str): the directory the paths are relative to.
        dtype: dtype of the images (default ``chainlite.config.dtype``).
        label_dtype: dtype of the labels, each a 0-d NumPy array.

    A line of the file without exactly two fields raises ``ValueError('invalid format
    at line I in file PATH')`` (``I`` counted from 0). Needs Pillow.

    >>> import importlib.util, os, tempfile
    >>> root = tempfile.mkdtemp()
    >>> with open(os.path.join(root, 'a.ppm'), 'wb') as f:  # a 1x1 RGB image
    ...     _ = f.write(b'P6 1 1 255\\n' + bytes([10, 20, 30]))
    >>> with open(os.path.join(root, 'pairs.txt'), 'w') as f:
    ...     _ = f.write('a.ppm 7\\n')
    >>> if importlib.util.find_spec('PIL') is not None:
    ...     x, t = LabeledImageDataset(os.path.join(root, 'pairs.txt'), root=root)[0]
    ... else:  # what it gives with Pillow installed
    ...     x, t = (numpy.array([10, 20, 30], numpy.float32).reshape(3, 1, 1),
    ...             numpy.array(7, numpy.int32))
    >>> x.shape, x.ravel().tolist(), repr(t)
    ((3, 1, 1), [10.0, 20.0, 30.0], 'array(7, dtype=int32)')
    """

    def __init__(self, pairs, root='.', dtype=None, label_dtype=numpy.int32):
        _check_pillow_availability()
        if isinstance(pairs, str):
            pairs_path = pairs
            with open(pairs_path) as pairs_file:
                pairs = _read_pairs(pairs_file, pairs_path)
        self._pairs = pairs
        self._root = root
        self._dtype = chainlite.get_dtype(dtype)
        self._label_dtype = label_dtype

    def __len__(self):
        return len(self._pairs)

    def get_example(self, i):
        path, label = self._pairs[i]
        image = _read_image_as_array(os.path.join(self._root, path), self._dtype)
        return _postprocess_image(image), _label_array(label, self._label_dtype)


class ZippedImageDataset(dataset_mixin.DatasetMixin):
    """Images read from one zip file; the ``i``-th example is its ``i``-th member.

    Args:
        zipfilename (str): path of the zip file. Its members (directories left out,
            in the archive's order) should all be images.
        dtype: dtype of the arrays (default ``chainlite.config.dtype``).

    ``get_example`` also takes a member name: ``dataset['dir/a.png']``. The archive
    stays open; it is reopened after unpickling or in a forked process, and reads
    are serialized by a lock. Needs Pillow.

    >>> import importlib.util, os, tempfile, zipfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'images.zip')
    >>> with zipfile.ZipFile(path, 'w') as zf:
    ...     zf.writestr('a.pgm', b'P5 2 1 255\\n' + bytes([7, 9]))
    >>> if importlib.util.find_spec('PIL') is not None:
    ...     dataset = ZippedImageDataset(path)
    ...     n, x = len(dataset), dataset['a.pgm']
    ... else:  # what it gives with Pillow installed
    ...     n, x = 1, numpy.array([[[7, 9]]], numpy.float32)
    >>> n, x.shape, x.ravel().tolist()
    (1, (1, 1, 2), [7.0, 9.0])
    """

    def __init__(self, zipfilename, dtype=None):
        _check_pillow_availability()
        self._zipfilename = zipfilename
        self._zf = zipfile.ZipFile(zipfilename)
        self._zf_pid = os.getpid()
        self._dtype = chainlite.get_dtype(dtype)
        self._paths = [name for name in self._zf.namelist() if not name.endswith('/')]
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._paths)

    def __getstate__(self):
        state = self.__dict__.copy()
        state['_zf'] = None
        state['_lock'] = None
        return state

    def __setstate__(self, state):
        self.__dict__ = state
        self._lock = threading.Lock()

    def _read(self, name):
        with self._lock:
            if self._zf is None or self._zf_pid != os.getpid():
                self._zf_pid = os.getpid()
                self._zf = zipfile.ZipFile(self._zipfilename)
            return self._zf.read(name)

    def get_example(self, i_or_filename):
        if _is_index(i_or_filename):
            name = self._paths[i_or_filename]
        else:
            name = i_or_filename
        data = io.BytesIO(self._read(name))
        return _postprocess_image(_read_image_as_array(data, self._dtype))


class LabeledZippedImageDataset(dataset_mixin.DatasetMixin):
    """Images read from a zip file, with labels; the ``i``-th example is
    ``(image, label)``.

    Args:
        zipfilename (str): path of the zip file.
        labelfilename (str): path of a text file whose ``i``-th line is ``name label``
            (the member name in the zip file and an integer), as for
            :class:`LabeledImageDataset`.
        dtype: dtype of the images (default ``chainlite.config.dtype``).
        label_dtype: dtype of the labels, each a 0-d NumPy array.

    The label file is read (and checked) first; a name missing from the archive gives
    a ``KeyError`` when its example is read. Needs Pillow.

    >>> import importlib.util, os, tempfile, zipfile
    >>> root = tempfile.mkdtemp()
    >>> with zipfile.ZipFile(os.path.join(root, 'images.zip'), 'w') as zf:
    ...     zf.writestr('a.pgm', b'P5 2 1 255\\n' + bytes([7, 9]))
    >>> with open(os.path.join(root, 'labels.txt'), 'w') as f:
    ...     _ = f.write('a.pgm 3\\n')
    >>> if importlib.util.find_spec('PIL') is not None:
    ...     x, t = LabeledZippedImageDataset(os.path.join(root, 'images.zip'),
    ...                                      os.path.join(root, 'labels.txt'))[0]
    ... else:  # what it gives with Pillow installed
    ...     x, t = numpy.array([[[7, 9]]], numpy.float32), numpy.int32(3)
    >>> x.shape, int(t)
    ((1, 1, 2), 3)
    """

    def __init__(self, zipfilename, labelfilename, dtype=None, label_dtype=numpy.int32):
        _check_pillow_availability()
        with open(labelfilename) as pairs_file:
            self._pairs = _read_pairs(pairs_file, labelfilename)
        self._label_dtype = label_dtype
        self._zipfile = ZippedImageDataset(zipfilename, dtype=dtype)

    def __len__(self):
        return len(self._pairs)

    def get_example(self, i):
        path, label = self._pairs[i]
        return self._zipfile.get_example(path), _label_array(label, self._label_dtype)


class MultiZippedImageDataset(dataset_mixin.DatasetMixin):
    """Images read from several zip files, one after the other: the members of the
    first zip file (as in :class:`ZippedImageDataset`), then those of the second, ...

    Args:
        zipfilenames (list of str): paths of the zip files.
        dtype: dtype of the arrays (default ``chainlite.config.dtype``).

    As in Chainer, only indices ``0 <= i < len(dataset)`` are accepted (a negative one
    raises ``IndexError``). Needs Pillow.

    >>> import importlib.util, os, tempfile, zipfile
    >>> root = tempfile.mkdtemp()
    >>> for name, value in (('a.zip', 1), ('b.zip', 2)):
    ...     with zipfile.ZipFile(os.path.join(root, name), 'w') as zf:
    ...         zf.writestr('x.pgm', b'P5 1 1 255\\n' + bytes([value]))
    >>> if importlib.util.find_spec('PIL') is not None:
    ...     dataset = MultiZippedImageDataset([os.path.join(root, 'a.zip'),
    ...                                        os.path.join(root, 'b.zip')])
    ...     values = [float(x[0, 0, 0]) for x in dataset[:]]
    ... else:  # what it gives with Pillow installed
    ...     values = [1.0, 2.0]
    >>> values
    [1.0, 2.0]
    """

    def __init__(self, zipfilenames, dtype=None):
        _check_pillow_availability()
        self._zfs = [ZippedImageDataset(name, dtype) for name in zipfilenames]
        self._zpaths_accumlens = [0]
        for zf in self._zfs:
            self._zpaths_accumlens.append(self._zpaths_accumlens[-1] + len(zf))

    def __len__(self):
        return self._zpaths_accumlens[-1]

    def get_example(self, i):
        if not 0 <= i < len(self):
            raise IndexError('list index out of range')
        index = bisect.bisect_right(self._zpaths_accumlens, i) - 1
        return self._zfs[index].get_example(i - self._zpaths_accumlens[index])
