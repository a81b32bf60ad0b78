"""Checks shared by the activation functions."""

from chainlite.utils import type_check


def expect_float(in_types, names=('x',)):
    """Names the inputs and requires the first one to be floating point."""
    type_check.argname(in_types, names)
    type_check.expect(in_types[0].dtype.kind == 'f')


def expect_leading_param(in_types, param_name):
    """Checks a per-channel parameter: ``param.shape == x.shape[1:1 + param.ndim]``."""
    x_type, p_type = in_types
    type_check.argname(in_types, ('x', param_name))
    type_check.expect(x_type.dtype.kind == 'f', p_type.dtype == x_type.dtype,
                      x_type.ndim >= p_type.ndim + 1)
    x_shape = type_check.eval(x_type.shape)
    p_shape = type_check.eval(p_type.shape)
    if x_shape[1:1 + len(p_shape)] != p_shape:
        raise type_check.InvalidType(
            'x.shape[1:%d] == %s.shape' % (1 + len(p_shape), param_name),
            '%s != %s (x.shape = %s)' % (x_shape[1:1 + len(p_shape)], p_shape, x_shape))


def leading_param_shape(param_shape, x_ndim):
    """The shape that broadcasts a per-channel parameter against ``x``."""
    return (1,) + tuple(param_shape) + (1,) * (x_ndim - 1 - len(param_shape))
