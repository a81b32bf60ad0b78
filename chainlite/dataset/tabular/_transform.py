"""``transform`` and ``transform_batch``: datasets computed from another one."""
from chainlite.dataset.tabular.tabular_dataset import TabularDataset, call_with


def _count(indices, n):
    """The number of rows ``indices`` (None, a slice or a sequence) picks from ``n``."""
    if indices is None:
        return n
    if isinstance(indices, slice):
        return len(range(n)[indices])
    return len(indices)


def _mode_of(output):
    if isinstance(output, tuple):
        return tuple
    if isinstance(output, dict):
        return dict
    return None


def _pick(output, mode, keys, key_indices, where):
    """Returns the values of ``output`` (a tuple, dict or bare value) for ``key_indices``."""
    if mode is tuple:
        if len(output) <= max(key_indices, default=-1):
            raise IndexError('%s: returned a tuple of %d values for keys %r'
                             % (where, len(output), keys))
        return [output[k] for k in key_indices]
    if mode is dict:
        missing = [keys[k] for k in key_indices if keys[k] not in output]
        if missing:
            raise KeyError('%s: returned a dict without key %r (keys %r)'
                           % (where, missing[0], keys))
        return [output[keys[k]] for k in key_indices]
    return [output for _ in key_indices]


class _Transformed(TabularDataset):
    """Common part of :class:`Transform` and :class:`TransformBatch`."""

    def __init__(self, dataset, keys, fn):
        self._dataset = dataset
        self._keys = keys if isinstance(keys, tuple) else (keys,)
        self._fn = fn
        self._mode = ()  # not known until the first call

    def __len__(self):
        return len(self._dataset)

    @property
    def keys(self):
        return self._keys

    @property
    def mode(self):
        """The type of what the function returns for the first row (see the class doc)."""
        if self._mode == ():
            if len(self) == 0:
                self._mode = tuple if len(self._keys) > 1 else None
            else:
                self._mode = _mode_of(self._call([0])[0])
        return self._mode

    def convert(self, data):
        return self._dataset.convert(data)

    def _call(self, indices):
        """Returns the list of what the function returns for rows ``indices``."""
        raise NotImplementedError


class Transform(_Transformed):
    """Examples ``transform(example)`` of ``dataset``, with keys ``keys`` (a tuple, or one key).

    :attr:`mode` is the type of what ``transform`` returns for the first
    example (tuple, dict, or ``None`` for anything else); for an empty
    dataset it is ``tuple`` for several keys and ``None`` for one.

    >>> from chainlite.dataset import tabular
    >>> ds = Transform(tabular.from_data(('a', [1, 2])), 'b', lambda a: 10 * a)
    >>> ds.keys, ds.mode, ds.fetch()
    (('b',), None, [10, 20])
    """

    def _call(self, indices):
        dataset = self._dataset
        columns = dataset.get_examples(indices, None)
        n = _count(indices, len(dataset))
        return [call_with(self._fn, [column[j] for column in columns], dataset.keys, dataset.mode)
                for j in range(n)]

    def get_examples(self, indices, key_indices):
        if key_indices is None:
            key_indices = tuple(range(len(self._keys)))
        outputs = self._call(slice(None) if indices is None else indices)
        rows = [_pick(output, _mode_of(output), self._keys, key_indices, 'transform')
                for output in outputs]
        return tuple([row[j] for row in rows] for j in range(len(key_indices)))


class TransformBatch(_Transformed):
    """Columns ``transform_batch(columns)`` of ``dataset``, with keys ``keys``.

    The function gets and returns whole columns (spread as in
    :class:`Transform`); each returned column must be as long as the input.

    >>> from chainlite.dataset import tabular
    >>> import numpy
    >>> ds = tabular.from_data((numpy.array([1, 2]), numpy.array([3, 4])))
    >>> TransformBatch(ds, ('s',), lambda a, b: (a + b,)).fetch()
    (array([4, 6]),)
    """

    def _call(self, indices):
        dataset = self._dataset
        columns = dataset.get_examples(indices, None)
        return [call_with(self._fn, columns, dataset.keys, dataset.mode)]

    def get_examples(self, indices, key_indices):
        if key_indices is None:
            key_indices = tuple(range(len(self._keys)))
        n = _count(indices, len(self))
        output, = self._call(slice(None) if indices is None else indices)
        columns = _pick(output, _mode_of(output), self._keys, key_indices, 'transform_batch')
        for k, column in zip(key_indices, columns):
            if len(column) != n:
                raise ValueError('transform_batch must not change the length of data: '
                                 'column %r has %d rows, not %d' % (self._keys[k], len(column), n))
        return tuple(columns)
