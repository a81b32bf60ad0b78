"""Argument handling shared by the pooling functions (private)."""
from chainlite.utils.conv import Windows, as_tuple, conv_outsize, get_deconv_outsize
from chainlite.utils import type_check


def check_float(in_types, nd):
    type_check.argname(in_types, ('x',))
    x_type, = in_types
    type_check.expect(x_type.dtype.kind == 'f', x_type.ndim == nd + 2)


class Params:
    """``ksize``, ``stride`` (defaults to ``ksize``) and ``pad`` as tuples of ``nd`` ints."""

    def __init__(self, name, nd, ksize, stride, pad):
        self.name = name
        self.ksize = as_tuple(ksize, nd, 'ksize', name)
        self.stride = self.ksize if stride is None else as_tuple(stride, nd, 'stride', name)
        self.pad = as_tuple(pad, nd, 'pad', name)
        self.dilate = (1,) * nd
        for what, values, low in (('ksize', self.ksize, 1), ('stride', self.stride, 1),
                                  ('pad', self.pad, 0)):
            if min(values) < low:
                raise ValueError('%s: %s must be >= %d, got %s' % (name, what, low, values))

    def pooling(self, in_size, cover_all):
        """Windows of a pooling over an input of ``in_size``."""
        out = conv_outsize(self.name, in_size, self.ksize, self.stride, self.pad,
                           cover_all=cover_all)
        return Windows(in_size, self.ksize, self.stride, self.pad, self.dilate, out)

    def unpooling(self, in_size, outsize, cover_all):
        """Windows of the pooling that an unpooling of ``in_size`` to ``outsize`` inverts."""
        if outsize is None:
            outsize = tuple(get_deconv_outsize(i, k, s, p, cover_all) for i, k, s, p in
                            zip(in_size, self.ksize, self.stride, self.pad))
        else:
            outsize = as_tuple(outsize, len(in_size), 'outsize', self.name)
            back = conv_outsize(self.name, outsize, self.ksize, self.stride, self.pad,
                                cover_all=cover_all)
            if back != tuple(in_size):
                raise type_check.InvalidType(
                    'outsize pools back to the input size', str(outsize),
                    '%s: outsize %s does not pool back to the input size %s (ksize %s, stride '
                    '%s, pad %s, cover_all %s give %s)' % (self.name, outsize, tuple(in_size),
                                                           self.ksize, self.stride, self.pad,
                                                           cover_all, back))
        if any(o < 0 for o in outsize):  # an empty output is allowed, as in Chainer
            raise ValueError('%s: the output size %s is negative' % (self.name, outsize))
        return Windows(outsize, self.ksize, self.stride, self.pad, self.dilate, tuple(in_size))


def channel_major(x):
    """``x`` with batch and channel axes swapped if that view is C-contiguous (else ``x``).

    Convolutions return ``(n, c, ...)`` views of ``(c, n, ...)`` memory; pooling
    treats both leading axes alike, so working on the contiguous view (and
    swapping back) keeps every pass over memory sequential.
    """
    if x.ndim >= 2 and not x.flags.c_contiguous and x.swapaxes(0, 1).flags.c_contiguous:
        return x.swapaxes(0, 1), True
    return x, False
