"""chainlite: a lean, Chainer-compatible deep-learning framework on NumPy 2 and CuPy.

Old Chainer code runs with ``import chainlite as chainer``.

>>> import numpy, chainlite
>>> import chainlite.functions as F
>>> x = chainlite.Variable(numpy.array([1.0, -2.0]))
>>> y = F.sum(x * x)
>>> y.backward()
>>> x.grad.tolist()
[2.0, -4.0]
"""
from chainlite import backend  # NOQA
from chainlite import backends  # NOQA
from chainlite.backends import cuda  # NOQA
from chainlite import configuration  # NOQA
from chainlite.configuration import (config, global_config, using_config, no_backprop_mode,  # NOQA
                              force_backprop_mode, set_debug, is_debug)
from chainlite.variable import Variable, Parameter, VariableNode, as_variable, as_array  # NOQA
from chainlite.function_node import FunctionNode  # NOQA
from chainlite.backprop import grad  # NOQA
from chainlite import functions  # NOQA
from chainlite.function import Function  # NOQA
from chainlite import utils  # NOQA
from chainlite import initializers  # NOQA
from chainlite.link import Link, Chain, ChainList  # NOQA
from chainlite.sequential import Sequential  # NOQA
from chainlite.backend import get_device, get_array_module  # NOQA
from chainlite import gradient_check  # NOQA
from chainlite import testing  # NOQA
from chainlite import serializer, serializers, dataset, datasets, iterators  # NOQA
from chainlite import reporter  # NOQA
from chainlite.reporter import (Reporter, report, report_scope, get_current_reporter,  # NOQA
                                Summary, DictSummary)
from chainlite import computational_graph  # NOQA

__version__ = '0.1.0'



def __getattr__(name):
    raise AttributeError("module 'chainlite' has no attribute %r (chainer.%s is not provided "
                         'by chainlite)' % (name, name))


def get_dtype(dtype=None):
    """Returns ``dtype``, or ``config.dtype`` (float32 by default) when it is None."""
    import numpy
    if dtype is None:
        dtype = config.dtype
    return numpy.dtype(numpy.float32 if dtype is None else dtype)


def print_runtime_info(out=None):
    """Prints the versions chainlite runs with."""
    import sys
    import numpy
    out = out or sys.stdout
    out.write('chainlite: %s\nNumPy: %s\nCuPy: %s\n' % (
        __version__, numpy.__version__,
        backend.cupy.__version__ if backend.cupy is not None else 'not installed'))
