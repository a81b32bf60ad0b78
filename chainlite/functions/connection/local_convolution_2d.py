"""Locally connected layer: a convolution with separate weights at each output position.

>>> import numpy, chainlite.functions as F
>>> x = numpy.ones((2, 3, 4, 4), numpy.float32)
>>> W = numpy.ones((5, 2, 2, 3, 3, 3), numpy.float32)
>>> F.local_convolution_2d(x, W).shape
(2, 5, 2, 2)
"""
from chainlite.functions.array.im2col import im2col
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math.matmul import matmul
from chainlite.utils import type_check


def local_convolution_2d(x, W, b=None, stride=1):
    """``y[n, o, i, j] = sum W[o, i, j, c, ky, kx] x[n, c, i * sy + ky, j * sx + kx] + b[o, i, j]``.

    ``W`` is ``(c_out, out_h, out_w, c_in, kh, kw)``, ``b`` ``(c_out, out_h, out_w)``; no padding.
    """
    oc, oh, ow, c, kh, kw = W.shape if W.ndim == 6 else (None,) * 6
    if x.ndim != 4 or W.ndim != 6 or x.shape[1] != c or x.dtype != W.dtype or \
            x.dtype.kind != 'f' or (b is not None and (b.shape != W.shape[:3] or
                                                       b.dtype != x.dtype)):
        raise type_check.InvalidType(
            'x (n, c, h, w), W (oc, oh, ow, c, kh, kw), b (oc, oh, ow), one float dtype',
            'x %s, W %s, b %s' % (x.shape, W.shape, None if b is None else b.shape),
            'local_convolution_2d: x must be (n, c, h, w), W (oc, oh, ow, c, kh, kw) and b '
            '(oc, oh, ow) of one float dtype; got x %s %s, W %s %s, b %s'
            % (x.shape, x.dtype, W.shape, W.dtype, None if b is None else b.shape))
    col = im2col(x, (kh, kw), stride)  # (n, c * kh * kw, oh', ow')
    if col.shape[2:] != (oh, ow):
        raise ValueError('local_convolution_2d: W is for an output of %s, but x %s with kernel '
                         '%s and stride %s gives %s'
                         % ((oh, ow), x.shape, (kh, kw), stride, col.shape[2:]))
    n, k = col.shape[:2]
    col = transpose(reshape(col, (n, k, oh * ow)), (2, 0, 1))  # (P, n, K)
    w = reshape(transpose(reshape(W, (oc, oh * ow, k)), (1, 0, 2)), (oh * ow, oc, k))
    y = matmul(col, w, transb=True)  # (P, n, oc)
    y = reshape(transpose(y, (1, 2, 0)), (n, oc, oh, ow))
    if b is not None:
        y = y + b
    return y
