"""Image datasets against goldens from Chainer 7.8.1 (tools/goldens/image_datasets.py).

The images, list files and zip archives are rebuilt in tmp_path by the golden script's
own make_arrays/make_files, and the error cases come from its error_cases.
"""
import importlib.util
import os
import pickle
import subprocess
import sys
import threading

import numpy
import pytest

import chainlite
from chainlite import datasets as D
from chainlite.datasets import image_dataset

import golden_scripts

GOLDEN = golden_scripts.data('image_datasets')
golden_script = golden_scripts.script('image_datasets')

needs_pillow = pytest.mark.skipif(importlib.util.find_spec('PIL') is None,
                                  reason='Pillow is not installed')


def same(actual, key):
    expected = GOLDEN[key]
    assert isinstance(actual, numpy.ndarray), key
    assert actual.dtype == expected.dtype, key
    assert actual.shape == expected.shape, key
    numpy.testing.assert_array_equal(actual, expected, err_msg=key)


@pytest.fixture
def root(tmp_path):
    arrays = golden_script.make_arrays()
    for key, value in arrays.items():
        same(value, 'src/' + key)
    golden_script.make_files(str(tmp_path), arrays)
    return str(tmp_path)


def path(root, *parts):
    return os.path.join(root, *parts)


@needs_pillow
def test_image_dataset_modes(root):
    files = [name + '.png' for name in golden_script.NAMES] + ['sub/rgb.png']
    ds = D.ImageDataset(files, root=root)
    assert len(ds) == GOLDEN['image/len'] == 8
    for k, name in enumerate(files):
        same(ds[k], 'image/' + name)
    same(ds[-1], 'image/negative')
    assert [x.shape for x in ds[1:6:2]] == [tuple(s) for s in GOLDEN['image/slice_shapes']]
    assert [x.shape for x in ds[[5, 0]]] == [tuple(s) for s in GOLDEN['image/list_shapes']]
    assert [x.shape for x in ds[numpy.array([5, 0])]] == [(1, 3, 4), (1, 3, 4)]
    # the layout in words: (channels, height, width), palette images as their indices
    assert ds[0].shape == (1, 3, 4) and ds[2].shape == (4, 3, 4) and ds[3].shape == (2, 3, 4)
    numpy.testing.assert_array_equal(ds[4][0], golden_script.make_arrays()['p'])


@needs_pillow
def test_image_dataset_list_file_root_and_dtypes(root):
    listed = D.ImageDataset(path(root, 'list.txt'), root=root)
    assert len(listed) == GOLDEN['list/len'] == 4  # the empty line is kept, as ''
    for k in (0, 1, 3):
        same(listed[k], 'list/%d' % k)
    assert str(D.ImageDataset([path(root, 'l.png')])[0].shape) == GOLDEN['default_root']
    for dtype in ('uint8', 'float64', 'int32', 'float16'):
        ds = D.ImageDataset(['rgb.png', 'i16.png', 'bw.png'], root=root, dtype=dtype)
        for k, name in enumerate(['rgb', 'i16', 'bw']):
            same(ds[k], 'dtype/%s/%s' % (dtype, name))
    with chainlite.using_config('dtype', numpy.float64):
        ds = D.ImageDataset(['l.png'], root=root)
    assert str(ds[0].dtype) == GOLDEN['config_dtype'] == 'float64'  # fixed when made
    x = D.ImageDataset(['l.png'], root=root, dtype=numpy.uint8)[0]
    x[0, 0, 0] = 1  # a NumPy array of its own


@needs_pillow
def test_labeled_image_dataset(root):
    ds = D.LabeledImageDataset(path(root, 'pairs.txt'), root=root)
    assert len(ds) == GOLDEN['pairs/len'] == 4
    for k in range(len(ds)):
        x, t = ds[k]
        same(x, 'pairs/%d/x' % k)
        same(t, 'pairs/%d/t' % k)
    listed = D.LabeledImageDataset([('l.png', 3), ('rgb.png', 1.7), ('p.png', '4')], root)
    same(numpy.stack([t for _, t in listed[:]]), 'pairs_list/t')
    same(listed[0][0], 'pairs_list/x0')
    x, t = D.LabeledImageDataset([('rgba.png', 3)], root, dtype=numpy.uint8,
                                 label_dtype=numpy.float32)[0]
    same(x, 'pairs_dtypes/x')
    same(t, 'pairs_dtypes/t')
    same(D.LabeledImageDataset([('l.png', 300)], root, label_dtype=numpy.uint8)[0][1],
         'pairs_wrap/t')


@needs_pillow
def test_zipped_image_dataset(root):
    ds = D.ZippedImageDataset(path(root, 'a.zip'))
    assert len(ds) == GOLDEN['zip/len'] == 5  # archive order, the directory left out
    for k in range(4):
        same(ds[k], 'zip/%d' % k)
    same(ds['sub/l.png'], 'zip/by_name')
    same(ds.get_example('sub/l.png'), 'zip/by_name')
    same(ds[numpy.int64(1)], 'zip/1')  # (Chainer takes a NumPy integer for a name)
    same(D.ZippedImageDataset(path(root, 'a.zip'), 'float64')[0], 'zip/float64')
    clone = pickle.loads(pickle.dumps(ds))
    assert clone._zf is None  # the archive is reopened on first use
    same(clone[2], 'zip/2')
    same(pickle.loads(pickle.dumps(ds))[2], 'zip/unpickled')
    with pytest.raises(Exception) as info:
        ds[4]
    assert type(info.value).__name__ == GOLDEN['zip/not_image']


@needs_pillow
def test_zipped_image_dataset_threads(root):
    ds = D.ZippedImageDataset(path(root, 'a.zip'))
    results, errors = [], []

    def read():
        try:
            for _ in range(20):
                results.append([ds[k] for k in range(4)])
        except Exception as e:  # pragma: no cover (reported below)
            errors.append(e)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 80
    for batch in results:
        for k in range(4):
            same(batch[k], 'zip/%d' % k)


@needs_pillow
def test_labeled_zipped_image_dataset(root):
    ds = D.LabeledZippedImageDataset(path(root, 'a.zip'), path(root, 'zlabels.txt'))
    assert len(ds) == GOLDEN['zlabels/len'] == 3
    for k in range(len(ds)):
        x, t = ds[k]
        same(x, 'zlabels/%d/x' % k)
        same(t, 'zlabels/%d/t' % k)
    x, t = D.LabeledZippedImageDataset(path(root, 'a.zip'), path(root, 'zlabels.txt'),
                                       dtype=numpy.uint8, label_dtype=numpy.int64)[1]
    same(x, 'zlabels_dtypes/x')
    same(t, 'zlabels_dtypes/t')
    same(pickle.loads(pickle.dumps(ds))[2][1], 'zlabels/2/t')


@needs_pillow
def test_multi_zipped_image_dataset(root):
    ds = D.MultiZippedImageDataset([path(root, name)
                                    for name in ('b.zip', 'empty.zip', 'a.zip')])
    assert len(ds) == GOLDEN['multi/len'] == 7
    for k in range(6):
        same(ds[k], 'multi/%d' % k)
    assert [x.shape for x in ds[1:3]] == [GOLDEN['multi/1'].shape, GOLDEN['multi/2'].shape]
    assert len(D.MultiZippedImageDataset([])) == GOLDEN['multi/empty_len'] == 0
    same(D.MultiZippedImageDataset([path(root, 'b.zip')], dtype=numpy.float16)[1],
         'multi/float16')
    same(pickle.loads(pickle.dumps(ds))[3], 'multi/3')


@needs_pillow
@pytest.mark.parametrize('case', sorted(k[len('error/'):] for k in GOLDEN.files
                                        if k.startswith('error/')))
def test_errors(root, case):
    f = golden_script.error_cases(D, root)[case]
    actual = golden_script.record_error(f, root)
    expected = str(GOLDEN['error/' + case])
    if case == 'zlabels_1field':
        # Chainer writes the label file object's repr; chainlite writes its name
        assert expected.startswith('ValueError: invalid format at line 1 in file <_io.')
        assert actual == 'ValueError: invalid format at line 1 in file ' \
                         '<root>/zlabels_1field.txt'
    else:
        assert actual == expected


@needs_pillow
def test_every_error_case_is_in_the_golden(root):
    cases = set(golden_script.error_cases(D, root))
    assert cases == {k[len('error/'):] for k in GOLDEN.files if k.startswith('error/')}


def test_no_pillow(monkeypatch, tmp_path):
    assert str(GOLDEN['no_pillow']) == 'ImportError at construction'
    monkeypatch.setitem(sys.modules, 'PIL', None)
    monkeypatch.setitem(sys.modules, 'PIL.Image', None)
    (tmp_path / 'a.pgm').write_bytes(b'P5 1 1 255\n\x07')
    assert image_dataset.available is False
    for make in (lambda: D.ImageDataset(['a.pgm'], root=str(tmp_path)),
                 lambda: D.LabeledImageDataset([('a.pgm', 0)], root=str(tmp_path)),
                 lambda: D.ZippedImageDataset(str(tmp_path / 'missing.zip')),
                 lambda: D.LabeledZippedImageDataset('missing.zip', 'missing.txt'),
                 lambda: D.MultiZippedImageDataset([])):
        with pytest.raises(ImportError, match=r"Install Pillow \(pip install "
                                              r"'chainlite\[image\]'\)"):
            make()
    with pytest.raises(ImportError, match='Install Pillow'):
        image_dataset._read_image_as_array(str(tmp_path / 'a.pgm'), numpy.float32)


@needs_pillow
def test_pillow_is_imported_lazily_and_available():
    assert image_dataset.available is True
    with pytest.raises(AttributeError):
        image_dataset.no_such_name
    code = ('import sys, chainlite, chainlite.datasets.image_dataset; '
            'assert "PIL" not in sys.modules')
    subprocess.run([sys.executable, '-c', code], check=True)


def test_signatures_match_chainer():
    import inspect
    assert str(inspect.signature(D.ImageDataset)) == "(paths, root='.', dtype=None)"
    assert str(inspect.signature(D.LabeledImageDataset)) == \
        "(pairs, root='.', dtype=None, label_dtype=<class 'numpy.int32'>)"
    assert str(inspect.signature(D.ZippedImageDataset)) == '(zipfilename, dtype=None)'
    assert str(inspect.signature(D.LabeledZippedImageDataset)) == \
        "(zipfilename, labelfilename, dtype=None, label_dtype=<class 'numpy.int32'>)"
    assert str(inspect.signature(D.MultiZippedImageDataset)) == '(zipfilenames, dtype=None)'
    for cls in (D.ImageDataset, D.LabeledImageDataset, D.ZippedImageDataset,
                D.LabeledZippedImageDataset, D.MultiZippedImageDataset):
        assert issubclass(cls, chainlite.dataset.DatasetMixin)
        assert getattr(image_dataset, cls.__name__) is cls
