"""Helpers for testing code written with chainlite.

>>> import numpy
>>> from chainlite import testing
>>> testing.assert_allclose(numpy.ones(2), numpy.ones(2) + 1e-7)
"""
from chainlite.gradient_check import check_backward, check_double_backward  # NOQA
from chainlite.testing.array import assert_allclose  # NOQA
from chainlite.testing import attr  # NOQA
from chainlite.testing import condition  # NOQA
from chainlite.testing.helper import assert_warns, with_requires, without_requires  # NOQA
from chainlite.testing.matrix import generate_matrix  # NOQA
from chainlite.testing.parameterized import parameterize, product, product_dict  # NOQA
from chainlite.testing.random import fix_random, generate_seed  # NOQA
from chainlite.testing.serializer import (  # NOQA
    save_and_load, save_and_load_hdf5, save_and_load_npz)
from chainlite.testing.training import get_trainer_with_mock_updater  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.testing')
