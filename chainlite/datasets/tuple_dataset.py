"""TupleDataset: zips equal-length datasets into tuples."""


class TupleDataset:
    """Dataset whose ``i``-th example is ``(d0[i], d1[i], ...)``.

    A slice gives a list of tuples; an index list or array gives a tuple of
    whatever each dataset returns for it (arrays, for NumPy datasets).

    >>> import numpy
    >>> ds = TupleDataset(numpy.arange(3), numpy.arange(3) * 10)
    >>> ds[1], ds[:2]
    ((np.int64(1), np.int64(10)), [(np.int64(0), np.int64(0)), (np.int64(1), np.int64(10))])
    """

    def __init__(self, *datasets):
        if not datasets:
            raise ValueError('TupleDataset: no datasets are given')
        length = len(datasets[0])
        for i, dataset in enumerate(datasets):
            if len(dataset) != length:
                raise ValueError('TupleDataset: dataset of the index %d has a wrong length '
                                 '(%d, while dataset 0 has %d)' % (i, len(dataset), length))
        self._datasets = datasets
        self._length = length

    def __getitem__(self, index):
        batches = [dataset[index] for dataset in self._datasets]
        if isinstance(index, slice):
            return list(zip(*batches))
        return tuple(batches)

    def __len__(self):
        return self._length
