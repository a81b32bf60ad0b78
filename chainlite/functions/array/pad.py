import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.get_item import get_item
from chainlite.functions.array.reshape import reshape
from chainlite.utils import size_of_shape

# Modes whose output elements are copies of input elements: their gradient is a
# gather/scatter through an index map.
_INDEX_MODES = ('edge', 'reflect', 'symmetric', 'wrap')


class Pad(FunctionNode):
    """``numpy.pad``; the gradient of the constant mode crops the padding off."""

    def __init__(self, pad_width, mode, keywords):
        self.pad_width = pad_width
        self.mode = mode
        self.keywords = keywords

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        return xp.pad(x, self.pad_width, mode=self.mode, **self.keywords),

    def backward(self, indexes, grad_outputs):
        if self.mode != 'constant':
            raise NotImplementedError('pad: no gradient for mode %r' % (self.mode,))
        crop = tuple(slice(b, b + s) for (b, _), s in zip(self.pad_width, self.inputs[0].shape))
        return get_item(grad_outputs[0], crop),


def _normalize_pad_width(pad_width, shape):
    try:
        pw = numpy.broadcast_to(numpy.asarray(pad_width), (len(shape), 2))
    except ValueError:
        raise ValueError('pad: pad_width %r does not fit an array of shape %s'
                         % (pad_width, tuple(shape))) from None
    if pw.dtype.kind not in 'iu' or (pw < 0).any():
        raise ValueError('pad: pad_width must hold non-negative ints; got %r' % (pad_width,))
    return tuple((int(b), int(a)) for b, a in pw)


def pad(x, pad_width, mode, **keywords):
    """Pads an array (``numpy.pad``'s arguments).

    Differentiable for ``'constant'`` and the index modes ``'edge'``,
    ``'reflect'``, ``'symmetric'`` and ``'wrap'``; other modes compute forward only.

    >>> import numpy, chainlite.functions as F
    >>> F.pad(numpy.ones((2, 2)), 1, 'constant', constant_values=0).shape
    (4, 4)
    """
    pad_width = _normalize_pad_width(pad_width, x.shape)
    if mode in _INDEX_MODES and keywords.get('reflect_type', 'even') == 'even':
        # Gather through the padded index map, so the gradient scatter-adds.
        xp = backend.get_array_module(x)
        size = size_of_shape(x.shape)
        index = xp.pad(xp.arange(size).reshape(x.shape), pad_width, mode=mode, **keywords)
        return get_item(reshape(x, (size,)), index)
    return Pad(pad_width, mode, keywords).apply((x,))[0]
