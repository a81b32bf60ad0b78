"""Checks shared by the evaluation functions."""
from chainlite.utils import type_check


def expect_scores_and_labels(in_types):
    """Scores ``x`` of shape ``(N, C, ...)`` against integer labels ``t`` of shape ``(N, ...)``."""
    type_check.argname(in_types, ('x', 't'))
    x_type, t_type = in_types
    type_check.expect(x_type.dtype.kind == 'f', t_type.dtype.kind == 'i',
                      x_type.ndim == t_type.ndim + 1, x_type.shape[0] == t_type.shape[0])
    x_shape = type_check.eval(x_type.shape)
    t_shape = type_check.eval(t_type.shape)
    if x_shape[2:] != t_shape[1:]:
        raise type_check.InvalidType('x.shape[2:] == t.shape[1:]',
                                     '%s != %s' % (x_shape[2:], t_shape[1:]))


def predictions(x, t_shape):
    """The predicted class (argmax over axis 1), shaped like the labels."""
    return x.argmax(axis=1).reshape(t_shape)
