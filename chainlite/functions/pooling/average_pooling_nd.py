"""Average pooling (``average_pooling_2d``, ``average_pooling_nd``) and its adjoint.

``WindowSum`` sums every window (times a coefficient); ``WindowSpread``
adds each value over its window. Each is the other's gradient; unpooling is
``WindowSpread`` alone.

>>> import numpy, chainlite.functions as F
>>> x = numpy.arange(16.0, dtype=numpy.float32).reshape(1, 1, 4, 4)
>>> F.average_pooling_2d(x, 2).array[0, 0].tolist()
[[2.5, 4.5], [10.5, 12.5]]
"""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils.conv import spatial_ndim
from chainlite.functions.pooling._geometry import Params, channel_major, check_float


class WindowSum(FunctionNode):
    """``(n, c, *in)`` -> ``(n, c, *out)``: the sum of each window, times ``coeff`` if given."""

    def __init__(self, win, coeff=None):
        self.win = win
        self.coeff = coeff

    def forward(self, inputs):
        x, swapped = channel_major(inputs[0])
        xpad = self.win.padded(x)
        offsets = self.win.offsets()
        y = xpad[self.win.slices(next(offsets))].copy()
        for off in offsets:
            y += xpad[self.win.slices(off)]
        if self.coeff is not None:
            y *= self.coeff
        return (y.swapaxes(0, 1) if swapped else y),

    def backward(self, indexes, grad_outputs):
        return WindowSpread(self.win, self.coeff).apply(grad_outputs)


class WindowSpread(FunctionNode):
    """``(n, c, *out)`` -> ``(n, c, *in)``: each value (times ``coeff``) added over its window."""

    def __init__(self, win, coeff=None):
        self.win = win
        self.coeff = coeff

    def forward(self, inputs):
        g, swapped = channel_major(inputs[0])
        xp = backend.get_array_module(g)
        if self.coeff is not None:
            g = g * self.coeff
        gpad = self.win.zeros_padded(g.shape[:2], g.dtype, xp)
        for off in self.win.offsets():
            gpad[self.win.slices(off)] += g
        gx = self.win.crop(gpad)
        return (gx.swapaxes(0, 1) if swapped else gx),

    def backward(self, indexes, grad_outputs):
        return WindowSum(self.win, self.coeff).apply(grad_outputs)


class AveragePooling(FunctionNode):
    """Validates the input, then applies a :class:`WindowSum` with the averaging coefficient."""

    def __init__(self, params, pad_value, label):
        self.params = params
        self.pad_value = pad_value
        self._label = label

    @property
    def label(self):
        return self._label

    def check_type_forward(self, in_types):
        check_float(in_types, len(self.params.ksize))

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        win = self.params.pooling(x.shape[2:], False)
        if self.pad_value is None:
            counts = [numpy.array([len(range(max(0, o * s - p), min(n, o * s - p + k)))
                                   for o in range(out)], dtype=x.dtype)
                      for n, k, s, p, out in zip(win.in_size, win.ksize, win.stride, win.pad,
                                                 win.out_size)]
            count = counts[0]
            for c in counts[1:]:
                count = numpy.multiply.outer(count, c)
            coeff = xp.asarray(1 / count)
        else:
            coeff = x.dtype.type(1.0 / numpy.prod(win.ksize))
        self.sum = WindowSum(win, coeff)
        return self.sum.forward(inputs)

    def backward(self, indexes, grad_outputs):
        return self.sum.backward(indexes, grad_outputs)


def apply_average_pooling(name, label, nd, x, ksize, stride, pad, pad_value):
    if pad_value not in (0, None):
        raise ValueError('pad_value must be either 0 or None, not {}.'.format(pad_value))
    nd = spatial_ndim(name, x, nd)
    return AveragePooling(Params(name, nd, ksize, stride, pad), pad_value, label).apply((x,))[0]


def average_pooling_nd(x, ksize, stride=None, pad=0, pad_value=0):
    """N-dimensional average pooling; ``pad_value=None`` averages over the non-padded elements only.

    ``stride`` defaults to ``ksize``; with the default ``pad_value=0`` each
    window sum is divided by the full kernel size.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.ones((1, 1, 4, 4), numpy.float32)
    >>> F.average_pooling_nd(x, 3, 1, 1).array[0, 0, 0].tolist()[:2]
    [0.4444444477558136, 0.6666666865348816]
    >>> F.average_pooling_nd(x, 3, 1, 1, pad_value=None).array[0, 0, 0].tolist()[:2]
    [1.0, 1.0]
    """
    return apply_average_pooling('average_pooling_nd', 'AveragePoolingND', None, x, ksize, stride,
                                 pad, pad_value)


def average_pooling_1d(x, ksize, stride=None, pad=0, pad_value=0):
    """One-dimensional average pooling of ``x`` ``(n, c, l)``; see :func:`average_pooling_nd`."""
    return apply_average_pooling('average_pooling_1d', 'AveragePoolingND', 1, x, ksize, stride, pad,
                                 pad_value)


def average_pooling_3d(x, ksize, stride=None, pad=0, pad_value=0):
    """Three-dimensional average pooling of ``x`` ``(n, c, d, h, w)``; see average_pooling_nd."""
    return apply_average_pooling('average_pooling_3d', 'AveragePoolingND', 3, x, ksize, stride, pad,
                                 pad_value)
