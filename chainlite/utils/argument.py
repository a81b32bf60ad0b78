"""Keyword-argument helpers that Chainer-era code imports from ``chainer.utils.argument``.

>>> parse_kwargs({'train': True, 'x': 1}, ('x', 0), train='train is removed')
Traceback (most recent call last):
    ...
ValueError: train is removed
"""


def check_unexpected_kwargs(kwargs, **unexpected):
    """Raises ValueError with the given message for any keyword that is no longer accepted."""
    for key, message in unexpected.items():
        if key in kwargs:
            raise ValueError(message)


def parse_kwargs(kwargs, *name_and_values, **unexpected):
    """Pops ``(name, default)`` pairs from ``kwargs``; rejects leftovers with a clear TypeError."""
    values = [kwargs.pop(name, default) for name, default in name_and_values]
    if kwargs:
        check_unexpected_kwargs(kwargs, **unexpected)
        caller = _caller_name()
        raise TypeError('%s got unexpected keyword argument(s) %s'
                        % (caller, ', '.join("'%s'" % k for k in kwargs)))
    return tuple(values)


def assert_kwargs_empty(kwargs):
    """Raises TypeError when ``kwargs`` still holds keywords."""
    parse_kwargs(kwargs)


def _caller_name():
    import inspect
    frame = inspect.currentframe().f_back.f_back
    return frame.f_code.co_name + '()' if frame is not None else 'function'
