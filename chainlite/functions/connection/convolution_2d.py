"""Two-dimensional convolution.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 2, 4, 4), numpy.float32)
>>> F.convolution_2d(x, numpy.ones((3, 2, 3, 3), numpy.float32), pad=1).shape
(1, 3, 4, 4)
"""
from chainlite.functions.connection.convolution_nd import Convolution, node_inputs


def convolution_2d(x, W, b=None, stride=1, pad=0, cover_all=False, *, dilate=1, groups=1):
    """Two-dimensional convolution of ``x`` ``(n, c, h, w)``, ``W`` ``(out, c / groups, kh, kw)``.

    Output size per axis: ``(size + 2 * pad - dk) // stride + 1`` with
    ``dk = k + (k - 1) * (dilate - 1)`` (rounded up instead when ``cover_all``).

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((2, 3, 5, 5), numpy.float32)
    >>> F.convolution_2d(x, numpy.ones((4, 3, 3, 3), numpy.float32), stride=2).shape
    (2, 4, 2, 2)
    """
    node = Convolution(2, stride, pad, dilate, groups, cover_all, label='Convolution2DFunction')
    return node.apply(node_inputs(x, W, b))[0]
