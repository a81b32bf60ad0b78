"""Dataset root, cached downloads (offline, through file:// URLs) and cache_or_load_file."""
import os
import pathlib
import urllib.request

import pytest

from chainlite.dataset import download


@pytest.fixture
def root(tmp_path):
    download.set_dataset_root(tmp_path)
    yield tmp_path
    download.set_dataset_root(None)


def test_root_order_explicit_then_environment_then_home(monkeypatch, tmp_path):
    monkeypatch.delenv('CHAINLITE_DATASET_ROOT', raising=False)
    monkeypatch.setenv('HOME', str(tmp_path / 'home'))
    assert download.get_dataset_root() == str(tmp_path / 'home' / '.chainlite' / 'dataset')
    monkeypatch.setenv('CHAINLITE_DATASET_ROOT', str(tmp_path / 'env'))
    assert download.get_dataset_root() == str(tmp_path / 'env')
    download.set_dataset_root(tmp_path / 'explicit')
    try:
        assert download.get_dataset_root() == str(tmp_path / 'explicit')
    finally:
        download.set_dataset_root(None)
    assert download.get_dataset_root() == str(tmp_path / 'env')


def test_get_dataset_directory(root):
    path = download.get_dataset_directory('a/b', create_directory=False)
    assert path == os.path.join(str(root), 'a/b') and not os.path.exists(path)
    assert os.path.isdir(download.get_dataset_directory('a/b'))


def test_cached_download_fetches_once(root, tmp_path, monkeypatch):
    source = tmp_path / 'source.bin'
    source.write_bytes(b'payload')
    url = source.as_uri()
    path = download.cached_download(url)
    assert pathlib.Path(path).read_bytes() == b'payload'
    assert os.path.dirname(path) == os.path.join(str(root), '_dl_cache')

    def no_network(*args, **kwargs):
        raise AssertionError('downloaded twice')

    monkeypatch.setattr(urllib.request, 'urlopen', no_network)
    assert download.cached_download(url) == path


def test_failed_download_leaves_no_file(root, tmp_path):
    with pytest.raises(OSError):
        download.cached_download((tmp_path / 'missing.bin').as_uri())
    assert os.listdir(os.path.join(str(root), '_dl_cache')) == []


def test_cache_or_load_file_creates_then_loads(root):
    path = os.path.join(download.get_dataset_directory('demo'), 'data.txt')
    calls = []

    def creator(tmp_path):
        assert tmp_path != path
        with open(tmp_path, 'w') as f:
            f.write('made')
        calls.append('create')
        return 'created'

    def loader(p):
        calls.append('load')
        with open(p) as f:
            return f.read()

    assert download.cache_or_load_file(path, creator, loader) == 'created'
    assert download.cache_or_load_file(path, creator, loader) == 'made'
    assert calls == ['create', 'load']


def test_cache_or_load_file_failure_leaves_nothing(root):
    directory = download.get_dataset_directory('demo')
    path = os.path.join(directory, 'data.txt')

    def creator(tmp_path):
        with open(tmp_path, 'w') as f:
            f.write('half')
        raise RuntimeError('interrupted')

    with pytest.raises(RuntimeError, match='interrupted'):
        download.cache_or_load_file(path, creator, None)
    assert os.listdir(directory) == []
