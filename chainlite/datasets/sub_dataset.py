"""SubDataset and the functions that split a dataset into parts or cross-validation folds."""
import numbers

import numpy

from chainlite.dataset.dataset_mixin import DatasetMixin


class SubDataset(DatasetMixin):
    """A view of ``dataset[start:finish]``, optionally through a permutation ``order``.

    With ``order``, the ``i``-th example is ``dataset[order[start + i]]``.

    >>> ds = SubDataset([10, 20, 30, 40], 1, 3, order=[3, 2, 1, 0])
    >>> len(ds), ds[0], ds[-1]
    (2, 30, 20)
    """

    def __init__(self, dataset, start, finish, order=None):
        if start < 0 or finish > len(dataset):
            raise ValueError('SubDataset: subset [%d, %d) overruns the base dataset of length %d'
                             % (start, finish, len(dataset)))
        if finish < start:
            raise ValueError('SubDataset: finish (%d) is before start (%d)' % (finish, start))
        if order is not None and len(order) != len(dataset):
            raise ValueError('SubDataset: order option must have the same length as the base '
                             'dataset: len(order) = %d while len(dataset) = %d'
                             % (len(order), len(dataset)))
        self._dataset = dataset
        self._start = start
        self._finish = finish
        self._size = finish - start
        self._order = order

    def __len__(self):
        return self._size

    def get_example(self, i):
        if not -self._size <= i < self._size:
            raise IndexError('SubDataset: index %d is out of range for length %d'
                             % (i, self._size))
        index = self._start + i if i >= 0 else self._finish + i
        if self._order is not None:
            index = self._order[index]
        return self._dataset[index]


def _random_order(dataset, seed):
    return numpy.random.RandomState(seed).permutation(len(dataset))


def split_dataset(dataset, split_at, order=None):
    """Splits a dataset in two: examples ``[0, split_at)`` and ``[split_at, len)``.

    >>> a, b = split_dataset([1, 2, 3, 4, 5], 2)
    >>> list(a), list(b)
    ([1, 2], [3, 4, 5])
    """
    if not isinstance(split_at, numbers.Integral) or isinstance(split_at, bool):
        raise TypeError('split_dataset: split_at must be int, got %s instead'
                        % type(split_at).__name__)
    if split_at < 0:
        raise ValueError('split_dataset: split_at must be non-negative, got %d' % split_at)
    if split_at > len(dataset):
        raise ValueError('split_dataset: split_at (%d) exceeds the dataset size (%d)'
                         % (split_at, len(dataset)))
    return (SubDataset(dataset, 0, split_at, order),
            SubDataset(dataset, split_at, len(dataset), order))


def split_dataset_random(dataset, first_size, seed=None):
    """Splits a dataset in two at random: ``first_size`` examples and the rest.

    The permutation is ``numpy.random.RandomState(seed).permutation(len(dataset))``.

    >>> a, b = split_dataset_random(list(range(10)), 3, seed=0)
    >>> len(a), len(b), sorted(list(a) + list(b)) == list(range(10))
    (3, 7, True)
    """
    return split_dataset(dataset, first_size, _random_order(dataset, seed))


def split_dataset_n(dataset, n, order=None):
    """Splits a dataset into ``n`` parts of ``len(dataset) // n`` examples (the rest is dropped).

    >>> [list(part) for part in split_dataset_n([1, 2, 3, 4, 5], 2)]
    [[1, 2], [3, 4]]
    """
    if not isinstance(n, numbers.Integral) or n <= 0:
        raise ValueError('split_dataset_n: n must be a positive int, got %r' % (n,))
    size = len(dataset) // n
    return [SubDataset(dataset, i * size, (i + 1) * size, order) for i in range(n)]


def split_dataset_n_random(dataset, n, seed=None):
    """:func:`split_dataset_n` on a random permutation drawn from ``RandomState(seed)``."""
    return split_dataset_n(dataset, n, _random_order(dataset, seed))


def get_cross_validation_datasets(dataset, n_folds=None, order=None, **kwargs):
    """Returns ``n_folds`` pairs ``(train, test)`` for k-fold cross validation.

    The (possibly permuted) dataset is cut into ``n_folds`` contiguous
    segments of nearly equal size; each pair tests on one segment and trains
    on all the others. ``n_fold`` is accepted as an old alias of ``n_folds``.

    >>> folds = get_cross_validation_datasets(list(range(6)), 3)
    >>> [(list(train), list(test)) for train, test in folds][0]
    ([0, 1, 2, 3], [4, 5])
    """
    if 'n_fold' in kwargs and n_folds is None:
        n_folds = kwargs.pop('n_fold')
    if kwargs:
        raise TypeError('get_cross_validation_datasets: unexpected arguments %s' % sorted(kwargs))
    if n_folds is None:
        raise TypeError('get_cross_validation_datasets: n_folds is required')
    size = len(dataset)
    if not isinstance(n_folds, numbers.Integral) or not 1 <= n_folds <= size:
        raise ValueError('get_cross_validation_datasets: n_folds must be an int in [1, %d] '
                         '(the dataset size), got %r' % (size, n_folds))
    if order is None:
        order = numpy.arange(size)
    borders = [size * i // n_folds for i in range(n_folds + 1)]
    folds = []
    for k in reversed(range(n_folds)):
        # Rotate so that this fold's test segment sits at the end and the
        # training part starts right after it (wrapping around).
        rotated = numpy.roll(order, -borders[k + 1])
        folds.append(split_dataset(dataset, size - (borders[k + 1] - borders[k]), rotated))
    return folds


def get_cross_validation_datasets_random(dataset, n_folds, seed=None, **kwargs):
    """:func:`get_cross_validation_datasets` on a permutation drawn from ``RandomState(seed)``."""
    return get_cross_validation_datasets(dataset, n_folds, _random_order(dataset, seed), **kwargs)
