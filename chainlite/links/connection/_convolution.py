"""The parameter handling shared by convolution and deconvolution links (private)."""
from chainlite import link
from chainlite.links import _util
from chainlite.utils import type_check


class ConvolutionBase(link.Link):
    """Owns ``W`` (drawn on the first call when ``in_channels`` is None) and ``b``.

    Subclasses give ``_w_shape(in_channels)`` and ``_expected_channels()``.
    """

    def _setup(self, in_channels, out_channels, ksize, nobias, initialW, initial_bias, groups):
        self.out_channels = out_channels
        self.groups = int(groups)
        self._ksize = ksize
        if out_channels % self.groups:
            raise ValueError('%s: the number of output channels (%d) must be divisible by the '
                             'number of groups (%d)' % (type(self).__name__, out_channels, groups))
        with self.init_scope():
            self.W = _util.param(initialW)
            if in_channels is not None:
                self._initialize_params(in_channels)
            self.b = None if nobias else _util.bias_param(initial_bias, out_channels)

    def _initialize_params(self, in_channels):
        if in_channels % self.groups:
            raise ValueError('%s: the number of input channels (%d) must be divisible by the '
                             'number of groups (%d)' % (type(self).__name__, in_channels,
                                                        self.groups))
        self.W.initialize(self._w_shape(in_channels))

    def _prepare(self, x):
        """Checks the input's axes; draws W from its channels on the first call, else
        checks them."""
        ndim = len(self._ksize) + 2
        if x.ndim != ndim:
            raise type_check.InvalidType(
                'x.ndim == %d' % ndim, '%d != %d' % (x.ndim, ndim),
                '%s at %s: expected an input of %d axes (N, C and %d spatial), got shape %s'
                % (type(self).__name__, self.path, ndim, ndim - 2, tuple(x.shape)))
        if self.W.array is None:
            self._initialize_params(x.shape[1])
        else:
            _util.check_input_size(self, self._expected_channels(), x.shape[1], x.shape,
                                   'channels')


class Convolution(ConvolutionBase):
    """``W`` of shape ``(out_channels, in_channels / groups, *ksize)``."""

    def _w_shape(self, in_channels):
        return (self.out_channels, in_channels // self.groups) + self._ksize

    def _expected_channels(self):
        return self.W.shape[1] * self.groups


class Deconvolution(ConvolutionBase):
    """``W`` of shape ``(in_channels, out_channels / groups, *ksize)``."""

    def _w_shape(self, in_channels):
        return (in_channels, self.out_channels // self.groups) + self._ksize

    def _expected_channels(self):
        return self.W.shape[0]
