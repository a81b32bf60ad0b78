"""TabularDataset: a dataset of named columns, read in batches of rows and columns."""
import numbers

import numpy

from chainlite.dataset.dataset_mixin import DatasetMixin


def pack_columns(columns, keys, mode):
    """Returns columns (one per key) as a tuple, a dict or, for ``mode=None``, the only column."""
    if mode is tuple:
        return tuple(columns)
    if mode is dict:
        return dict(zip(keys, columns))
    return columns[0]


def call_with(fn, data, keys, mode):
    """Calls ``fn`` with ``data`` spread as Chainer does: ``*tuple``, ``**dict`` or one value."""
    if mode is tuple:
        return fn(*data)
    if mode is dict:
        return fn(**dict(zip(keys, data)))
    return fn(data[0])


def check_tabular(datasets, where):
    """Raises TypeError unless every one of ``datasets`` is a :class:`TabularDataset`."""
    for dataset in datasets:
        if not isinstance(dataset, TabularDataset):
            raise TypeError('%s: expected TabularDataset objects, got %s'
                            % (where, type(dataset).__name__))


def _as_array(column):
    if isinstance(column, numpy.ndarray) or hasattr(column, '__cuda_array_interface__'):
        return column
    return numpy.asarray(column)


class TabularDataset(DatasetMixin):
    """A dataset of columns named by :attr:`keys`, read in blocks by :meth:`get_examples`.

    Subclasses define ``__len__``, :attr:`keys`, :attr:`mode` and
    :meth:`get_examples`; everything else (indexing, :attr:`slice`,
    :meth:`fetch`, :meth:`transform`, :meth:`concat`, :meth:`join`, ...) is
    built on those. An example is a tuple (``mode`` is ``tuple``), a dict
    (``dict``) or, for a dataset with one key and ``mode`` ``None``, the bare value.

    >>> class Squares(TabularDataset):
    ...     def __len__(self):
    ...         return 4
    ...     keys = ('x', 'x2')
    ...     mode = tuple
    ...     def get_examples(self, indices, key_indices):
    ...         x = list(range(4))
    ...         x = x if indices is None else (
    ...             x[indices] if isinstance(indices, slice) else [x[i] for i in indices])
    ...         columns = (x, [v * v for v in x])
    ...         return columns if key_indices is None else tuple(
    ...             columns[k] for k in key_indices)
    >>> ds = Squares()
    >>> ds[3], ds.slice[1:3, 'x2'].fetch(), ds.asdict()[2]
    ((3, 9), [1, 4], {'x': 2, 'x2': 4})
    """

    def __len__(self):
        raise NotImplementedError

    @property
    def keys(self):
        """Names of the columns, a tuple of strings."""
        raise NotImplementedError

    @property
    def mode(self):
        """Type of an example: ``tuple``, ``dict`` or ``None`` (one key, bare values)."""
        raise NotImplementedError

    def get_examples(self, indices, key_indices):
        """Returns a tuple of columns (lists or arrays) for some rows and keys.

        ``indices`` is a slice, a sequence of non-negative row numbers, or
        ``None`` for all rows; ``key_indices`` a tuple of positions in
        :attr:`keys`, or ``None`` for all of them.
        """
        raise NotImplementedError

    def fetch(self):
        """Returns all the data by columns, packed as :attr:`mode` says.

        >>> from chainlite.dataset import tabular
        >>> tabular.from_data((('a', [1, 2]), ('b', [3, 4]))).asdict().fetch()
        {'a': [1, 2], 'b': [3, 4]}
        """
        return pack_columns(self.get_examples(None, None), self.keys, self.mode)

    def convert(self, data):
        """Turns fetched data into arrays, column by column (see :meth:`with_converter`).

        >>> from chainlite.dataset import tabular
        >>> ds = tabular.from_data(([1, 2], [3, 4]))
        >>> ds.convert(ds.fetch())
        (array([1, 2]), array([3, 4]))
        """
        if isinstance(data, tuple):
            return tuple(_as_array(column) for column in data)
        if isinstance(data, dict):
            return {key: _as_array(column) for key, column in data.items()}
        return _as_array(data)

    def astuple(self):
        """Returns a view whose examples are tuples.

        >>> from chainlite.dataset import tabular
        >>> tabular.from_data([5, 6]).astuple()[1]
        (6,)
        """
        from chainlite.dataset.tabular._views import AsMode
        return AsMode(self, tuple)

    def asdict(self):
        """Returns a view whose examples are dicts keyed by :attr:`keys`.

        >>> from chainlite.dataset import tabular
        >>> tabular.from_data(('a', [5, 6])).asdict()[0]
        {'a': 5}
        """
        from chainlite.dataset.tabular._views import AsMode
        return AsMode(self, dict)

    def get_example(self, i):
        """Returns the ``i``-th example (negative ``i`` counts from the end).

        >>> from chainlite.dataset import tabular
        >>> tabular.from_data(([1, 2], [3, 4])).get_example(-1)
        (2, 4)
        """
        n = len(self)
        if not -n <= i < n:
            raise IndexError('get_example: index %d is out of bounds for a dataset of length %d'
                             % (i, n))
        columns = self.get_examples([i % n], None)
        return pack_columns([column[0] for column in columns], self.keys, self.mode)

    def __getitem__(self, index):
        """An example for an int; a list of examples for a slice, list or array of rows.

        Lists and arrays may hold row numbers or, one per row, booleans.

        >>> from chainlite.dataset import tabular
        >>> ds = tabular.from_data(([1, 2, 3], [4, 5, 6]))
        >>> ds[0], ds[1:], ds[[True, False, True]]
        ((1, 4), [(2, 5), (3, 6)], [(1, 4), (3, 6)])
        """
        if isinstance(index, numbers.Integral):
            return self.get_example(index)
        from chainlite.dataset.tabular._slice import as_indices, normalize_rows
        rows = normalize_rows(index, len(self), 'TabularDataset.__getitem__')
        columns = self.get_examples(as_indices(rows), None)
        return [pack_columns([column[j] for column in columns], self.keys, self.mode)
                for j in range(len(rows))]

    @property
    def slice(self):
        """A view of some rows and columns: ``dataset.slice[rows]`` or ``[rows, keys]``.

        ``rows`` is a slice, or a list/array of row numbers or booleans;
        ``keys`` a key (int position or str name; the view then has bare
        values) or a tuple of keys.

        >>> from chainlite.dataset import tabular
        >>> ds = tabular.from_data((('a', [1, 2, 3]), ('b', [4, 5, 6])))
        >>> ds.slice[1:].fetch(), ds.slice[[2, 0], 'b'].fetch(), ds.slice[:, ('b',)][0]
        (([2, 3], [5, 6]), [6, 4], (4,))
        """
        from chainlite.dataset.tabular._slice import SliceHelper
        return SliceHelper(self)

    def transform(self, keys, transform):
        """Returns a dataset whose examples are ``transform(example)``, named by ``keys``.

        ``transform`` takes a tuple example as positional arguments, a dict
        one as keyword arguments, a bare value as it is; what it returns
        (tuple, dict or one value) sets the new :attr:`mode`.

        >>> from chainlite.dataset import tabular
        >>> ds = tabular.from_data((('a', [1, 2]), ('b', [3, 4])))
        >>> ds.transform(('sum', 'diff'), lambda a, b: (a + b, a - b))[1]
        (6, -2)
        """
        from chainlite.dataset.tabular._transform import Transform
        return Transform(self, keys, transform)

    def transform_batch(self, keys, transform_batch):
        """As :meth:`transform`, but ``transform_batch`` maps whole columns to columns.

        It must return columns as long as the ones it got.

        >>> from chainlite.dataset import tabular
        >>> ds = tabular.from_data(('a', [1, 2, 3]))
        >>> ds.transform_batch('twice', lambda a: [2 * v for v in a]).fetch()
        [2, 4, 6]
        """
        from chainlite.dataset.tabular._transform import TransformBatch
        return TransformBatch(self, keys, transform_batch)

    def concat(self, *datasets):
        """Returns the rows of this dataset followed by those of ``datasets`` (same keys).

        >>> from chainlite.dataset import tabular
        >>> a, b = tabular.from_data(('x', [1, 2])), tabular.from_data(('x', [3]))
        >>> a.concat(b).fetch()
        [1, 2, 3]
        """
        from chainlite.dataset.tabular._concat import Concat
        return Concat((self,) + datasets)

    def join(self, *datasets):
        """Returns the columns of this dataset beside those of ``datasets`` (same length).

        >>> from chainlite.dataset import tabular
        >>> a, b = tabular.from_data(('x', [1, 2])), tabular.from_data(('y', [3, 4]))
        >>> a.join(b).keys, a.join(b)[1]
        (('x', 'y'), (2, 4))
        """
        from chainlite.dataset.tabular._join import Join
        return Join((self,) + datasets)

    def with_converter(self, converter):
        """Returns a view whose :meth:`convert` calls ``converter``, spread as in ``transform``.

        >>> from chainlite.dataset import tabular
        >>> ds = tabular.from_data(([1, 2], [3, 4])).with_converter(lambda a, b: sum(a + b))
        >>> ds.convert(ds.fetch())
        10
        """
        from chainlite.dataset.tabular._views import WithConverter
        return WithConverter(self, converter)
