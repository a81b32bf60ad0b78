"""datasets.get_ptb_words / get_ptb_words_vocabulary, offline, against Chainer 7.8.1 goldens.

tests/data/ptb.npz (tools/goldens/ptb.py) holds small fake ptb.{train,valid,test}.txt
files, the names Chainer's download cache gave them, and what Chainer returned and
wrote for them. The tests put the same files under the same names into chainlite's
download cache, with urllib's urlopen replaced so that nothing can be downloaded.
"""
import os
import pathlib
import urllib.error
import urllib.request

import numpy
import pytest

from chainlite import datasets as D
from chainlite.datasets import ptb

DATA = pathlib.Path(__file__).parent / 'data'
SPLITS = ('train', 'valid', 'test')


@pytest.fixture(scope='module')
def golden():
    with numpy.load(DATA / 'ptb.npz') as z:
        return {k: z[k] for k in z.files}


def _fill_download_cache(root, golden, prefix='raw/', splits=SPLITS):
    """Puts the fake files where Chainer's cache had them: <root>/_dl_cache/<name>."""
    cache = root / '_dl_cache'
    cache.mkdir(parents=True, exist_ok=True)
    for split in splits:
        (cache / str(golden['dl_cache/' + split])).write_bytes(golden[prefix + split].tobytes())


def _golden_vocabulary(golden):
    return dict(zip(golden['vocab/words'].tolist(), golden['vocab/ids'].tolist()))


def _check_words(words, golden, prefix='words/'):
    assert isinstance(words, tuple) and len(words) == 3
    for split, x in zip(SPLITS, words):
        expected = golden[prefix + split]
        assert x.dtype == numpy.int32 and x.shape == expected.shape, split
        numpy.testing.assert_array_equal(x, expected)


def test_exports_and_urls(golden):
    assert D.ptb is ptb
    assert D.get_ptb_words is ptb.get_ptb_words
    assert D.get_ptb_words_vocabulary is ptb.get_ptb_words_vocabulary
    assert [ptb._train_url, ptb._valid_url, ptb._test_url] == [
        str(golden['urls/' + split]) for split in SPLITS]


def test_words_and_vocabulary_match_chainer(root, golden, requests):
    _fill_download_cache(root, golden)
    _check_words(D.get_ptb_words(), golden)
    # Chainer asked for each file once, in this order (chainlite may ask the cache again).
    assert list(dict.fromkeys(requests)) == golden['requests'].tolist()
    vocab = D.get_ptb_words_vocabulary()
    assert type(vocab) is dict and vocab == _golden_vocabulary(golden)
    assert list(vocab) == golden['vocab/words'].tolist()  # ids in first-appearance order
    assert vocab['<eos>'] == 5 and '<unk>' in vocab and 'café' in vocab
    _check_words(D.get_ptb_words(), golden, 'words2/')


def test_vocabulary_alone_downloads_only_the_training_file(root, golden, requests):
    _fill_download_cache(root, golden, splits=['train'])
    assert D.get_ptb_words_vocabulary() == _golden_vocabulary(golden)
    assert list(dict.fromkeys(requests)) == golden['requests/vocab_first'].tolist()
    assert sorted(os.listdir(root / 'pfnet' / 'chainer' / 'ptb')) == ['vocab.txt']


def test_cache_files_match_chainer(root, golden, requests):
    _fill_download_cache(root, golden)
    D.get_ptb_words()
    cached = root / 'pfnet' / 'chainer' / 'ptb'
    assert sorted(os.listdir(cached)) == golden['cache/files'].tolist()
    assert (cached / 'vocab.txt').read_bytes() == golden['cache/vocab.txt'].tobytes()
    assert sorted(os.listdir(root / '_dl_cache')) == sorted(
        str(golden['dl_cache/' + split]) for split in SPLITS)
    for split in SPLITS:
        name = split + '.npz'
        with numpy.load(cached / name, allow_pickle=False) as z:
            assert sorted(z.zip.namelist()) == golden['npz/' + name].tolist()
            compressed = all(info.compress_type == 8 for info in z.zip.infolist())
            assert compressed == bool(golden['npz/%s/deflated' % name])
            assert z['x'].dtype == numpy.int32
            numpy.testing.assert_array_equal(z['x'], golden['words/' + split])


def test_second_call_reads_the_cache_not_the_raw_files(root, golden, requests):
    _fill_download_cache(root, golden)
    D.get_ptb_words()
    D.get_ptb_words_vocabulary()
    for name in os.listdir(root / '_dl_cache'):
        os.remove(root / '_dl_cache' / name)
    del requests[:]
    _check_words(D.get_ptb_words(), golden, 'words2/')
    assert D.get_ptb_words_vocabulary() == _golden_vocabulary(golden)
    assert requests == golden['requests/second'].tolist() == []
    assert os.listdir(root / '_dl_cache') == []
    # What is returned comes from the converted files.
    cached = root / 'pfnet' / 'chainer' / 'ptb'
    with open(cached / 'test.npz', 'wb') as f:
        numpy.savez_compressed(f, x=numpy.array([2, 1], numpy.int32))
    (cached / 'vocab.txt').write_text('x\n<eos>\n', encoding='utf-8')
    assert D.get_ptb_words()[2].tolist() == [2, 1]
    assert D.get_ptb_words_vocabulary() == {'x': 0, '<eos>': 1}


def test_reads_a_cache_written_by_chainer(root, golden, requests):
    cached = root / 'pfnet' / 'chainer' / 'ptb'
    cached.mkdir(parents=True)
    for name in golden['cache/files'].tolist():
        (cached / name).write_bytes(golden['cache/' + name].tobytes())
    _check_words(D.get_ptb_words(), golden)
    assert D.get_ptb_words_vocabulary() == _golden_vocabulary(golden)
    assert requests == []


def test_download_failure_names_the_url(root, golden, requests):
    with pytest.raises(urllib.error.URLError) as info:
        D.get_ptb_words()
    message = str(info.value)
    assert ptb._train_url in message and 'Name or service not known' in message
    assert os.path.join(str(root), '_dl_cache') in message
    assert isinstance(info.value, OSError)
    assert os.listdir(root / '_dl_cache') == []
    assert os.listdir(root / 'pfnet' / 'chainer' / 'ptb') == []
    # With the training file cached, the next missing one is named.
    _fill_download_cache(root, golden, splits=['train'])
    with pytest.raises(urllib.error.URLError, match=ptb._valid_url.replace('.', r'\.')):
        D.get_ptb_words()
    assert sorted(os.listdir(root / 'pfnet' / 'chainer' / 'ptb')) == ['train.npz', 'vocab.txt']


def test_other_download_errors_name_the_url(root, monkeypatch):
    def timeout(url, *args, **kwargs):
        raise TimeoutError('timed out')

    monkeypatch.setattr(urllib.request, 'urlopen', timeout)
    with pytest.raises(OSError, match='ptb.train.txt .*timed out') as info:
        D.get_ptb_words_vocabulary()
    assert ptb._train_url in str(info.value)
    assert not isinstance(info.value, urllib.error.URLError)


def test_word_missing_from_training_file(root, golden, requests):
    _fill_download_cache(root, golden, prefix='bad_raw/')
    error_type, word = str(golden['error/unknown_word']).split(': ')
    with pytest.raises(KeyError, match=word) as info:
        D.get_ptb_words()
    assert type(info.value).__name__ == error_type
    assert ptb._valid_url in str(info.value)
    assert sorted(os.listdir(root / 'pfnet' / 'chainer' / 'ptb')) == (
        golden['error/unknown_word/files'].tolist())
