"""DictDataset: zips equal-length datasets into dicts."""


class DictDataset:
    """Dataset whose ``i``-th example is ``{key: dataset[i] for each keyword dataset}``.

    >>> ds = DictDataset(x=[1, 2], y=[3, 4])
    >>> ds[0], ds[0:2]
    ({'x': 1, 'y': 3}, [{'x': 1, 'y': 3}, {'x': 2, 'y': 4}])
    """

    def __init__(self, **datasets):
        if not datasets:
            raise ValueError('DictDataset: no datasets are given')
        length = None
        for key, dataset in datasets.items():
            if length is None:
                length, first = len(dataset), key
            elif len(dataset) != length:
                raise ValueError('DictDataset: dataset length conflicts at "%s" (%d, while "%s" '
                                 'has %d)' % (key, len(dataset), first, length))
        self._datasets = datasets
        self._length = length

    def __getitem__(self, index):
        batches = {key: dataset[index] for key, dataset in self._datasets.items()}
        if isinstance(index, slice):
            return [dict(zip(batches, values)) for values in zip(*batches.values())]
        return batches

    def __len__(self):
        return self._length
