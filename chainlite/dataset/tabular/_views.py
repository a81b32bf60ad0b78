"""Views that change how examples are packed (astuple/asdict) or converted (with_converter)."""
from chainlite.dataset.tabular.delegate_dataset import DelegateDataset


class AsMode(DelegateDataset):
    """The same rows and columns as ``dataset``, with examples packed as ``mode`` says.

    >>> from chainlite.dataset import tabular
    >>> AsMode(tabular.from_data((('a', [1]), ('b', [2]))), dict)[0]
    {'a': 1, 'b': 2}
    """

    def __init__(self, dataset, mode):
        super().__init__(dataset)
        self._mode = mode

    @property
    def mode(self):
        return self._mode


class WithConverter(DelegateDataset):
    """``dataset`` whose :meth:`convert` calls ``converter`` with the fetched data.

    A tuple is passed as positional arguments, a dict as keyword arguments,
    anything else as the only argument.

    >>> from chainlite.dataset import tabular
    >>> ds = WithConverter(tabular.from_data(('a', [1, 2])), lambda a: a[::-1])
    >>> ds.convert(ds.fetch())
    [2, 1]
    """

    def __init__(self, dataset, converter):
        super().__init__(dataset)
        self._converter = converter

    def convert(self, data):
        if isinstance(data, tuple):
            return self._converter(*data)
        if isinstance(data, dict):
            return self._converter(**data)
        return self._converter(data)
