"""Two-dimensional transposed convolution (the adjoint of ``convolution_2d``).

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((1, 3, 2, 2), numpy.float32)
>>> F.deconvolution_2d(x, numpy.ones((3, 4, 3, 3), numpy.float32), stride=2).shape
(1, 4, 5, 5)
"""
from chainlite.functions.connection.convolution_nd import Deconvolution, node_inputs


def deconvolution_2d(x, W, b=None, stride=1, pad=0, outsize=None, *, dilate=1, groups=1):
    """Two-dimensional transposed convolution; ``W`` is ``(in, out / groups, kh, kw)``.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((1, 3, 2, 2), numpy.float32)
    >>> W = numpy.ones((3, 4, 3, 3), numpy.float32)
    >>> F.deconvolution_2d(x, W, stride=2, outsize=(6, 6)).shape
    (1, 4, 6, 6)
    """
    node = Deconvolution(2, groups, stride=stride, pad=pad, dilate=dilate, outsize=outsize,
                         label='Deconvolution2DFunction')
    return node.apply(node_inputs(x, W, b))[0]
