"""Helpers shared by the distributions (not public API)."""
import operator

import numpy

import chainlite
from chainlite import backend
from chainlite import configuration
import chainlite.functions as F


class cached_property:
    """A read-only property computed once per instance and per backprop mode.

    A value computed under ``no_backprop_mode`` has no graph, so it is cached apart from
    the one computed with backprop enabled.
    """

    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__
        self.name = func.__name__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        cache = obj.__dict__.setdefault('_cached_properties', {})
        key = (self.name, bool(configuration.config.enable_backprop))
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = self.func(obj)
            return value


def as_param(x):
    """A distribution parameter as a Variable (the given Variable itself when it is one)."""
    return chainlite.as_variable(x)


def as_input(x, dtype, xp):
    """A point to evaluate at: a Variable as given, anything else as an array of ``dtype``."""
    if isinstance(x, chainlite.Variable):
        return x
    return xp.asarray(x, dtype=dtype)


def as_index_input(x, xp):
    """Category labels as an int32 array (Chainer accepts float labels and truncates them)."""
    x = x.array if isinstance(x, chainlite.Variable) else x
    return xp.asarray(x).astype(numpy.int32)


def sample_shape_tuple(sample_shape):
    """``sample_shape`` as a tuple: an integer n gives ``(n,)``."""
    try:
        return (operator.index(sample_shape),)
    except TypeError:
        pass
    return tuple(operator.index(s) for s in sample_shape)


def broadcast_shape(*shapes):
    return numpy.broadcast_shapes(*shapes)


def sum_last(x, ndim):
    """Sums a Variable over its last ``ndim`` axes (nothing for ``ndim <= 0``)."""
    if ndim <= 0:
        return x
    return F.sum(x, axis=tuple(range(x.ndim - ndim, x.ndim)))


def prod_last(x, ndim):
    """Multiplies a Variable over its last ``ndim`` axes (nothing for ``ndim <= 0``)."""
    if ndim <= 0:
        return x
    return F.prod(x, axis=tuple(range(x.ndim - ndim, x.ndim)))


def xlogy(x, log_y):
    """``x * log_y`` taken as 0 where ``x`` is 0 (the convention ``0 log 0 = 0``)."""
    x_data = x.array if isinstance(x, chainlite.Variable) else x
    xp = backend.get_array_module(x_data, log_y)
    prod = x * log_y
    zero = xp.zeros(prod.shape, prod.dtype)
    cond = xp.broadcast_to(x_data == 0, prod.shape)
    return F.where(cond, zero, prod)


def fill_where(cond, value, y):
    """``y`` with the elements where ``cond`` (an array, broadcast to ``y``) holds set to
    the constant ``value``; no gradient flows there."""
    xp = backend.get_array_module(y)
    cond = xp.broadcast_to(getattr(cond, 'array', cond), y.shape)
    return F.where(cond, xp.full(y.shape, value, y.dtype), y)


def broadcast_params(shape, *params):
    """Each parameter Variable broadcast to ``shape``."""
    return tuple(F.broadcast_to(p, shape) for p in params)


def as_input_variable(x, dtype, xp):
    """:func:`as_input` as a Variable, for inputs that go through functions such as
    ``F.log1p(-x)`` (negating a 0-dim array gives a NumPy scalar)."""
    return as_param(as_input(x, dtype, xp))
