"""Lines of text files as a dataset (``chainer.datasets.TextDataset``)."""
from chainlite.dataset import dataset_mixin


class TextDataset(dataset_mixin.DatasetMixin):
    """The ``i``-th example is the ``i``-th line of ``paths`` (newline kept), or, for a
    list of paths, the tuple of the ``i``-th lines of each file (which must have the same
    number of lines).

    ``encoding``, ``errors`` and ``newline`` are passed to ``open``. ``filter_func``
    (called with one line per file) keeps only the examples it returns true for. The
    lines are read once, at construction.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'a.txt')
    >>> _ = open(path, 'w').write('hello\\nworld\\n')
    >>> TextDataset(path)[1]
    'world\\n'
    """

    def __init__(self, paths, encoding=None, errors=None, newline=None, filter_func=None):
        self._single = isinstance(paths, str)
        paths = [paths] if self._single else list(paths)
        columns = []
        for path in paths:
            with open(path, encoding=encoding, errors=errors, newline=newline) as f:
                columns.append(f.readlines())
        if len({len(c) for c in columns}) > 1:
            raise ValueError('TextDataset: number of lines in files does not match: %s'
                             % ', '.join('%s has %d' % (p, len(c)) for p, c in zip(paths, columns)))
        rows = list(zip(*columns))
        if filter_func is not None:
            rows = [r for r in rows if filter_func(*r)]
        self._rows = rows

    def __len__(self):
        return len(self._rows)

    def get_example(self, idx):
        row = self._rows[idx]
        return row[0] if self._single else row

    def close(self):
        """Kept for Chainer compatibility (the files are already closed)."""
