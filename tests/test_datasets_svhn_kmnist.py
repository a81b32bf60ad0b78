"""datasets.get_svhn and get_kuzushiji_mnist(_labels), offline, against Chainer 7.8.1 goldens.

tests/data/svhn_kmnist.npz (tools/goldens/svhn_kmnist.py) holds small stand-in files
(SVHN's .mat files, Kuzushiji-MNIST's gzipped IDX files), the names Chainer's download
cache gave them, and what Chainer returned and wrote for them. The tests put the same
files under the same names into chainlite's download cache, with urllib's urlopen
replaced so that nothing can be downloaded.
"""
import inspect
import io
import os
import pathlib
import sys
import urllib.error
import urllib.request

import numpy
import pytest

import chainlite
from chainlite import datasets as D
from chainlite.datasets import kuzushiji_mnist, svhn

DATA = pathlib.Path(__file__).parent / 'data'
KMNIST_CASES = [
    {},
    {'withlabel': False},
    {'ndim': 2},
    {'ndim': 3},
    {'ndim': 3, 'rgb_format': True, 'scale': 3.},
    {'ndim': 2, 'rgb_format': True},
    {'dtype': numpy.float64, 'scale': 0.7, 'label_dtype': numpy.int64},
    {'dtype': numpy.float16, 'label_dtype': numpy.uint8},
    {'config_dtype': numpy.float16},
]  # as in tools/goldens/svhn_kmnist.py
SVHN_CASES = [
    {},
    {'withlabel': False},
    {'scale': 2., 'dtype': numpy.float64, 'label_dtype': numpy.uint8},
    {'add_extra': True},
    {'add_extra': True, 'withlabel': False, 'scale': 0.5},
    {'config_dtype': numpy.float16},
]
GET = {'kmnist': D.get_kuzushiji_mnist, 'svhn': D.get_svhn}
DIRECTORY = {'kmnist': 'kuzushiji_mnist', 'svhn': 'svhn'}


@pytest.fixture(scope='module')
def golden():
    with numpy.load(DATA / 'svhn_kmnist.npz') as z:
        return {k: z[k] for k in z.files}


@pytest.fixture
def no_scipy(monkeypatch):
    """Makes ``import scipy`` and ``import scipy.io`` fail."""
    for name in list(sys.modules):
        if name == 'scipy' or name.startswith('scipy.'):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, 'scipy', None)
    monkeypatch.setitem(sys.modules, 'scipy.io', None)


def _fill_download_cache(root, golden, key, which=None):
    """Puts the stand-in files where Chainer's cache had them: <root>/_dl_cache/<name>."""
    cache = root / '_dl_cache'
    cache.mkdir(parents=True, exist_ok=True)
    for i in range(len(golden[key + '/urls'])) if which is None else which:
        (cache / str(golden['%s/dl_cache/%d' % (key, i)])).write_bytes(
            golden['%s/raw/%d' % (key, i)].tobytes())


def _fill_converted_cache(root, golden, key):
    """Writes the files Chainer converted into pfnet/chainer/<dir>, byte for byte."""
    cached = root / 'pfnet' / 'chainer' / DIRECTORY[key]
    cached.mkdir(parents=True, exist_ok=True)
    for name in golden[key + '/cache/files'].tolist():
        (cached / name).write_bytes(golden['%s/cache/%s' % (key, name)].tobytes())


def _call(function, case):
    case = dict(case)
    config_dtype = case.pop('config_dtype', None)
    if config_dtype is None:
        return function(**case)
    with chainlite.using_config('dtype', config_dtype):
        return function(**case)


def _check(result, golden, prefix, full=False):
    assert isinstance(result, tuple) and len(result) == int(golden[prefix + '/n'])
    for split, dataset in zip(('train', 'test', 'extra'), result):
        at = '%s/%s/' % (prefix, split)
        assert type(dataset).__name__ == str(golden[at + 'type']), at
        assert len(dataset) == int(golden[at + 'len']), at
        if isinstance(dataset, numpy.ndarray):
            x = dataset
            assert at + 't' not in golden
        else:
            assert isinstance(dataset, D.TupleDataset), at
            x = numpy.stack([x for x, _ in dataset])
            t = numpy.stack([t for _, t in dataset])
            expected_t = golden[at + 't']
            assert t.dtype == expected_t.dtype and t.shape == expected_t.shape, at
            numpy.testing.assert_array_equal(t, expected_t)
        assert x.shape == tuple(golden[at + 'shape'].tolist()), at
        expected_x = golden[at + 'x']
        assert x.dtype == expected_x.dtype, at
        numpy.testing.assert_array_equal(x if full else x[:1], expected_x, err_msg=at)


def test_exports_signatures_and_urls(golden):
    assert D.svhn is svhn and D.kuzushiji_mnist is kuzushiji_mnist
    assert D.get_svhn is svhn.get_svhn
    assert D.get_kuzushiji_mnist is kuzushiji_mnist.get_kuzushiji_mnist
    assert D.get_kuzushiji_mnist_labels is kuzushiji_mnist.get_kuzushiji_mnist_labels
    # Chainer 7.8.1's signatures (inspect.signature of chainer.datasets.get_*).
    assert str(inspect.signature(D.get_svhn)) == (
        "(withlabel=True, scale=1.0, dtype=None, label_dtype=<class 'numpy.int32'>, "
        "add_extra=False)")
    assert str(inspect.signature(D.get_kuzushiji_mnist)) == (
        "(withlabel=True, ndim=1, scale=1.0, dtype=None, label_dtype=<class 'numpy.int32'>, "
        "rgb_format=False)")
    assert str(inspect.signature(D.get_kuzushiji_mnist_labels)) == '()'
    assert [kuzushiji_mnist._KMNIST_BASE + name for name in (
        'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz',
        't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz')] == (
        golden['kmnist/urls'].tolist())
    assert [svhn._SVHN_BASE + split + '_32x32.mat' for split in ('train', 'test', 'extra')] == (
        golden['svhn/urls'].tolist())


def test_kuzushiji_mnist_labels(golden):
    labels = D.get_kuzushiji_mnist_labels()
    assert type(labels) is list and all(type(label) is tuple for label in labels)
    assert labels == list(zip(golden['kmnist/labels/romaji'].tolist(),
                              golden['kmnist/labels/char'].tolist()))
    labels.clear()  # a fresh list each time
    assert len(D.get_kuzushiji_mnist_labels()) == 10


@pytest.mark.parametrize('key', ['kmnist', 'svhn'])
def test_first_call_downloads_converts_and_matches_chainer(root, golden, requests, key):
    _fill_download_cache(root, golden, key)
    _check(GET[key](), golden, key + '/first', full=True)
    # Chainer asked for each file once, in this order.
    assert requests == golden[key + '/requests'].tolist()
    del requests[:]
    GET[key]()
    assert requests == golden[key + '/requests/second'].tolist() == []


def test_kuzushiji_mnist_options_match_chainer(root, golden, requests):
    _fill_download_cache(root, golden, 'kmnist')
    for j, case in enumerate(KMNIST_CASES):
        _check(_call(D.get_kuzushiji_mnist, case), golden, 'kmnist/%d' % j)
    train, _ = D.get_kuzushiji_mnist(ndim=3, rgb_format=True)
    x, _ = train[0]
    numpy.testing.assert_array_equal(x[0], x[2])  # the grey channel three times
    labels = golden['kmnist/first/train/t']
    assert labels.min() >= 0 and labels.max() <= 9


def test_svhn_options_match_chainer(root, golden, requests):
    _fill_download_cache(root, golden, 'svhn')
    train, test = D.get_svhn()
    assert requests == golden['svhn/requests'].tolist()
    assert golden['svhn/first/train/t'].tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]
    del requests[:]
    D.get_svhn(add_extra=True)
    assert requests == golden['svhn/requests/extra'].tolist()
    for j, case in enumerate(SVHN_CASES):
        _check(_call(D.get_svhn, case), golden, 'svhn/%d' % j)


def test_svhn_image_layout(root, golden, requests):
    """Image n, channel c, row i, column j is X[i, j, c, n] of the .mat file."""
    scipy_io = pytest.importorskip('scipy.io')
    _fill_download_cache(root, golden, 'svhn')
    mat = scipy_io.loadmat(io.BytesIO(golden['svhn/raw/1'].tobytes()))
    images = D.get_svhn(withlabel=False, scale=255., dtype=numpy.float64)[1]
    numpy.testing.assert_array_equal(images, mat['X'].transpose(3, 2, 0, 1))
    assert images[1, 2, 3, 4] == mat['X'][3, 4, 2, 1]


@pytest.mark.parametrize('key', ['kmnist', 'svhn'])
def test_cache_files_match_chainer(root, golden, requests, key):
    _fill_download_cache(root, golden, key)
    GET[key](add_extra=True) if key == 'svhn' else GET[key]()
    cached = root / 'pfnet' / 'chainer' / DIRECTORY[key]
    assert sorted(os.listdir(cached)) == golden[key + '/cache/files'].tolist()
    assert sorted(os.listdir(root / '_dl_cache')) == sorted(
        str(golden['%s/dl_cache/%d' % (key, i)]) for i in range(len(golden[key + '/urls'])))
    for name in golden[key + '/cache/files'].tolist():
        prefix = '%s/npz/%s' % (key, name)
        chainer_file = io.BytesIO(golden['%s/cache/%s' % (key, name)].tobytes())
        with numpy.load(cached / name, allow_pickle=False) as z, \
                numpy.load(chainer_file, allow_pickle=False) as expected:
            assert sorted(z.zip.namelist()) == golden[prefix].tolist()
            compressed = all(info.compress_type == 8 for info in z.zip.infolist())
            assert compressed == bool(golden[prefix + '/deflated'])
            for array_name in expected.files:
                a, b = z[array_name], expected[array_name]
                assert a.dtype == b.dtype and a.shape == b.shape, (name, array_name)
                numpy.testing.assert_array_equal(a, b)
                fortran = a.flags.f_contiguous and not a.flags.c_contiguous
                assert fortran == bool(golden['%s/%s/fortran' % (prefix, array_name)])


@pytest.mark.parametrize('key', ['kmnist', 'svhn'])
def test_second_call_reads_the_cache_not_the_raw_files(root, golden, requests, key):
    _fill_download_cache(root, golden, key)
    GET[key]()
    for name in os.listdir(root / '_dl_cache'):
        os.remove(root / '_dl_cache' / name)
    del requests[:]
    _check(GET[key](), golden, key + '/first', full=True)
    assert requests == []
    assert os.listdir(root / '_dl_cache') == []
    # What is returned comes from the converted files.
    cached = root / 'pfnet' / 'chainer' / DIRECTORY[key]
    with numpy.load(cached / 'test.npz') as z:
        raw = {k: z[k] for k in z.files}
    raw['y'] = numpy.full_like(raw['y'], 10 if key == 'svhn' else 6)
    with open(cached / 'test.npz', 'wb') as f:
        numpy.savez_compressed(f, **raw)
    assert GET[key]()[1][0][1] == (0 if key == 'svhn' else 6)


@pytest.mark.parametrize('key', ['kmnist', 'svhn'])
def test_reads_a_cache_written_by_chainer(root, golden, requests, no_scipy, key):
    _fill_converted_cache(root, golden, key)
    _check(GET[key](), golden, key + '/first', full=True)
    assert requests == []
    if key == 'svhn':  # converted files are read without SciPy
        _check(D.get_svhn(add_extra=True), golden, 'svhn/3')


def test_svhn_without_scipy(root, golden, requests, no_scipy):
    _fill_download_cache(root, golden, 'svhn')
    with pytest.raises(ImportError, match='SciPy is not available: .*pip install scipy') as info:
        D.get_svhn()
    # Chainer raises a RuntimeError with the same beginning.
    assert isinstance(info.value, RuntimeError)
    type_name, message = str(golden['error/svhn_no_scipy']).split(': ', 1)
    assert type_name == 'RuntimeError' and message.startswith('SciPy is not available: ')
    assert str(info.value).startswith('SciPy is not available: ')
    assert requests == []  # nothing is downloaded first
    assert os.listdir(root / 'pfnet' / 'chainer' / 'svhn') == []


@pytest.mark.parametrize('key', ['kmnist', 'svhn'])
def test_download_failure_names_the_url(root, golden, requests, key):
    with pytest.raises(urllib.error.URLError) as info:
        GET[key]()
    first_url = golden[key + '/urls'][0]
    assert golden['error/%s_offline/requests' % key].tolist() == [first_url]
    assert str(golden['error/%s_offline' % key]).startswith('URLError: ')
    message = str(info.value)
    assert first_url in message and 'Name or service not known' in message
    assert os.path.join(str(root), '_dl_cache') in message
    assert os.listdir(root / '_dl_cache') == []
    assert os.listdir(root / 'pfnet' / 'chainer' / DIRECTORY[key]) == []
    # With the first file(s) cached, the next missing one is named.
    _fill_download_cache(root, golden, key, which=[0])
    second_url = str(golden[key + '/urls'][1])
    with pytest.raises(urllib.error.URLError, match=second_url.replace('.', r'\.')):
        GET[key]()


def test_other_download_errors_name_the_url(root, monkeypatch):
    def timeout(url, *args, **kwargs):
        raise TimeoutError('timed out')

    monkeypatch.setattr(urllib.request, 'urlopen', timeout)
    with pytest.raises(OSError, match='SVHN file .*train_32x32.mat .*timed out') as info:
        D.get_svhn()
    assert not isinstance(info.value, urllib.error.URLError)
    with pytest.raises(OSError, match='Kuzushiji-MNIST file .*train-images.*timed out'):
        D.get_kuzushiji_mnist()


@pytest.mark.parametrize('ndim', [0, 4])
def test_kuzushiji_mnist_invalid_ndim(root, golden, requests, ndim):
    expected_type, expected = str(golden['error/kmnist_ndim%d' % ndim]).split(': ')
    with pytest.raises(ValueError, match='invalid ndim for Kuzushiji-MNIST dataset') as info:
        D.get_kuzushiji_mnist(ndim=ndim)
    assert type(info.value).__name__ == expected_type
    assert expected.replace('MNIST', 'Kuzushiji-MNIST') in str(info.value)
    assert requests == []  # checked first (Chainer downloads the training files first)


def test_svhn_bad_mat_file(root, golden, requests):
    scipy_io = pytest.importorskip('scipy.io')
    _fill_download_cache(root, golden, 'svhn')
    train_file = root / '_dl_cache' / str(golden['svhn/dl_cache/0'])
    with open(train_file, 'wb') as f:
        scipy_io.savemat(f, {'X': numpy.zeros((32, 32, 3, 2), numpy.uint8)})
    with pytest.raises(ValueError, match='not an SVHN file: it has no y'):
        D.get_svhn()
    with open(train_file, 'wb') as f:
        scipy_io.savemat(f, {'X': numpy.zeros((32, 32, 3, 2), numpy.uint8),
                             'y': numpy.ones((3, 1), numpy.uint8)})
    with pytest.raises(ValueError, match=r'X of shape \(32, 32, 3, 2\) and y of shape \(3, 1\)'):
        D.get_svhn()
    assert os.listdir(root / 'pfnet' / 'chainer' / 'svhn') == []
