"""Run old Chainer code unchanged: ``import chainer`` resolves to chainlite.

From a shell, ``python -m chainlite.compat train.py --epoch 3`` runs a script
with the alias in place; in a notebook, call ``install()`` once.

>>> import chainlite.compat
>>> chainlite.compat.install()
>>> import chainer
>>> import chainer.functions as F
>>> F.relu is __import__('chainlite').functions.relu
True
"""
import importlib
import importlib.abc
import importlib.util
import sys

# Chainer module names that live elsewhere in chainlite.
ALIASES = {
    'chainer.cuda': 'chainlite.backends.cuda',
    'chainer.variable': 'chainlite.variable',
    'chainer.function_node': 'chainlite.function_node',
    'chainer.function': 'chainlite.function',
}


def _target(fullname):
    if fullname in ALIASES:
        return ALIASES[fullname]
    return 'chainlite' + fullname[len('chainer'):]


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, module):
        self.module = module

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        pass


class ChainerAliasFinder(importlib.abc.MetaPathFinder):
    """Finds ``chainer`` and ``chainer.*`` as the matching chainlite modules."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != 'chainer' and not fullname.startswith('chainer.'):
            return None
        name = _target(fullname)
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name is not None and (name == e.name or name.startswith(e.name + '.')):
                raise ImportError('%s is not provided by chainlite (no module %s)'
                                  % (fullname, name), name=fullname) from None
            raise
        return importlib.util.spec_from_loader(fullname, _AliasLoader(module))


_FINDER = ChainerAliasFinder()


def install():
    """Makes ``import chainer`` (and every ``chainer.*`` submodule) load chainlite."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall():
    """Removes the alias and forgets the ``chainer`` modules it created."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for name in [n for n in sys.modules if n == 'chainer' or n.startswith('chainer.')]:
        del sys.modules[name]
