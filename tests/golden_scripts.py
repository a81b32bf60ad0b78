"""The golden scripts of tools/goldens/ as modules, for the tests that rebuild their cases
with chainlite, and the data each wrote under tests/data/."""
import importlib.util
import pathlib
import sys

import numpy

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDENS = ROOT / 'tools' / 'goldens'
DATA = ROOT / 'tests' / 'data'


def script(name):
    """tools/goldens/<name>.py as a module (its folder is on sys.path while it loads, so
    it may import the shared ``_*.py`` helpers beside it)."""
    sys.path.insert(0, str(GOLDENS))
    try:
        spec = importlib.util.spec_from_file_location('goldens_' + name, GOLDENS / (name + '.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(GOLDENS))
    return module


def data(name):
    """The goldens Chainer wrote for ``name`` (tests/data/<name>.npz)."""
    return numpy.load(DATA / (name + '.npz'))
