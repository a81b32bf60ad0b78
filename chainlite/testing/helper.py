"""``assert_warns``, ``with_requires`` and ``without_requires`` (``chainer.testing.helper``).

>>> import warnings
>>> with assert_warns(UserWarning):
...     warnings.warn('careful')
"""
import contextlib
import functools
import importlib.metadata
import re
import unittest
import warnings


@contextlib.contextmanager
def assert_warns(expected):
    """Context manager: fails unless a warning of category ``expected`` is issued inside."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        yield caught
    if not any(issubclass(w.category, expected) for w in caught):
        raise AssertionError('{} not triggered'.format(expected.__name__))


_REQUIREMENT = re.compile(r'^\s*([A-Za-z0-9_.\-]+)\s*((?:[<>=!~]=?\s*[\w.*]+\s*,?\s*)*)$')


def _version_tuple(text):
    return tuple(int(p) if p.isdigit() else p for p in re.split(r'[.+-]', text))


def _satisfied(requirement):
    match = _REQUIREMENT.match(requirement)
    if match is None:
        raise ValueError('with_requires: cannot parse the requirement {!r}'.format(requirement))
    name, specs = match.group(1), match.group(2)
    try:
        installed = _version_tuple(importlib.metadata.version(name))
    except importlib.metadata.PackageNotFoundError:
        return False
    ops = {'>=': '__ge__', '<=': '__le__', '==': '__eq__', '!=': '__ne__', '>': '__gt__',
           '<': '__lt__'}
    for op, version in re.findall(r'([<>=!]=?)\s*([\w.]+)', specs):
        wanted = _version_tuple(version)
        if not getattr(installed[:len(wanted)], ops[op])(wanted):
            return False
    return True


def _skip_unless(condition, message):
    def decorate(test):
        @functools.wraps(test)
        def wrapper(*args, **kwargs):
            if not condition():
                raise unittest.SkipTest(message)
            return test(*args, **kwargs)
        return wrapper
    return decorate


def with_requires(*requirements):
    """Decorator: skips the test unless every requirement (``'numpy>=1.20'``) is installed."""
    return _skip_unless(lambda: all(_satisfied(r) for r in requirements),
                        'requires: ' + ', '.join(requirements))


def without_requires(*requirements):
    """Decorator: skips the test when any of the requirements is installed."""
    return _skip_unless(lambda: not any(_satisfied(r) for r in requirements),
                        'requires absence of: ' + ', '.join(requirements))
