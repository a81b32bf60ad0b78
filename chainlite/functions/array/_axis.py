"""Axis-argument normalization shared by the array functions (host-side ints only)."""
import numpy

from chainlite.utils import type_check


class AxisInvalidType(type_check.InvalidType, numpy.exceptions.AxisError):
    """An axis out of range: Chainer's ``InvalidType`` for it, and NumPy's ``AxisError``
    (a ValueError and an IndexError) as well."""


def normalize_axis(name, axis, ndim):
    """Returns ``axis`` in ``[0, ndim)``; raises :class:`AxisInvalidType` naming ``name``
    otherwise."""
    if not isinstance(axis, (int, numpy.integer)) or isinstance(axis, bool):
        raise TypeError('%s: axis must be an int, not %r' % (name, axis))
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise AxisInvalidType(
            '-%d <= axis < %d' % (ndim, ndim), 'axis = %d' % axis,
            '%s: axis %d is out of bounds for array of dimension %d' % (name, axis, ndim))
    return axis % ndim


def normalize_axes(name, axes, ndim):
    """Normalizes an int or a sequence of ints; rejects repeated axes."""
    if isinstance(axes, (int, numpy.integer)):
        axes = (axes,)
    axes = tuple(normalize_axis(name, a, ndim) for a in axes)
    if len(set(axes)) != len(axes):
        raise ValueError('%s: repeated axis in %r' % (name, axes))
    return axes
