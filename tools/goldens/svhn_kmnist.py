"""Golden file for chainlite.datasets.svhn and kuzushiji_mnist, written by real Chainer 7.8.1.

Run inside the reference venv (via tools/make_goldens.py; Chainer's get_svhn needs
SciPy there too) with the output path tests/data/svhn_kmnist.npz as argument. Chainer
is used as a black box: a urllib opener answers its requests with small stand-in files
made here from numpy.random.RandomState(0) (nothing goes to the network), and Chainer
downloads them into a temporary CHAINER_DATASET_ROOT with its own cached_download:

* Kuzushiji-MNIST: gzipped IDX files (MNIST's format), 5 training and 3 test images;
* SVHN: MATLAB files ``{train,test,extra}_32x32.mat`` with ``X`` (32, 32, 3, N) uint8
  and ``y`` (N, 1) uint8 (1..9 for the digits 1..9, 10 for the digit 0), written with
  scipy.io.savemat.

Recorded (``<set>`` is ``kmnist`` or ``svhn``):

* ``<set>/urls``: the URLs served; ``<set>/raw/<i>``: the bytes served for the i-th
  (uint8); ``<set>/dl_cache/<i>``: the name Chainer's download cache gave it;
* ``<set>/requests``: the URLs asked for by the first call on an empty cache
  (``svhn/requests/extra``: then by ``get_svhn(add_extra=True)``;
  ``<set>/requests/second``: by a repeat, which reads the converted cache);
* ``<set>/<case>/<split>/x`` and ``/t``: the images and labels returned for each case
  of KMNIST_CASES / SVHN_CASES (``t`` missing without labels; to keep the file small,
  only the first image except for the first call, case ``first``), ``/shape``: the
  shape of all the images, ``/type``: the class name of the returned dataset, ``/len``
  its length; ``<set>/<case>/n``: how many datasets were returned;
* ``<set>/cache/files``: the files Chainer wrote in pfnet/chainer/<dir>;
  ``<set>/cache/<name>``: their bytes; ``<set>/npz/<name>``: the members of each npz
  file, ``.../deflated``: whether compressed, ``.../<key>/fortran``: whether the array
  is stored in Fortran order;
* ``kmnist/labels/romaji`` and ``kmnist/labels/char``: get_kuzushiji_mnist_labels();
* ``error/<case>``: 'TypeName: message' of what Chainer raises, and
  ``error/<case>/requests``: the URLs asked for before it.
"""
import gzip
import io
import os
import subprocess
import sys
import zipfile

import numpy

import _offline  # (this folder: the scripts run with it on sys.path)

KMNIST_BASE = 'http://codh.rois.ac.jp/kmnist/dataset/kmnist/'
KMNIST_FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz',
                't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']
SVHN_BASE = 'http://ufldl.stanford.edu/housenumbers/'
SVHN_FILES = ['train_32x32.mat', 'test_32x32.mat', 'extra_32x32.mat']
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
]
SVHN_CASES = [
    {},
    {'withlabel': False},
    {'scale': 2., 'dtype': numpy.float64, 'label_dtype': numpy.uint8},
    {'add_extra': True},
    {'add_extra': True, 'withlabel': False, 'scale': 0.5},
    {'config_dtype': numpy.float16},
]


def _idx(magic, array):
    header = numpy.array([magic, len(array)] + list(array.shape[1:]), '>i4').tobytes()
    return gzip.compress(header + array.astype(numpy.uint8).tobytes(), mtime=0)


def make_files():
    """``{'kmnist': [bytes, ...], 'svhn': [bytes, ...]}`` in the order of the *_FILES."""
    import scipy.io
    rs = numpy.random.RandomState(0)
    kmnist = []
    for n in (5, 3):
        kmnist.append(_idx(2051, rs.randint(0, 256, (n, 28, 28))))
        kmnist.append(_idx(2049, rs.randint(0, 10, n)))
    svhn = []
    labels = [numpy.array([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
              numpy.array([3, 10, 7]), numpy.array([10, 9])]
    for y in labels:
        x = rs.randint(0, 256, (32, 32, 3, len(y))).astype(numpy.uint8)
        f = io.BytesIO()
        scipy.io.savemat(f, {'X': x, 'y': y.astype(numpy.uint8)[:, None]})
        svhn.append(f.getvalue())
    return {'kmnist': kmnist, 'svhn': svhn}


def _record_result(out, prefix, result, full=False):
    out[prefix + '/n'] = numpy.array(len(result))
    for split, dataset in zip(('train', 'test', 'extra'), result):
        out['%s/%s/type' % (prefix, split)] = numpy.array(type(dataset).__name__)
        out['%s/%s/len' % (prefix, split)] = numpy.array(len(dataset))
        if isinstance(dataset, numpy.ndarray):
            x = dataset
        else:
            examples = [dataset[i] for i in range(len(dataset))]
            x = numpy.stack([x for x, _ in examples])
            out['%s/%s/t' % (prefix, split)] = numpy.stack([t for _, t in examples])
        out['%s/%s/shape' % (prefix, split)] = numpy.array(x.shape)
        out['%s/%s/x' % (prefix, split)] = x if full else x[:1]  # to keep the file small


def _call(function, case):
    import chainer
    case = dict(case)
    config_dtype = case.pop('config_dtype', None)
    if config_dtype is None:
        return function(**case)
    with chainer.using_config('dtype', config_dtype):
        return function(**case)


def _record_cache(out, prefix, directory):
    names = sorted(os.listdir(directory))
    out[prefix + '/cache/files'] = numpy.array(names)
    for name in names:
        path = os.path.join(directory, name)
        with open(path, 'rb') as f:
            out['%s/cache/%s' % (prefix, name)] = numpy.frombuffer(f.read(), numpy.uint8)
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            out['%s/npz/%s' % (prefix, name)] = numpy.array([i.filename for i in infos])
            out['%s/npz/%s/deflated' % (prefix, name)] = numpy.array(
                all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos))
        with numpy.load(path) as z:
            for key in z.files:
                out['%s/npz/%s/%s/fortran' % (prefix, name, key)] = numpy.array(
                    z[key].flags.f_contiguous and not z[key].flags.c_contiguous)


def _error(out, name, log, function, **kwargs):
    del log[:]
    try:
        function(**kwargs)
        out['error/' + name] = numpy.array('no error')
    except Exception as e:  # record whatever Chainer does
        out['error/' + name] = numpy.array('%s: %s' % (type(e).__name__, e))
    out['error/%s/requests' % name] = numpy.array(log, dtype=str).reshape(-1)


_NO_SCIPY = '''
import os, sys, tempfile
sys.modules['scipy'] = None
sys.modules['scipy.io'] = None
os.environ['CHAINER_DATASET_ROOT'] = tempfile.mkdtemp()
import chainer
try:
    chainer.datasets.get_svhn()
    print('no error')
except Exception as e:
    print('%s: %s' % (type(e).__name__, e))
'''


def main():
    out_path = sys.argv[1]
    root = _offline.fresh_root()
    import chainer
    files = make_files()
    urls = {'kmnist': [KMNIST_BASE + name for name in KMNIST_FILES],
            'svhn': [SVHN_BASE + name for name in SVHN_FILES]}
    served = {}
    out = {}
    for key in ('kmnist', 'svhn'):
        out[key + '/urls'] = numpy.array(urls[key])
        for i, (url, data) in enumerate(zip(urls[key], files[key])):
            served[url] = data
            out['%s/raw/%d' % (key, i)] = numpy.frombuffer(data, numpy.uint8)
    log = []
    _offline.serve(served, log)

    get = {'kmnist': chainer.datasets.get_kuzushiji_mnist, 'svhn': chainer.datasets.get_svhn}
    cases = {'kmnist': KMNIST_CASES, 'svhn': SVHN_CASES}
    for key in ('kmnist', 'svhn'):
        del log[:]
        result = get[key]()
        out[key + '/requests'] = numpy.array(log)
        _record_result(out, key + '/first', result, True)
        del log[:]
        get[key]()
        out[key + '/requests/second'] = numpy.array(log, dtype=str).reshape(-1)
        if key == 'svhn':
            get[key](add_extra=True)
            out['svhn/requests/extra'] = numpy.array(log)
        for j, case in enumerate(cases[key]):
            _record_result(out, '%s/%d' % (key, j), _call(get[key], case))

    from chainer.dataset import download
    for key in ('kmnist', 'svhn'):
        for i, url in enumerate(urls[key]):  # already cached: where the cache keeps it
            path = download.cached_download(url)
            assert os.path.dirname(path) == os.path.join(root, '_dl_cache'), path
            out['%s/dl_cache/%d' % (key, i)] = numpy.array(os.path.basename(path))
    _record_cache(out, 'kmnist', os.path.join(root, 'pfnet', 'chainer', 'kuzushiji_mnist'))
    _record_cache(out, 'svhn', os.path.join(root, 'pfnet', 'chainer', 'svhn'))

    labels = chainer.datasets.get_kuzushiji_mnist_labels()
    out['kmnist/labels/type'] = numpy.array(
        [type(labels).__name__] + sorted({type(label).__name__ for label in labels}))
    out['kmnist/labels/romaji'] = numpy.array([romaji for romaji, _ in labels])
    out['kmnist/labels/char'] = numpy.array([char for _, char in labels])

    _offline.fresh_root()
    _error(out, 'kmnist_ndim4', log, chainer.datasets.get_kuzushiji_mnist, ndim=4)
    _error(out, 'kmnist_ndim0', log, chainer.datasets.get_kuzushiji_mnist, ndim=0)
    _offline.fresh_root()
    _offline.serve({}, log)
    _error(out, 'svhn_offline', log, chainer.datasets.get_svhn)
    _error(out, 'kmnist_offline', log, chainer.datasets.get_kuzushiji_mnist)
    no_scipy = subprocess.run([sys.executable, '-c', _NO_SCIPY], check=True,
                              stdout=subprocess.PIPE, universal_newlines=True).stdout
    out['error/svhn_no_scipy'] = numpy.array(no_scipy.strip().splitlines()[-1])

    numpy.savez_compressed(out_path, **out)


if __name__ == '__main__':
    main()
