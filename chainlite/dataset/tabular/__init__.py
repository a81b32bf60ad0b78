"""Tabular datasets (Chainer's experimental ``chainer.dataset.tabular``): named columns,
read in blocks, combined with ``slice``, ``transform``, ``concat`` and ``join``.

>>> from chainlite.dataset import tabular
>>> ds = tabular.from_data((('x', [1, 2, 3]), ('y', [4, 5, 6])))
>>> ds.slice[1:, 'y'].fetch(), ds.transform('s', lambda x, y: x + y)[0]
([5, 6], 5)
"""
from chainlite.dataset.tabular.tabular_dataset import TabularDataset  # NOQA
from chainlite.dataset.tabular.delegate_dataset import DelegateDataset  # NOQA
from chainlite.dataset.tabular.from_data import from_data  # NOQA
