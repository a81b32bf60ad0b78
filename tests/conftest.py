import numpy
import pytest

from chainlite import backend


def _gpu_available():
    if backend.cupy is None:
        return False
    try:
        return backend.cupy.cuda.runtime.getDeviceCount() > 0
    except Exception:
        return False


GPU = _gpu_available()

# Chainer-style scripts that tests run in a subprocess (they ``import chainer``).
collect_ignore = ['compat_scripts']


def pytest_collection_modifyitems(config, items):
    skip_gpu = pytest.mark.skip(reason='needs CuPy and a CUDA device')
    for item in items:
        if 'gpu' in item.keywords and not GPU:
            item.add_marker(skip_gpu)


@pytest.fixture
def rng():
    return numpy.random.RandomState(0)
