"""Helpers shared by the links (private)."""
from chainlite import initializers
from chainlite.variable import Parameter


def param(initializer, shape=None):
    """A Parameter from an initializer-like value (None means LeCunNormal)."""
    return Parameter(initializers._get_initializer(initializer), shape)


def bias_param(initial_bias, shape=None):
    """A bias Parameter: ``initial_bias`` defaults to 0, not to a random initializer."""
    return param(0 if initial_bias is None else initial_bias, shape)


def ntuple(value, n, where=None):
    """``value`` repeated n times unless it already is a sequence; with ``where`` (as
    ``'ConvolutionND: ksize'``), a sequence of another length raises a ValueError."""
    if not hasattr(value, '__len__'):
        return (value,) * n
    if where is not None and len(value) != n:
        raise ValueError('%s must be an int or a sequence of %d ints, got %r' % (where, n, value))
    return tuple(value)


def check_input_size(link, expected, got, shape, what):
    """Raises a ValueError naming the link by its path in the model when sizes differ."""
    if expected != got:
        raise ValueError('%s at %s: expected an input with %d %s, got %d (input shape %s)'
                         % (type(link).__name__, link.path, expected, what, got, tuple(shape)))


def from_params_arrays(cls, W, b, size_name):
    """``W`` and ``b`` (Variables or arrays) as arrays for ``cls.from_params``; the bias
    must have ``W.shape[0]`` elements."""
    W = getattr(W, 'array', W)
    b = getattr(b, 'array', b)
    if getattr(b, 'size', W.shape[0]) != W.shape[0]:
        raise ValueError('%s.from_params: %s %d (from W of shape %s) does not match the size '
                         'of b (%d)' % (cls.__name__, size_name, W.shape[0], W.shape, b.size))
    return W, b
