"""``dataset.slice[rows, keys]``: views of some rows and some columns."""
import numbers

import numpy

from chainlite.dataset.tabular.tabular_dataset import TabularDataset


def normalize_rows(rows, n, where):
    """Returns ``rows`` of a dataset of length ``n`` as a range or a list of row numbers.

    ``rows`` is a slice, or a list/array of ints (negative ones count from
    the end) or of ``n`` booleans.

    >>> normalize_rows(slice(1, None), 4, 'f'), normalize_rows([-1, 0], 4, 'f')
    (range(1, 4), [3, 0])
    >>> normalize_rows([True, False, False, True], 4, 'f')
    [0, 3]
    """
    if isinstance(rows, slice):
        return range(*rows.indices(n))
    if not isinstance(rows, (list, tuple, numpy.ndarray)):
        raise TypeError('%s: rows must be a slice or a list/array of ints or booleans, not %s'
                        % (where, type(rows).__name__))
    array = numpy.asarray(rows)
    if array.size == 0:
        return []
    if array.ndim != 1:
        raise IndexError('%s: rows must be one-dimensional, got shape %s' % (where, array.shape))
    if array.dtype == numpy.bool_:
        if len(array) != n:
            raise ValueError('%s: %d booleans given for a dataset of length %d'
                             % (where, len(array), n))
        return numpy.flatnonzero(array).tolist()
    if not numpy.issubdtype(array.dtype, numpy.integer):
        raise TypeError('%s: rows must be ints or booleans, not %s' % (where, array.dtype))
    bad = (array < -n) | (array >= n)
    if bad.any():
        raise IndexError('%s: index %d is out of bounds for a dataset of length %d'
                         % (where, array[bad][0], n))
    return (array % n).tolist()


def as_indices(rows):
    """Returns rows from :func:`normalize_rows` as ``get_examples`` takes them (slice or list)."""
    if isinstance(rows, range):
        return slice(rows.start, rows.stop if rows.stop >= 0 else None, rows.step)
    return rows


def _key_index(key, keys, where):
    if isinstance(key, numbers.Integral):
        if not -len(keys) <= key < len(keys):
            raise IndexError('%s: key index %d is out of bounds for keys %r' % (where, key, keys))
        return int(key) % len(keys)
    if isinstance(key, str) and key in keys:
        return keys.index(key)
    raise KeyError('%s: key %r does not exist in keys %r' % (where, key, keys))


class Slice(TabularDataset):
    """The rows ``rows`` (from :func:`normalize_rows`, or ``None`` for all) and the
    columns ``key_indices`` (``None`` for all) of ``dataset``, packed as ``mode``.

    >>> from chainlite.dataset import tabular
    >>> Slice(tabular.from_data(([1, 2, 3], [4, 5, 6])), [2, 0], (1,), None).fetch()
    [6, 4]
    """

    def __init__(self, dataset, rows, key_indices, mode):
        self._dataset = dataset
        self._rows = rows
        self._key_indices = key_indices
        self._mode = mode

    def __len__(self):
        return len(self._dataset) if self._rows is None else len(self._rows)

    @property
    def keys(self):
        keys = self._dataset.keys
        if self._key_indices is None:
            return keys
        return tuple(keys[k] for k in self._key_indices)

    @property
    def mode(self):
        return self._mode

    def get_examples(self, indices, key_indices):
        rows = self._rows
        if rows is not None and indices is not None:
            rows = rows[indices] if isinstance(indices, slice) else [rows[i] for i in indices]
        elif rows is None:
            rows = indices
        if self._key_indices is not None:
            key_indices = self._key_indices if key_indices is None else tuple(
                self._key_indices[k] for k in key_indices)
        return self._dataset.get_examples(as_indices(rows), key_indices)

    def convert(self, data):
        return self._dataset.convert(data)


class SliceHelper:
    """What :attr:`TabularDataset.slice` returns: index it to get a :class:`Slice`.

    >>> from chainlite.dataset import tabular
    >>> SliceHelper(tabular.from_data(([1, 2, 3], [4, 5, 6])))[::2, 0].fetch()
    [1, 3]
    """

    def __init__(self, dataset):
        self._dataset = dataset

    def __getitem__(self, args):
        where = 'TabularDataset.slice'
        dataset = self._dataset
        if not isinstance(args, tuple):
            args = (args,)
        if len(args) > 2:
            raise ValueError('%s: expected [rows] or [rows, keys], got %d indices'
                             % (where, len(args)))
        rows = args[0]
        if isinstance(rows, slice) and rows == slice(None):
            rows = None
        else:
            rows = normalize_rows(rows, len(dataset), where)
        if len(args) == 1:
            return Slice(dataset, rows, None, dataset.mode)
        keys = args[1]
        if isinstance(keys, tuple):
            key_indices = tuple(_key_index(key, dataset.keys, where) for key in keys)
            return Slice(dataset, rows, key_indices, dataset.mode or tuple)
        return Slice(dataset, rows, (_key_index(keys, dataset.keys, where),), None)
