"""The runnable examples in the docstrings of the data, iterator and serializer modules."""
import doctest
import importlib
import pkgutil

import pytest

import chainlite

PACKAGES = ['chainlite.dataset', 'chainlite.datasets', 'chainlite.iterators',
            'chainlite.serializers']


def _modules():
    names = ['chainlite.serializer']
    for package in PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        names += [package + '.' + m.name for m in pkgutil.iter_modules(path)]
    return names


@pytest.mark.parametrize('name', _modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={'chainlite': chainlite},
                             optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
