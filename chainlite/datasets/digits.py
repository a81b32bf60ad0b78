"""The 8x8 UCI handwritten digits, shipped inside the package (no download).

1797 images of the digits 0-9 from 13 writers; each pixel counts the on
pixels of a 4x4 block of a 32x32 bitmap, so it lies in 0..16. See
DIGITS_LICENSE.txt next to this file for the source and licence.
"""
import os

import numpy

from chainlite.datasets import _images

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'digits.npz')
N_TEST = 360  # about 20%, in proportion to each class


def _test_indices(labels):
    """A fixed stratified split: a seeded shuffle within each class, sized in proportion.

    The file is ordered by writer, so its last images would test unseen writers
    only; a stratified sample measures generalisation over the whole set.
    """
    rng = numpy.random.RandomState(0)
    classes, counts = numpy.unique(labels, return_counts=True)
    quota = counts * N_TEST / len(labels)
    sizes = numpy.floor(quota).astype(int)
    short = N_TEST - sizes.sum()  # largest remainders get one more
    sizes[numpy.argsort(sizes - quota, kind='stable')[:short]] += 1
    picked = [rng.permutation(numpy.flatnonzero(labels == c))[:n]
              for c, n in zip(classes, sizes)]
    return numpy.sort(numpy.concatenate(picked))


def get_digits(withlabel=True, ndim=1, scale=1., dtype=numpy.float32, label_dtype=numpy.int32):
    """Returns the bundled digits as ``(train, test)``: 1437 and 360 examples.

    The split is fixed and stratified: 360 test images drawn with a seeded
    shuffle within each class in proportion to its size (35 to 37 per class),
    the other 1437 for training, both in file order.
    Each set is a :class:`TupleDataset` of ``(image, label)``, or an image
    array when ``withlabel`` is False. ``ndim`` 1 gives ``(64,)`` images, 2
    gives ``(8, 8)``, 3 gives ``(1, 8, 8)``. Pixel values 0..16 are scaled
    to ``[0, scale]`` in ``dtype``.

    >>> train, test = get_digits()
    >>> len(train), len(test), train[0][0].shape, train[0][0].max() <= 1.0
    (1437, 360, (64,), np.True_)
    """
    _images.check_ndim(ndim, (1, 2, 3), 'digits')
    raw = _images.load_npz_dict(_PATH)
    images = _images.grayscale_shape(raw['images'].reshape(-1, 64), 8, ndim, False)
    labels = raw['labels']
    test = numpy.zeros(len(labels), bool)
    test[_test_indices(labels)] = True
    return (_images.finish(images[~test], labels[~test], withlabel, scale, dtype,
                           label_dtype, 16.),
            _images.finish(images[test], labels[test], withlabel, scale, dtype,
                           label_dtype, 16.))
