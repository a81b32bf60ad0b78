"""``concat``: the rows of several datasets with the same keys, one after another."""
import numpy

from chainlite.dataset.tabular.tabular_dataset import TabularDataset, check_tabular


class Concat(TabularDataset):
    """The rows of ``datasets`` (same :attr:`keys`) in order; mode and converter of the first.

    A read of some rows that all lie in one dataset returns what that dataset
    returns; a read of all rows, or one that spans several datasets, returns lists.

    >>> from chainlite.dataset import tabular
    >>> a = tabular.from_data((('x', [1, 2]), ('y', [3, 4])))
    >>> ds = Concat([a, tabular.from_data((('x', [5]), ('y', [6])))])
    >>> len(ds), ds[2], ds.fetch()
    (3, (5, 6), ([1, 2, 5], [3, 4, 6]))
    """

    def __init__(self, datasets):
        check_tabular(datasets, 'concat')
        keys = datasets[0].keys
        for dataset in datasets[1:]:
            if dataset.keys != keys:
                raise ValueError('concat: all datasets must have the same keys, got %r and %r'
                                 % (keys, dataset.keys))
        self._datasets = tuple(datasets)
        self._ends = numpy.cumsum([len(dataset) for dataset in datasets]).tolist()

    def __len__(self):
        return self._ends[-1]

    @property
    def keys(self):
        return self._datasets[0].keys

    @property
    def mode(self):
        return self._datasets[0].mode

    def get_examples(self, indices, key_indices):
        if indices is None:  # all rows: lists, as in Chainer, even for one dataset
            parts = [dataset.get_examples(None, key_indices) for dataset in self._datasets]
            return tuple(sum((list(part) for part in columns), []) for columns in zip(*parts))
        rows = range(len(self))[indices] if isinstance(indices, slice) else indices
        rows = numpy.asarray(rows, dtype=numpy.int64)
        # which dataset each row is in, and the row number there
        owner = numpy.searchsorted(self._ends, rows, side='right')
        starts = numpy.array([0] + self._ends[:-1])
        parts = [(d, numpy.flatnonzero(owner == d)) for d in numpy.unique(owner).tolist()]
        if len(parts) <= 1:
            d = parts[0][0] if parts else 0
            if d >= len(self._datasets):
                raise IndexError('concat: row %d is out of bounds for a dataset of length %d'
                                 % (rows.max(), len(self)))
            return self._datasets[d].get_examples((rows - starts[d]).tolist(), key_indices)
        n_keys = len(self.keys) if key_indices is None else len(key_indices)
        columns = [[None] * len(rows) for _ in range(n_keys)]
        for d, positions in parts:
            if d >= len(self._datasets):
                raise IndexError('concat: row %d is out of bounds for a dataset of length %d'
                                 % (rows.max(), len(self)))
            local = (rows[positions] - starts[d]).tolist()
            for column, values in zip(columns, self._datasets[d].get_examples(local, key_indices)):
                for position, value in zip(positions.tolist(), values):
                    column[position] = value
        return tuple(columns)

    def convert(self, data):
        return self._datasets[0].convert(data)
