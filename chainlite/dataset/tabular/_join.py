"""``join``: the columns of several datasets of the same length, side by side."""
from chainlite.dataset.tabular.tabular_dataset import TabularDataset, check_tabular


class Join(TabularDataset):
    """The columns of ``datasets`` (same length, distinct keys) side by side.

    The mode is the first dataset's (``tuple`` if that has bare values); so is the converter.

    >>> from chainlite.dataset import tabular
    >>> ds = Join([tabular.from_data(('a', [1, 2])), tabular.from_data(('b', [3, 4]))])
    >>> ds.keys, ds.mode, ds[1]
    (('a', 'b'), <class 'tuple'>, (2, 4))
    """

    def __init__(self, datasets):
        check_tabular(datasets, 'join')
        n = len(datasets[0])
        for dataset in datasets[1:]:
            if len(dataset) != n:
                raise ValueError('join: all datasets must have the same length, got %d and %d'
                                 % (n, len(dataset)))
        keys = sum((tuple(dataset.keys) for dataset in datasets), ())
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError('join: all keys must be unique among all datasets, '
                                 'but %r is repeated in %r' % (key, keys))
        self._datasets = tuple(datasets)
        # key position -> (dataset, key position in that dataset)
        self._where = [(d, k) for d, dataset in enumerate(datasets)
                       for k in range(len(dataset.keys))]

    def __len__(self):
        return len(self._datasets[0])

    @property
    def keys(self):
        return sum((tuple(dataset.keys) for dataset in self._datasets), ())

    @property
    def mode(self):
        return self._datasets[0].mode or tuple

    def get_examples(self, indices, key_indices):
        if key_indices is None:
            key_indices = range(len(self._where))
        wanted = {}  # dataset -> its key positions, in the order first asked
        for k in key_indices:
            d, local = self._where[k]
            wanted.setdefault(d, [])
            if local not in wanted[d]:
                wanted[d].append(local)
        got = {d: dict(zip(local, self._datasets[d].get_examples(indices, tuple(local))))
               for d, local in wanted.items()}
        return tuple(got[d][local] for d, local in (self._where[k] for k in key_indices))

    def convert(self, data):
        return self._datasets[0].convert(data)
