"""DatasetMixin: indexing by int, slice, list or array on top of ``get_example``."""
import numpy


class DatasetMixin:
    """Base of datasets that define ``__len__`` and ``get_example(i)``.

    ``dataset[i]`` calls ``get_example(i)``; a slice, list or integer array
    gives a list of examples.

    >>> class Squares(DatasetMixin):
    ...     def __len__(self):
    ...         return 4
    ...     def get_example(self, i):
    ...         return i * i
    >>> Squares()[1:3], Squares()[[0, 3]]
    ([1, 4], [0, 9])
    """

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.get_example(i) for i in range(*index.indices(len(self)))]
        if isinstance(index, (list, numpy.ndarray)):
            return [self.get_example(i) for i in index]
        return self.get_example(index)

    def __len__(self):
        raise NotImplementedError

    def get_example(self, i):
        """Returns the ``i``-th example."""
        raise NotImplementedError
