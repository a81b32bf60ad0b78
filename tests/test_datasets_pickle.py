"""Pickle datasets (chainer.datasets.pickle_dataset) against files Chainer 7.8.1 wrote
(tests/data/pickle_dataset.npz, made by tools/goldens/pickle_dataset.py)."""
import inspect
import io
import multiprocessing
import os
import pickle

import numpy
import pytest

from chainlite import datasets as D
from chainlite.datasets import pickle_dataset

import golden_scripts


G = golden_scripts.script('pickle_dataset')


@pytest.fixture(scope='module')
def golden():
    with golden_scripts.data('pickle_dataset') as z:
        return {k: z[k] for k in z.files}


def _raw(golden, name):
    return golden['raw/' + name].tobytes()


def _assert_encoded_equal(got, want):
    assert sorted(got) == sorted(want)
    for k in want:
        assert got[k].dtype == want[k].dtype, k
        numpy.testing.assert_array_equal(got[k], want[k], err_msg=k)


def _write(values, protocol=None, stream=None):
    stream = io.BytesIO() if stream is None else stream
    kwargs = {} if protocol is None else {'protocol': protocol}
    writer = D.PickleDatasetWriter(stream, **kwargs)
    for v in values:
        writer.write(v)
    writer.flush()
    return stream


def _chainer_encoding(golden, name, i):
    prefix = 'read/%s/%d' % (name, i)
    return {k: v for k, v in golden.items() if k.startswith(prefix + '/')}


# Chainer's numpy (1.x) pickles arrays by numpy.core names, which numpy 2 still reads.
@pytest.mark.filterwarnings('ignore:numpy.core.numeric is deprecated:DeprecationWarning')
@pytest.mark.parametrize('name', sorted(G.FILES))
def test_reads_files_chainer_wrote(golden, name):
    dataset = D.PickleDataset(io.BytesIO(_raw(golden, name)))
    assert len(dataset) == int(golden['len/' + name]) == len(G.FILES[name][1])
    for i in range(len(dataset)):
        prefix = 'read/%s/%d' % (name, i)
        got = G.encode(dataset[i], prefix)
        _assert_encoded_equal(got, _chainer_encoding(golden, name, i))
        _assert_encoded_equal(got, G.encode(G.FILES[name][1][i], prefix))


@pytest.mark.filterwarnings('ignore:numpy.core.numeric is deprecated:DeprecationWarning')
def test_open_pickle_dataset_reads_chainer_file(golden, tmp_path):
    path = tmp_path / 'chainer.pkl'
    path.write_bytes(_raw(golden, 'mixed_default'))
    with D.open_pickle_dataset(str(path)) as dataset:
        assert len(dataset) == int(golden['len/mixed_default'])
        x, t = dataset[5]
        numpy.testing.assert_array_equal(x, golden['read/mixed_default/5/0/value'])
        numpy.testing.assert_array_equal(t, golden['read/mixed_default/5/1/value'])
        assert dataset[3] == 'hello'


@pytest.mark.parametrize('name', ['plain_protocol0', 'plain_protocol4', 'plain_default',
                                  'empty'])
def test_writes_the_bytes_chainer_writes(golden, name):
    # Objects without numpy arrays pickle to the same bytes whatever the numpy version,
    # so Chainer's reader reads these files as it reads its own.
    protocol, values = G.FILES[name]
    assert _write(values, protocol).getvalue() == _raw(golden, name)


@pytest.mark.parametrize('name', ['mixed_default', 'mixed_protocol2'])
def test_round_trip(golden, name, tmp_path):
    protocol, values = G.FILES[name]
    path = str(tmp_path / 'a.pkl')
    kwargs = {} if protocol is None else {'protocol': protocol}
    with D.open_pickle_dataset_writer(path, **kwargs) as writer:
        for v in values:
            writer.write(v)
    with open(path, 'rb') as f:
        assert f.read(2) == b'\x80' + bytes([protocol or pickle.HIGHEST_PROTOCOL])
    with D.open_pickle_dataset(path) as dataset:
        assert len(dataset) == len(values)
        for i in range(len(values)):
            prefix = 'read/%s/%d' % (name, i)
            _assert_encoded_equal(G.encode(dataset[i], prefix),
                                  _chainer_encoding(golden, name, i))


def test_signatures_match_chainer():
    hp = pickle.HIGHEST_PROTOCOL
    assert str(inspect.signature(D.PickleDataset)) == '(reader)'
    assert str(inspect.signature(D.PickleDatasetWriter)) == '(writer, protocol=%d)' % hp
    assert str(inspect.signature(D.open_pickle_dataset)) == '(path)'
    assert str(inspect.signature(D.open_pickle_dataset_writer)) == '(path, protocol=%d)' % hp


def test_exports():
    assert D.pickle_dataset is pickle_dataset
    assert D.PickleDataset is pickle_dataset.PickleDataset
    assert D.PickleDatasetWriter is pickle_dataset.PickleDatasetWriter
    assert D.open_pickle_dataset is pickle_dataset.open_pickle_dataset
    assert D.open_pickle_dataset_writer is pickle_dataset.open_pickle_dataset_writer


def test_protocol_argument():
    assert _write([7, 'a'], protocol=0).getvalue() == b'I7\n.Va\np0\n.'
    assert _write([7], protocol=2).getvalue() == b'\x80\x02K\x07.'
    assert _write([7]).getvalue() == b'\x80%cK\x07.' % pickle.HIGHEST_PROTOCOL


def test_indexing_and_slicing():
    values = [10, 'b', (1, 2), None, 4.5]
    dataset = D.PickleDataset(_write(values))
    assert len(dataset) == 5
    assert dataset[0] == 10 and dataset[2] == (1, 2) and dataset[3] is None
    assert dataset[-1] == 4.5
    assert dataset.get_example(1) == 'b'
    assert dataset[1:3] == ['b', (1, 2)]
    assert dataset[::-1] == values[::-1]
    assert dataset[[4, 0]] == [4.5, 10]
    with pytest.raises(IndexError):
        dataset[5]


def test_reader_is_scanned_from_its_start():
    stream = _write([1, 2, 3])  # left at the end
    assert len(D.PickleDataset(stream)) == 3
    stream.seek(5)
    assert D.PickleDataset(stream)[:] == [1, 2, 3]


def test_examples_are_read_lazily():
    stream = _write([[1], [2]])
    dataset = D.PickleDataset(stream)
    a, b = dataset[0], dataset[0]
    assert a == b and a is not b


def test_garbage_raises():
    with pytest.raises(pickle.UnpicklingError):
        D.PickleDataset(io.BytesIO(b'garbage'))


def test_close_and_context_manager(tmp_path):
    stream = _write([1, 2])
    dataset = D.PickleDataset(stream)
    dataset.close()
    assert stream.closed
    assert len(dataset) == 2
    with pytest.raises(ValueError):
        dataset[0]
    dataset.close()  # twice is fine

    path = str(tmp_path / 'a.pkl')
    with D.open_pickle_dataset_writer(path) as writer:
        assert isinstance(writer, D.PickleDatasetWriter)
        writer.write(1)
    with pytest.raises(ValueError):
        writer.write(2)
    with pytest.raises(ValueError):
        writer.flush()
    with D.open_pickle_dataset(path) as dataset:
        assert isinstance(dataset, D.PickleDataset)
        assert dataset[0] == 1
    with pytest.raises(ValueError):
        dataset[0]
    assert len(dataset) == 1


def test_writer_close_closes_the_file():
    stream = io.BytesIO()
    writer = D.PickleDatasetWriter(stream)
    writer.write(1)
    writer.close()
    assert stream.closed


def test_pickling_reopens_the_file(tmp_path):
    path = str(tmp_path / 'a.pkl')
    with D.open_pickle_dataset_writer(path) as writer:
        for v in ['zero', (1, numpy.arange(3)), 2]:
            writer.write(v)
    dataset = D.open_pickle_dataset(path)
    payload = pickle.dumps(dataset)
    assert path.encode() in payload and b'zero' not in payload  # the path, not the data
    dataset.close()
    copy = pickle.loads(payload)
    assert len(copy) == 3 and copy[0] == 'zero' and copy[2] == 2
    numpy.testing.assert_array_equal(copy[1][1], numpy.arange(3))
    again = pickle.loads(pickle.dumps(dataset))  # a closed dataset reopens too
    assert again[0] == 'zero'
    copy.close()
    again.close()


def test_pickling_over_an_open_file_object_fails(tmp_path):
    path = tmp_path / 'a.pkl'
    path.write_bytes(_write([1]).getvalue())
    with open(path, 'rb') as f:
        with pytest.raises(TypeError):
            pickle.dumps(D.PickleDataset(f))


def test_after_fork_hook_reopens(tmp_path):
    path = str(tmp_path / 'a.pkl')
    with D.open_pickle_dataset_writer(path) as writer:
        writer.write(1)
        writer.write(2)
    with D.open_pickle_dataset(path) as dataset:
        before = dataset._reader._fp
        pickle_dataset._reopen_after_fork()
        assert dataset._reader._fp is not before and before.closed
        assert dataset[:] == [1, 2]


def _read_in_child(dataset, queue):
    queue.put(dataset[:])


@pytest.mark.skipif(not hasattr(os, 'fork'), reason='needs fork')
@pytest.mark.parametrize('method', ['fork', 'spawn'])
def test_dataset_in_another_process(tmp_path, method):
    path = str(tmp_path / 'a.pkl')
    with D.open_pickle_dataset_writer(path) as writer:
        for v in range(5):
            writer.write((v, str(v)))
    ctx = multiprocessing.get_context(method)
    with D.open_pickle_dataset(path) as dataset:
        queue = ctx.Queue()
        process = ctx.Process(target=_read_in_child, args=(dataset, queue))
        process.start()
        got = queue.get(timeout=60)
        process.join(60)
        assert process.exitcode == 0
        assert got == [(v, str(v)) for v in range(5)]
        assert dataset[4] == (4, '4')
