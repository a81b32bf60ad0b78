"""Fashion-MNIST: 28x28 grayscale clothing images in 10 classes, in MNIST's format."""
import numpy

from chainlite.datasets import _images, mnist

_FASHION_BASE = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'
_FASHION_LABELS = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt',
                   'Sneaker', 'Bag', 'Ankle boot']


def get_fashion_mnist_labels():
    """Returns the class names, indexed by label.

    >>> get_fashion_mnist_labels()[9]
    'Ankle boot'
    """
    return list(_FASHION_LABELS)


def get_fashion_mnist(withlabel=True, ndim=1, scale=1., dtype=None, label_dtype=numpy.int32,
                      rgb_format=False):
    """Returns the Fashion-MNIST ``(train, test)`` sets; arguments as :func:`get_mnist`.

    Cached as ``<root>/pfnet/chainer/fashion-mnist/{train,test}.npz``.

    Usage (downloads about 30 MB on first use)::

        train, test = get_fashion_mnist(ndim=3)
    """
    _images.check_ndim(ndim, (1, 2, 3), 'Fashion-MNIST')
    return tuple(mnist.preprocess(
        mnist.retrieve_idx('pfnet/chainer/fashion-mnist', _FASHION_BASE, mnist.IDX_FILES, split),
        withlabel, ndim, scale, dtype, label_dtype, rgb_format)
        for split in ('train', 'test'))
