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


@pytest.fixture
def root(tmp_path):
    """A fresh dataset root (``chainlite.dataset.download``) at ``tmp_path/'root'``, reset
    after the test. (A test module may define its own ``root``.)"""
    from chainlite.dataset import download
    download.set_dataset_root(tmp_path / 'root')
    yield tmp_path / 'root'
    download.set_dataset_root(None)


@pytest.fixture
def requests(monkeypatch):
    """The URLs asked of ``download.cached_download``, in order, with the network cut off:
    ``urllib.request.urlopen`` always fails as an offline machine's does."""
    import socket
    import urllib.error
    import urllib.request

    from chainlite.dataset import download
    asked = []
    cached_download = download.cached_download

    def record(url):
        asked.append(url)
        return cached_download(url)

    def no_network(url, *args, **kwargs):
        raise urllib.error.URLError(socket.gaierror(-2, 'Name or service not known'))

    monkeypatch.setattr(download, 'cached_download', record)
    monkeypatch.setattr(urllib.request, 'urlopen', no_network)
    return asked
