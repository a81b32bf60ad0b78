"""``from_data``: a TabularDataset from lists, arrays and functions of the row number."""
import numpy

from chainlite.dataset.tabular.tabular_dataset import TabularDataset


def _is_array(value):
    return isinstance(value, numpy.ndarray) or hasattr(value, '__cuda_array_interface__')


class Column(TabularDataset):
    """One column ``key`` holding ``data`` (a list, an array or a range); examples are bare values.

    >>> ds = Column('a', [3, 1, 4])
    >>> ds.keys, ds.mode, ds[2], ds.get_examples([2, 0], None)
    (('a',), None, 4, ([4, 3],))
    """

    def __init__(self, key, data):
        self._key = key
        self._data = data

    def __len__(self):
        return len(self._data)

    @property
    def keys(self):
        return (self._key,)

    @property
    def mode(self):
        return None

    def get_examples(self, indices, key_indices):
        data = self._data
        if indices is not None:
            if _is_array(data) or isinstance(indices, slice):
                data = data[indices]
            else:
                data = [data[i] for i in indices]
        return (data,) * (1 if key_indices is None else len(key_indices))


def _column(key, value, size, length=None):
    """A dataset for one entry ``(key, value)`` of :func:`from_data`'s data; a callable
    gets ``size`` rows, or else ``length`` (that of the first list or array)."""
    if callable(value):
        size = length if size is None else size
        if size is None:
            raise ValueError('from_data: size must be specified for callable %r (keys %r)'
                             % (value, key))
        return Column('_index', range(size)).transform(key, value)
    if isinstance(key, tuple):
        raise TypeError('from_data: several keys %r need a callable, not %s'
                        % (key, type(value).__name__))
    if not isinstance(key, str):
        raise TypeError('from_data: a key must be a str, not %r' % (key,))
    if not (isinstance(value, list) or _is_array(value)):
        raise TypeError('from_data: column %r must be a list, an array or a callable, not %s'
                        % (key, type(value).__name__))
    if _is_array(value) and value.ndim == 0:
        raise TypeError('from_data: column %r is a 0-dimensional array' % (key,))
    if size is not None and len(value) != size:
        raise ValueError('from_data: column %r has length %d, but size=%d'
                         % (key, len(value), size))
    return Column(key, value)


def _is_pair(data):
    """Whether a tuple is one ``(key, value)`` entry rather than a tuple of entries."""
    if len(data) != 2:
        return False
    key, value = data
    return isinstance(key, str) or (
        isinstance(key, tuple) and callable(value) and all(isinstance(k, str) for k in key))


def _entries(data):
    """The ``(key, value)`` entries of a tuple or dict ``data``."""
    if isinstance(data, dict):
        return list(data.items())
    return [entry if isinstance(entry, tuple) and _is_pair(entry) else ('_%d' % id(entry), entry)
            for entry in data]


def from_data(data, *, size=None):
    """Returns a :class:`TabularDataset` made of lists, arrays and callables.

    ``data`` is one of

    - a list or array: one unnamed column (its key is made up); examples are bare values;
    - ``(key, column)``: one named column; a column is a list, an array or a
      callable ``f(i)`` giving row ``i``;
    - ``((key, ...), f)``: several columns from one callable returning a tuple or dict;
    - a tuple of the above: their columns side by side, examples are tuples;
    - ``{key: column, (key, ...): f, ...}``: the same, examples are dicts.

    ``size`` (the length) is needed when there are only callables.

    >>> from chainlite.dataset import tabular
    >>> tabular.from_data([0, 1, 2])[1]
    1
    >>> ds = tabular.from_data((('a', [0, 1, 2]), ('b', lambda i: i * i)))
    >>> ds.keys, ds[2]
    (('a', 'b'), (2, 4))
    >>> ds = tabular.from_data({'a': [5, 6], ('b', 'c'): lambda i: (i, -i)})
    >>> ds[1]
    {'a': 6, 'b': 1, 'c': -1}
    """
    if isinstance(data, list) or _is_array(data):
        return _column('_%d' % id(data), data, size)
    if isinstance(data, tuple):
        if _is_pair(data):
            return _column(data[0], data[1], size)
        mode = tuple
    elif isinstance(data, dict):
        mode = dict
    elif callable(data):
        raise ValueError('from_data: key(s) must be specified for callable %r' % (data,))
    else:
        raise TypeError('from_data: data must be a list, an array, a tuple or a dict, not %s'
                        % type(data).__name__)
    entries = _entries(data)
    length = next((len(value) for _, value in entries
                   if isinstance(value, list) or _is_array(value)), None)
    datasets = [_column(key, value, size, length) for key, value in entries]
    if not datasets:
        raise ValueError('from_data: data %r has no columns' % (data,))
    joined = datasets[0].join(*datasets[1:])
    return joined.astuple() if mode is tuple else joined.asdict()
