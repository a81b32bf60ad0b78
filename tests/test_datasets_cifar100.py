"""datasets.get_cifar100 on a small archive in the binary CIFAR-100 format (offline)."""
import io
import tarfile

import numpy
import pytest

from chainlite import datasets as D
from chainlite.datasets import cifar


def _archive(path, rng, sizes):
    data = {}
    with tarfile.open(path, 'w:gz') as tar:
        for split, n in sizes.items():
            coarse = rng.randint(0, 20, n)
            fine = rng.randint(0, 100, n)
            pixels = rng.randint(0, 256, (n, 3072))
            data[split] = (fine, pixels)
            raw = numpy.concatenate([coarse[:, None], fine[:, None], pixels], axis=1)
            raw = raw.astype(numpy.uint8).tobytes()
            info = tarfile.TarInfo(cifar._CIFAR100_MEMBERS[split][0])
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return data


def test_get_cifar100_reads_fine_labels(root, tmp_path, monkeypatch, rng):
    archive = tmp_path / 'cifar-100-binary.tar.gz'
    data = _archive(archive, rng, {'train': 3, 'test': 2})
    monkeypatch.setattr(cifar, '_CIFAR100_URL', archive.as_uri())
    train, test = D.get_cifar100(scale=2.0)
    assert (len(train), len(test)) == (3, 2)
    fine, pixels = data['train']
    x, t = train[1]
    assert x.shape == (3, 32, 32) and x.dtype == numpy.float32 and t.dtype == numpy.int32
    numpy.testing.assert_allclose(x.ravel(), pixels[1] * (2.0 / 255), rtol=1e-6)
    assert [int(train[i][1]) for i in range(3)] == fine.tolist()
    assert (root / 'pfnet' / 'chainer' / 'cifar' / 'cifar-100.npz').exists()
    flat = D.get_cifar100(withlabel=False, ndim=1)[1]  # from the cache now
    assert flat.shape == (2, 3072)


def test_cifar100_bad_record_size(root, tmp_path, monkeypatch):
    archive = tmp_path / 'bad.tar.gz'
    with tarfile.open(archive, 'w:gz') as tar:
        for split in ('train', 'test'):
            info = tarfile.TarInfo(cifar._CIFAR100_MEMBERS[split][0])
            info.size = 10
            tar.addfile(info, io.BytesIO(b'x' * 10))
    monkeypatch.setattr(cifar, '_CIFAR100_URL', archive.as_uri())
    with pytest.raises(ValueError, match='CIFAR-100 archive: .* 3074-byte record'):
        D.get_cifar100()
