"""Axis-argument normalization shared by the array functions (host-side ints only)."""
import numpy
from numpy.lib.array_utils import normalize_axis_index


def normalize_axis(name, axis, ndim):
    """Returns ``axis`` in ``[0, ndim)``; raises ``numpy.exceptions.AxisError`` (a ValueError)
    naming ``name`` otherwise."""
    if not isinstance(axis, (int, numpy.integer)) or isinstance(axis, bool):
        raise TypeError('%s: axis must be an int, not %r' % (name, axis))
    return normalize_axis_index(int(axis), ndim, msg_prefix=name)


def normalize_axes(name, axes, ndim):
    """Normalizes an int or a sequence of ints; rejects repeated axes."""
    if isinstance(axes, (int, numpy.integer)):
        axes = (axes,)
    axes = tuple(normalize_axis(name, a, ndim) for a in axes)
    if len(set(axes)) != len(axes):
        raise ValueError('%s: repeated axis in %r' % (name, axes))
    return axes
