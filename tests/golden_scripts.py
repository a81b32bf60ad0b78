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


def rounds_like_reference(data, names):
    """Whether this machine's NumPy gives the float32 bits of the functions ``names`` (of
    tools/goldens/_bits.py) that the machine which made ``data`` gave."""
    libm = script('_bits')
    return all(numpy.array_equal(libm.probe(name), data['libm/' + name]) for name in names)


def assert_bits_equal(actual, expected, exact, where):
    """``actual`` equals ``expected`` bit for bit where ``exact``; otherwise (another CPU's
    rounding of exp, log1p, ... : a few ulps, more where a gradient cancels) within 1e-5
    relative, 1e-6 of the largest value absolute."""
    if exact:
        assert numpy.array_equal(actual, expected), where
        return
    scale = max(1.0, float(numpy.abs(expected).max())) if numpy.size(expected) else 1.0
    numpy.testing.assert_allclose(actual, expected, rtol=1e-5, atol=1e-6 * scale,
                                  err_msg=str(where))
