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
from chainlite.configuration import (  # NOQA
    config, global_config, using_config, no_backprop_mode, force_backprop_mode, set_debug, is_debug,
    get_dtype, DebugMode)
from chainlite.variable import Variable, Parameter, VariableNode, as_variable, as_array  # NOQA
from chainlite.function_node import FunctionNode  # NOQA
from chainlite import function_hook  # NOQA
from chainlite.function_hook import FunctionHook, get_function_hooks  # NOQA
from chainlite.backprop import grad  # NOQA
from chainlite import functions  # NOQA
from chainlite.function import Function  # NOQA
from chainlite import utils  # NOQA
from chainlite import initializers  # NOQA
from chainlite import link_hook  # NOQA
from chainlite.link_hook import LinkHook  # NOQA
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
from chainlite import links  # NOQA
from chainlite import link_hooks  # NOQA
from chainlite import distributions  # NOQA
from chainlite.distributions import distribution  # NOQA  (Chainer's chainer.distribution)
from chainlite.distributions.distribution import (  # NOQA
    Distribution, cross_entropy, kl_divergence, register_kl)
from chainlite import optimizer, optimizers, optimizer_hooks  # NOQA
from chainlite.optimizer import GradientMethod, Optimizer, UpdateRule  # NOQA
from chainlite import training  # NOQA
from chainlite import functional  # NOQA
from chainlite import function_hooks  # NOQA
from chainlite.learnables import (set_learn_rate_factor, get_learn_rate_factor,  # NOQA
                                  freeze, unfreeze, learnables)
from chainlite.initializers import Initializer  # NOQA
from chainlite.function import FunctionAdapter  # NOQA
from chainlite.serializer import AbstractSerializer, Serializer, Deserializer  # NOQA

__version__ = '0.1.0'

# Set True to silence the FutureWarning of experimental APIs (as in Chainer).
disable_experimental_feature_warning = False


__getattr__ = utils.not_provided('chainer')


def backward(outputs, grad_outputs=None, **kwargs):
    """Runs backward from several outputs at once (``chainer.backward``).

    Each output starts from its ``grad_outputs`` entry or else its ``grad`` (see
    :func:`chainlite.backprop.backward_outputs`). Keyword: ``enable_double_backprop``;
    ``loss_scale`` and ``retain_grad`` are refused with ValueError, as in Chainer.
    """
    from chainlite import backprop
    if 'loss_scale' in kwargs:  # (Chainer's refusals)
        raise ValueError('chainer.backward does not support loss_scale option')
    if 'retain_grad' in kwargs:
        raise ValueError('semantics for retain_grad=True is under discussion')
    unknown = set(kwargs) - {'enable_double_backprop'}
    if unknown:
        raise TypeError('backward: unexpected keyword arguments %s' % sorted(unknown))
    backprop.backward_outputs(outputs, grad_outputs, kwargs.get('enable_double_backprop', False))


def using_device(device_spec):
    """Makes a device current inside a ``with`` block (a no-op for the CPU)."""
    return get_device(device_spec)


def get_array_types():
    """The array types chainlite accepts (NumPy's, and CuPy's when installed)."""
    from chainlite.variable import ARRAY_TYPES
    return ARRAY_TYPES


def get_cpu_array_types():
    import numpy
    return (numpy.ndarray,)


def is_arrays_compatible(arrays):
    """True when all non-None arrays live on one kind of device."""
    kinds = {type(a) for a in arrays if a is not None}
    return len(kinds) <= 1


def print_runtime_info(out=None):
    """Prints the versions chainlite runs with."""
    import sys
    import numpy
    out = out or sys.stdout
    out.write('chainlite: %s\nNumPy: %s\nCuPy: %s\n' % (
        __version__, numpy.__version__,
        backend.cupy.__version__ if backend.cupy is not None else 'not installed'))
