"""Datasets of pickled objects in one file (``chainer.datasets.pickle_dataset``).

The file format is Chainer's: the examples are pickled one after another into a
single stream (``pickle.dump`` once per example), so a file written by Chainer's
``PickleDatasetWriter`` is read by :class:`PickleDataset` and vice versa.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), 'data.pkl')
>>> with open_pickle_dataset_writer(path) as w:
...     w.write(1)
...     w.write('two')
>>> with open_pickle_dataset(path) as dataset:
...     len(dataset), dataset[1]
(2, 'two')
"""
import os
import pickle
import threading
import weakref

from chainlite.dataset import dataset_mixin

# Datasets whose files must be reopened in a forked child process (file positions
# are shared between a parent and its forked children).
_open_datasets = weakref.WeakSet()


def _reopen_after_fork():
    for dataset in list(_open_datasets):
        dataset._after_fork()


if hasattr(os, 'register_at_fork'):
    os.register_at_fork(after_in_child=_reopen_after_fork)


class _FileReader:
    """A binary file opened by path that pickles as its path and reopens when
    unpickled (or after ``fork``)."""

    def __init__(self, path):
        self._path = path
        self._fp = None
        self._open()

    def _open(self):
        self._fp = open(self._path, 'rb')

    def after_fork(self):
        if not self._fp.closed:
            self._fp.close()
            self._open()

    def __getstate__(self):
        return {'_path': self._path}

    def __setstate__(self, state):
        self._path = state['_path']
        self._open()

    def read(self, size=-1):
        return self._fp.read(size)

    def readline(self, size=-1):
        return self._fp.readline(size)

    def readinto(self, buffer):
        return self._fp.readinto(buffer)

    def peek(self, size=0):
        return self._fp.peek(size)

    def seek(self, offset, whence=os.SEEK_SET):
        return self._fp.seek(offset, whence)

    def tell(self):
        return self._fp.tell()

    def close(self):
        self._fp.close()


class PickleDataset(dataset_mixin.DatasetMixin):
    """A dataset of the objects pickled one after another in ``reader``.

    ``reader`` is a binary file-like object that supports ``seek`` and ``tell``.
    At construction the whole stream is scanned from its start to record where each
    example begins; ``dataset[i]`` then seeks there and unpickles one object, so the
    examples stay on disk until asked for. Reading is guarded by a lock, so threads
    may share the dataset.

    .. warning::
        Unpickling can run arbitrary code. Only read files that come from a trusted
        source (typically ones you wrote yourself with :class:`PickleDatasetWriter`),
        as Python's :mod:`pickle` documentation warns.

    ``close()`` (or leaving a ``with`` block) closes ``reader``; indexing afterwards
    raises ``ValueError``, while ``len`` still works. A dataset made by
    :func:`open_pickle_dataset` pickles as its file's path and reopens the file when
    unpickled (so it can be sent to worker processes, e.g. by
    ``MultiprocessIterator``), and reopens it in a forked child. A dataset over any
    other file object pickles only if that object does.

    >>> import io
    >>> stream = io.BytesIO()
    >>> writer = PickleDatasetWriter(stream)
    >>> writer.write((1, 'a'))
    >>> writer.write((2, 'b'))
    >>> dataset = PickleDataset(stream)
    >>> len(dataset), dataset[1], dataset[:1]
    (2, (2, 'b'), [(1, 'a')])
    """

    def __init__(self, reader):
        self._reader = reader
        self._positions = []
        reader.seek(0)
        while True:
            position = reader.tell()
            try:
                pickle.load(reader)
            except EOFError:
                break
            self._positions.append(position)
        self._lock = threading.RLock()
        _open_datasets.add(self)

    def _after_fork(self):
        self._lock = threading.RLock()
        if callable(getattr(self._reader, 'after_fork', None)):
            self._reader.after_fork()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state['_lock']
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.RLock()
        _open_datasets.add(self)

    def close(self):
        """Closes the underlying file."""
        self._reader.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def __len__(self):
        return len(self._positions)

    def get_example(self, index):
        """Unpickles and returns the ``index``-th object."""
        with self._lock:
            self._reader.seek(self._positions[index])
            return pickle.load(self._reader)


class PickleDatasetWriter:
    """Writes objects, one pickle each, to ``writer`` in the format that
    :class:`PickleDataset` reads.

    ``writer`` is a binary file-like object; ``protocol`` is the pickle protocol
    (the highest one by default). ``close()`` (or leaving a ``with`` block) closes
    ``writer``.

    >>> import io
    >>> stream = io.BytesIO()
    >>> with PickleDatasetWriter(stream, protocol=2) as w:
    ...     w.write(7)
    ...     w.flush()
    ...     stream.getvalue()
    b'\\x80\\x02K\\x07.'
    """

    def __init__(self, writer, protocol=pickle.HIGHEST_PROTOCOL):
        self._positions = []
        self._writer = writer
        self._protocol = protocol

    def close(self):
        """Closes the underlying file."""
        self._writer.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def write(self, x):
        """Appends ``x`` (pickled) to the file."""
        position = self._writer.tell()
        pickle.dump(x, self._writer, protocol=self._protocol)
        self._positions.append(position)

    def flush(self):
        """Flushes the underlying file."""
        self._writer.flush()


def open_pickle_dataset(path):
    """Opens the file at ``path`` as a :class:`PickleDataset`.

    The dataset can be pickled (it reopens ``path`` when unpickled). Only open files
    from a trusted source: unpickling can run arbitrary code.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'data.pkl')
    >>> with open_pickle_dataset_writer(path) as w:
    ...     w.write({'x': 1})
    >>> with open_pickle_dataset(path) as dataset:
    ...     dataset[0]
    {'x': 1}
    """
    return PickleDataset(_FileReader(path))


def open_pickle_dataset_writer(path, protocol=pickle.HIGHEST_PROTOCOL):
    """Creates (or truncates) the file at ``path`` and returns a
    :class:`PickleDatasetWriter` to it.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'data.pkl')
    >>> with open_pickle_dataset_writer(path, protocol=2) as w:
    ...     w.write(7)
    >>> open(path, 'rb').read()
    b'\\x80\\x02K\\x07.'
    """
    return PickleDatasetWriter(open(path, 'wb'), protocol)
