"""Helpers shared by the noise functions."""


def check_ratio(name, ratio):
    """Requires a drop ratio in ``[0, 1)``."""
    if not 0.0 <= ratio < 1.0:
        raise ValueError('%s: ratio must be in the range [0, 1), got %r' % (name, ratio))


def pop_kwargs(name, kwargs, **defaults):
    """Returns the values of the allowed keyword arguments; rejects any other."""
    values = tuple(kwargs.pop(k, v) for k, v in defaults.items())
    if kwargs:
        raise TypeError('%s() got unexpected keyword argument(s) %s'
                        % (name, ', '.join(repr(k) for k in kwargs)))
    return values
