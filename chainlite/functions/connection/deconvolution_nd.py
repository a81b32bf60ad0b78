"""N-dimensional transposed convolution (``deconvolution_nd``, ``_1d``, ``_3d``).

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 3, 2, 2), numpy.float32)
>>> F.deconvolution_nd(x, numpy.ones((3, 4, 3, 3), numpy.float32), stride=2).shape
(1, 4, 5, 5)
"""
from chainlite.utils.conv import spatial_ndim
from chainlite.functions.connection.convolution_nd import Deconvolution, node_inputs


def deconvolution_nd(x, W, b=None, stride=1, pad=0, outsize=None, dilate=1, groups=1):
    """N-dimensional transposed convolution; ``W`` is ``(in, out / groups, *k)``.

    Output size per axis: ``stride * (size - 1) + dk - 2 * pad`` unless
    ``outsize`` says otherwise (it must be one a convolution maps back to ``size``).

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((1, 2, 3, 3, 3), numpy.float32)
    >>> F.deconvolution_nd(x, numpy.ones((2, 1, 2, 2, 2), numpy.float32), stride=2).shape
    (1, 1, 6, 6, 6)
    """
    nd = spatial_ndim('deconvolution_nd', x)
    node = Deconvolution(nd, groups, stride=stride, pad=pad, dilate=dilate, outsize=outsize)
    return node.apply(node_inputs(x, W, b))[0]


def deconvolution_1d(x, W, b=None, stride=1, pad=0, outsize=None, dilate=1, groups=1):
    """One-dimensional transposed convolution; see :func:`deconvolution_nd`.

    >>> import numpy, chainlite.functions as F
    >>> F.deconvolution_1d(numpy.ones((1, 2, 4)), numpy.ones((2, 3, 2)), stride=2).shape
    (1, 3, 8)
    """
    spatial_ndim('deconvolution_1d', x, 1)
    return deconvolution_nd(x, W, b, stride, pad, outsize, dilate, groups)


def deconvolution_3d(x, W, b=None, stride=1, pad=0, outsize=None, dilate=1, groups=1):
    """Three-dimensional transposed convolution; see :func:`deconvolution_nd`.

    >>> import numpy, chainlite.functions as F
    >>> F.deconvolution_3d(numpy.ones((1, 2, 2, 2, 2)), numpy.ones((2, 3, 2, 2, 2))).shape
    (1, 3, 3, 3, 3)
    """
    spatial_ndim('deconvolution_3d', x, 3)
    return deconvolution_nd(x, W, b, stride, pad, outsize, dilate, groups)
