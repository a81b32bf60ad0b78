"""ConcatenatedDataset: several datasets one after the other."""
import bisect

from chainlite.dataset.dataset_mixin import DatasetMixin


class ConcatenatedDataset(DatasetMixin):
    """Dataset made of ``datasets[0]``'s examples, then ``datasets[1]``'s, and so on.

    >>> ds = ConcatenatedDataset([1, 2], [3, 4, 5])
    >>> len(ds), ds[2], ds[-1]
    (5, 3, 5)
    """

    def __init__(self, *datasets):
        self._datasets = datasets
        self._ends = []
        total = 0
        for dataset in datasets:
            total += len(dataset)
            self._ends.append(total)

    def __len__(self):
        return self._ends[-1] if self._ends else 0

    def get_example(self, i):
        n = len(self)
        if not -n <= i < n:
            raise IndexError('ConcatenatedDataset: index %d is out of range for length %d' % (i, n))
        if i < 0:
            i += n
        k = bisect.bisect_right(self._ends, i)
        start = self._ends[k - 1] if k else 0
        return self._datasets[k][i - start]
