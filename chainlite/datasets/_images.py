"""Shared steps of the image data sets: reading cached npz files, reshaping, scaling."""
import numpy

import chainlite  # get_dtype, looked up when called (chainlite imports this package)
from chainlite.datasets.tuple_dataset import TupleDataset


def load_npz_dict(path):
    """Reads every array of an npz file (never unpickling) into a dict."""
    with numpy.load(path, allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def save_npz_dict(path, arrays):
    with open(path, 'wb') as f:
        numpy.savez_compressed(f, **arrays)
    return arrays


def check_ndim(ndim, allowed, name):
    if ndim not in allowed:
        raise ValueError('invalid ndim for %s dataset: %r (expected one of %s)'
                         % (name, ndim, ', '.join(map(str, allowed))))


def grayscale_shape(images, side, ndim, rgb_format):
    """Reshapes ``(N, side*side)`` images for ``ndim`` 1 (flat), 2 (HxW) or 3 (CxHxW).

    ``ndim`` was checked before by :func:`check_ndim`.
    """
    if ndim == 1:
        return images.reshape(len(images), side * side)
    if ndim == 2:
        return images.reshape(len(images), side, side)
    images = images.reshape(len(images), 1, side, side)
    if rgb_format:
        images = numpy.broadcast_to(images, (len(images), 3, side, side))
    return images


def finish(images, labels, withlabel, scale, dtype, label_dtype, max_value):
    """Scales pixel values from ``[0, max_value]`` to ``[0, scale]`` and pairs them with labels."""
    images = images.astype(chainlite.get_dtype(dtype))
    images *= scale / max_value
    if withlabel:
        return TupleDataset(images, labels.astype(label_dtype))
    return images
