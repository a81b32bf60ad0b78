"""The runnable examples in the docstrings of the optimizer modules."""
import doctest
import importlib
import pkgutil

import pytest

import chainlite.optimizer_hooks
import chainlite.optimizers

MODULES = ['chainlite.optimizer', 'chainlite.learnables', 'chainlite.functional'] + [
    '%s.%s' % (pkg.__name__, m.name) for pkg in (chainlite.optimizers, chainlite.optimizer_hooks)
    for m in pkgutil.iter_modules(pkg.__path__)] + ['chainlite.optimizers',
                                                   'chainlite.optimizer_hooks']


@pytest.mark.parametrize('name', MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
