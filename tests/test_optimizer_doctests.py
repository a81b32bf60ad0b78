"""The runnable examples in the docstrings of the optimizer modules."""
import doctest
import importlib
import pkgutil

import pytest

import chainlite.optimizer_hooks
import chainlite.optimizers

PACKAGES = (chainlite.optimizers, chainlite.optimizer_hooks)
MODULES = ['chainlite.optimizer', 'chainlite.learnables', 'chainlite.functional'] + \
    [pkg.__name__ for pkg in PACKAGES] + \
    ['%s.%s' % (pkg.__name__, m.name)
     for pkg in PACKAGES for m in pkgutil.iter_modules(pkg.__path__)]


@pytest.mark.parametrize('name', MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
