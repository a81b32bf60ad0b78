"""Small helpers shared across chainlite (Chainer's ``chainer.utils``)."""
import numpy

from chainlite import backend


def force_array(x, dtype=None):
    """Returns ``x`` as an array: NumPy turns 0-dim results into scalars, this undoes it."""
    if dtype is None and type(x) is numpy.ndarray:  # the common case, without isscalar's cost
        return x
    if numpy.isscalar(x):
        return numpy.asarray(x) if dtype is None else numpy.asarray(x, dtype=dtype)
    if dtype is None or x.dtype == dtype:
        return x
    return x.astype(dtype, copy=False)


def force_type(dtype, value):
    """Returns ``value`` cast to ``dtype`` (arrays) or as a NumPy scalar of it."""
    if numpy.isscalar(value):
        return dtype.type(value)
    if value.dtype != dtype:
        return value.astype(dtype, copy=False)
    return value


def size_of_shape(shape):
    size = 1
    for s in shape:
        size *= s
    return size


def get_array_module(*args):
    return backend.get_array_module(*args)


def not_provided(chainer_module):
    """A module ``__getattr__`` saying a missing name is not provided by chainlite.

    Old code gets ``AttributeError: ... chainer.links.VGG16Layers is not provided by
    chainlite`` instead of a bare "no attribute".
    """
    def __getattr__(name):
        raise AttributeError('module %r has no attribute %r (%s.%s is not provided by '
                             'chainlite)' % (chainer_module.replace('chainer', 'chainlite', 1),
                                             name, chainer_module, name))
    return __getattr__


from chainlite.utils.walker_alias import WalkerAlias  # NOQA  (needs force_array above)
from chainlite.utils.sparse import CooMatrix, get_order, to_coo  # NOQA
from chainlite.utils.conv import get_conv_outsize, get_deconv_outsize  # NOQA
from chainlite.utils.array import sum_to  # NOQA
from chainlite.utils.meta import enable_final, final  # NOQA
from chainlite.utils._compat import experimental, nondeterministic, tempdir  # NOQA
