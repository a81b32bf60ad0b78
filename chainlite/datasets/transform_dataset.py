"""TransformDataset: applies a function to each example on access."""
from chainlite.dataset.dataset_mixin import DatasetMixin


class TransformDataset(DatasetMixin):
    """Dataset whose ``i``-th example is ``transform(dataset[i])``, computed lazily.

    >>> TransformDataset([1, 2, 3], lambda x: x * 10)[1:]
    [20, 30]
    """

    def __init__(self, dataset, transform):
        self._dataset = dataset
        self._transform = transform

    def __len__(self):
        return len(self._dataset)

    def get_example(self, i):
        return self._transform(self._dataset[i])
