"""Dataset containers, splits, and the image data sets (offline), against Chainer 7.8.1 goldens."""
import gzip
import io
import os
import pathlib
import tarfile

import numpy
import pytest

from chainlite import dataset as dataset_module
from chainlite import datasets as D
from chainlite.datasets import cifar, fashion_mnist, mnist

DATA = pathlib.Path(__file__).parent / 'data'


@pytest.fixture(scope='module')
def golden():
    with numpy.load(DATA / 'chainer_datasets.npz') as z:
        return {k: z[k] for k in z.files}


def test_tuple_dataset():
    a, b = numpy.arange(10) * 10, numpy.arange(10)
    ds = D.TupleDataset(a, b)
    assert len(ds) == 10 and ds[3] == (30, 3) and ds[-1] == (90, 9)
    assert ds[1:4] == [(10, 1), (20, 2), (30, 3)] and ds[1:4:2] == [(10, 1), (30, 3)]
    xs, ts = ds[[1, 2]]
    assert xs.tolist() == [10, 20] and ts.tolist() == [1, 2]
    with pytest.raises(ValueError, match='no datasets'):
        D.TupleDataset()
    with pytest.raises(ValueError, match='index 1 has a wrong length'):
        D.TupleDataset(a, b[:3])


def test_dict_dataset():
    ds = D.DictDataset(x=numpy.arange(10) * 10, y=numpy.arange(10))
    assert len(ds) == 10 and ds[3] == {'x': 30, 'y': 3}
    assert ds[1:3] == [{'x': 10, 'y': 1}, {'x': 20, 'y': 2}]
    assert ds[[1, 2]]['x'].tolist() == [10, 20]
    with pytest.raises(ValueError, match='no datasets'):
        D.DictDataset()
    with pytest.raises(ValueError, match='conflicts at "y"'):
        D.DictDataset(x=[1, 2, 3], y=[1, 2])


def test_sub_dataset():
    a = numpy.arange(10) * 10
    ds = D.SubDataset(a, 2, 6)
    assert len(ds) == 4 and ds[0] == 20 and ds[-1] == 50 and ds[1:3] == [30, 40]
    assert ds[numpy.array([0, 1])] == [20, 30]
    with pytest.raises(IndexError):
        ds[4]
    with pytest.raises(IndexError):
        ds[-5]
    ordered = D.SubDataset(a, 2, 6, order=numpy.arange(10)[::-1])
    assert [ordered[i] for i in range(4)] == [70, 60, 50, 40] and ordered[::-1] == [40, 50, 60, 70]
    with pytest.raises(ValueError, match='len\\(order\\) = 3 while len\\(dataset\\) = 10'):
        D.SubDataset(a, 2, 6, order=numpy.arange(3))
    with pytest.raises(ValueError, match='overruns'):
        D.SubDataset(a, 0, 12)
    with pytest.raises(ValueError, match='overruns'):
        D.SubDataset(a, -1, 2)
    with pytest.raises(ValueError, match='before start'):
        D.SubDataset(a, 5, 2)


def test_split_dataset():
    a = numpy.arange(10) * 10
    first, second = D.split_dataset(a, 3)
    assert list(first) == [0, 10, 20] and list(second) == [30, 40, 50, 60, 70, 80, 90]
    assert list(D.split_dataset(a, numpy.int64(3))[0]) == [0, 10, 20]
    with pytest.raises(ValueError, match='exceeds'):
        D.split_dataset(a, 11)
    with pytest.raises(ValueError, match='non-negative'):
        D.split_dataset(a, -1)
    with pytest.raises(TypeError, match='must be int'):
        D.split_dataset(a, 3.0)
    with pytest.raises(ValueError, match='same length'):
        D.split_dataset(a, 3, order=numpy.arange(4))
    with pytest.raises(ValueError, match='positive'):
        D.split_dataset_n(a, 0)


def test_random_splits_and_folds_match_chainer(golden):
    base = numpy.arange(10)
    for name, parts in (('split_random_3_seed0', D.split_dataset_random(base, 3, seed=0)),
                        ('split_n_3', D.split_dataset_n(base, 3)),
                        ('split_n_random_3_seed1', D.split_dataset_n_random(base, 3, seed=1))):
        for j, part in enumerate(parts):
            numpy.testing.assert_array_equal(list(part), golden['%s/%d' % (name, j)])
    for name, folds in (
            ('cv_3', D.get_cross_validation_datasets(base, 3)),
            ('cv_4_reversed', D.get_cross_validation_datasets(base, 4, order=base[::-1].copy())),
            ('cv_random_3_seed0', D.get_cross_validation_datasets_random(base, 3, seed=0))):
        for j, (train, test) in enumerate(folds):
            numpy.testing.assert_array_equal(list(train), golden['%s/%d/train' % (name, j)])
            numpy.testing.assert_array_equal(list(test), golden['%s/%d/test' % (name, j)])


def test_cross_validation_arguments():
    base = list(range(6))
    assert [list(t) for _, t in D.get_cross_validation_datasets(base, n_fold=2)] == [
        [3, 4, 5], [0, 1, 2]]
    with pytest.raises(TypeError, match='n_folds is required'):
        D.get_cross_validation_datasets(base)
    with pytest.raises(ValueError, match=r'n_folds must be an int in \[1, 6\]'):
        D.get_cross_validation_datasets(base, 7)
    with pytest.raises(TypeError, match='unexpected'):
        D.get_cross_validation_datasets(base, 2, foo=1)


def test_transform_and_concatenated():
    tf = D.TransformDataset(numpy.arange(5), lambda x: -x)
    assert len(tf) == 5 and tf[2] == -2 and tf[1:3] == [-1, -2] and tf[[0, 4]] == [0, -4]
    cd = D.ConcatenatedDataset([0, 1, 2], [], [10, 11, 12, 13])
    assert len(cd) == 7
    assert [cd[i] for i in range(7)] == [0, 1, 2, 10, 11, 12, 13]
    assert cd[-1] == 13 and cd[-7] == 0 and cd[1:5] == [1, 2, 10, 11]
    for bad in (7, -8):
        with pytest.raises(IndexError, match='out of range'):
            cd[bad]
    assert len(D.ConcatenatedDataset()) == 0


def test_dataset_mixin():
    class Squares(dataset_module.DatasetMixin):
        def __len__(self):
            return 5

        def get_example(self, i):
            return i * i

    s = Squares()
    assert (s[2], s[1:3], s[[0, 4]]) == (4, [1, 4], [0, 16])
    assert (s[numpy.array([1])], s[::2]) == ([1], [0, 4, 16])
    with pytest.raises(NotImplementedError):
        dataset_module.DatasetMixin().get_example(0)


# -- image data sets, offline ------------------------------------------------------------

def _write_idx(path, magic, array):
    header = numpy.array([magic, len(array)] + list(array.shape[1:]), '>i4').tobytes()
    with gzip.open(path, 'wb') as f:
        f.write(header + array.astype(numpy.uint8).tobytes())


def _serve_mnist(tmp_path, monkeypatch, module, attr, golden):
    served = tmp_path / 'served'
    served.mkdir()
    for split, (images, labels) in mnist.IDX_FILES.items():
        x = golden['mnist_raw/%s/x' % split].reshape(-1, 28, 28)
        _write_idx(served / images, 2051, x)
        _write_idx(served / labels, 2049, golden['mnist_raw/%s/y' % split])
    monkeypatch.setattr(module, attr, served.as_uri() + '/')


MNIST_CASES = [{}, {'ndim': 2}, {'ndim': 3, 'rgb_format': True, 'scale': 3.},
               {'dtype': numpy.float64, 'scale': 0.7, 'label_dtype': numpy.int64},
               {'dtype': numpy.float16}]


def test_get_mnist_downloads_converts_and_matches_chainer(root, tmp_path, monkeypatch, golden):
    _serve_mnist(tmp_path, monkeypatch, mnist, '_MNIST_BASE', golden)
    for j, kw in enumerate(MNIST_CASES):
        train, test = D.get_mnist(**kw)
        assert isinstance(train, D.TupleDataset) and len(train) == 2 and len(test) == 2
        x = numpy.stack([x for x, _ in test])
        t = numpy.stack([t for _, t in test])
        expected_x, expected_t = golden['mnist/%d/x' % j], golden['mnist/%d/t' % j]
        assert x.dtype == expected_x.dtype and t.dtype == expected_t.dtype
        numpy.testing.assert_array_equal(x, expected_x)
        numpy.testing.assert_array_equal(t, expected_t)
    numpy.testing.assert_array_equal(D.get_mnist(withlabel=False)[0],
                                     golden['mnist/withlabel_false'])
    cached = root / 'pfnet' / 'chainer' / 'mnist'
    assert sorted(os.listdir(cached)) == ['test.npz', 'train.npz']
    with numpy.load(cached / 'train.npz') as z:
        assert z['x'].dtype == numpy.uint8 and z['x'].shape == (2, 784)
    with pytest.raises(ValueError, match='invalid ndim for MNIST'):
        D.get_mnist(ndim=4)


def test_get_fashion_mnist(root, tmp_path, monkeypatch, golden):
    _serve_mnist(tmp_path, monkeypatch, fashion_mnist, '_FASHION_BASE', golden)
    train, test = D.get_fashion_mnist(ndim=2)
    numpy.testing.assert_array_equal(numpy.stack([x for x, _ in test]), golden['mnist/1/x'])
    assert (root / 'pfnet' / 'chainer' / 'fashion-mnist' / 'test.npz').exists()
    labels = D.get_fashion_mnist_labels()
    assert len(labels) == 10 and labels[0] == 'T-shirt/top' and labels[9] == 'Ankle boot'


def test_bad_idx_file_is_reported(root, tmp_path, monkeypatch, golden):
    _serve_mnist(tmp_path, monkeypatch, mnist, '_MNIST_BASE', golden)
    _write_idx(tmp_path / 'served' / mnist.IDX_FILES['train'][0], 2049, numpy.zeros((2, 28, 28)))
    with pytest.raises(ValueError, match='IDX header'):
        D.get_mnist()
    assert not (root / 'pfnet' / 'chainer' / 'mnist' / 'train.npz').exists()


def _write_cifar(path, golden):
    def records(split):
        x, y = golden['cifar_raw/%s_x' % split], golden['cifar_raw/%s_y' % split]
        return numpy.concatenate([y[:, None], x], axis=1).astype(numpy.uint8).tobytes()

    members = {'cifar-10-batches-bin/data_batch_1.bin': records('train'),
               'cifar-10-batches-bin/test_batch.bin': records('test')}
    for i in range(2, 6):
        members['cifar-10-batches-bin/data_batch_%d.bin' % i] = b''
    with tarfile.open(path, 'w:gz') as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_get_cifar10_matches_chainer(root, tmp_path, monkeypatch, golden):
    archive = tmp_path / 'cifar-10-binary.tar.gz'
    _write_cifar(archive, golden)
    monkeypatch.setattr(cifar, '_CIFAR10_URL', archive.as_uri())
    for j, kw in enumerate([{}, {'ndim': 1, 'scale': 3.}, {'dtype': numpy.float64}]):
        train, test = D.get_cifar10(**kw)
        assert len(train) == 2 and len(test) == 1
        x = numpy.stack([x for x, _ in train])
        t = numpy.stack([t for _, t in train])
        assert x.dtype == golden['cifar/%d/x' % j].dtype and t.dtype == numpy.int32
        numpy.testing.assert_array_equal(x, golden['cifar/%d/x' % j])
        numpy.testing.assert_array_equal(t, golden['cifar/%d/t' % j])
    assert D.get_cifar10(withlabel=False)[1].shape == (1, 3, 32, 32)
    assert (root / 'pfnet' / 'chainer' / 'cifar' / 'cifar-10.npz').exists()
    with pytest.raises(ValueError, match='invalid ndim for CIFAR'):
        D.get_cifar10(ndim=2)


def test_cifar_bad_record_size(root, tmp_path, monkeypatch):
    archive = tmp_path / 'bad.tar.gz'
    with tarfile.open(archive, 'w:gz') as tar:
        for name in cifar._CIFAR10_MEMBERS['train'] + cifar._CIFAR10_MEMBERS['test']:
            info = tarfile.TarInfo(name)
            info.size = 10
            tar.addfile(info, io.BytesIO(b'x' * 10))
    monkeypatch.setattr(cifar, '_CIFAR10_URL', archive.as_uri())
    with pytest.raises(ValueError, match='multiple of the 3073-byte record'):
        D.get_cifar10()


# -- the bundled digits --------------------------------------------------------------------

def test_digits_split_shapes_and_values():
    train, test = D.get_digits()
    assert (len(train), len(test)) == (1437, 360)
    x, t = train[0]
    assert x.shape == (64,) and x.dtype == numpy.float32 and t.dtype == numpy.int32
    images = numpy.stack([x for x, _ in train])
    assert images.min() == 0.0 and images.max() == 1.0
    numpy.testing.assert_array_equal(numpy.unique(images * 16), numpy.arange(17))
    counts = numpy.bincount([int(t) for _, t in test], minlength=10)
    assert counts.min() >= 33 and counts.max() <= 37
    assert D.get_digits(ndim=2)[0][5][0].shape == (8, 8)
    assert D.get_digits(ndim=3)[1][0][0].shape == (1, 8, 8)
    raw = D.get_digits(withlabel=False, scale=16., dtype=numpy.float64)[0]
    assert raw.shape == (1437, 64) and raw.dtype == numpy.float64 and raw.max() == 16.0
    with pytest.raises(ValueError, match='invalid ndim for digits'):
        D.get_digits(ndim=4)


def test_digits_are_real_handwritten_digits():
    # A nearest-class-mean classifier trained on the training split does well
    # on the test split only if images and labels belong together.
    train, test = D.get_digits()
    x, t = (numpy.stack(col) for col in zip(*train))
    xt, tt = (numpy.stack(col) for col in zip(*test))
    means = numpy.stack([x[t == k].mean(axis=0) for k in range(10)])
    predicted = ((xt[:, None, :] - means[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert (predicted == tt).mean() > 0.8  # about 0.85; shuffled labels give about 0.1
