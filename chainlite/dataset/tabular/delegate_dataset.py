"""DelegateDataset: a TabularDataset that forwards everything to another one."""
from chainlite.dataset.tabular.tabular_dataset import TabularDataset


class DelegateDataset(TabularDataset):
    """Wraps ``dataset`` and forwards length, keys, mode, reads and :meth:`convert` to it.

    A base for custom dataset classes built from :func:`from_data` and friends.

    >>> from chainlite.dataset import tabular
    >>> class Squares(tabular.DelegateDataset):
    ...     def __init__(self, n):
    ...         super().__init__(tabular.from_data((('x', list(range(n))),
    ...                                             ('x2', lambda i: i * i)), size=n))
    >>> ds = Squares(5)
    >>> len(ds), ds.keys, ds[3]
    (5, ('x', 'x2'), (3, 9))
    """

    def __init__(self, dataset):
        self.dataset = dataset

    def __len__(self):
        return len(self.dataset)

    @property
    def keys(self):
        return self.dataset.keys

    @property
    def mode(self):
        return self.dataset.mode

    def get_examples(self, indices, key_indices):
        return self.dataset.get_examples(indices, key_indices)

    def convert(self, data):
        return self.dataset.convert(data)
