"""Helpers shared by the loss functions: argument checks and array-level math."""
import numpy

from chainlite import backend
from chainlite.configuration import config
from chainlite.utils import type_check
from chainlite.variable import Variable


def check_reduce(name, reduce, valid):
    """Raises ValueError unless ``reduce`` is one of ``valid`` (a tuple of strings)."""
    if reduce not in valid:
        names = ["'%s'" % v for v in valid]
        listed = names[0] if len(names) == 1 else '%s and %s' % (', '.join(names[:-1]), names[-1])
        raise ValueError('%s: only %s are valid for \'reduce\', but %r is given'
                         % (name, listed, reduce))


def check_labels(name, t, n_class, ignore_label=None, what='t'):
    """Raises ValueError if a label of ``t`` is outside ``[0, n_class)`` (and not ignored)."""
    if not t.size or (int(t.min()) >= 0 and int(t.max()) < n_class):
        return
    bad = (t < 0) | (t >= n_class)
    if ignore_label is not None:
        bad &= t != ignore_label
    if bool(bad.any()):
        first = t[bad].ravel()[0].item()
        ignored = '' if ignore_label is None else ' or equal ignore_label (%d)' % ignore_label
        raise ValueError('%s: %s must be in [0, %d)%s; got %d (%s.shape=%s)'
                         % (name, what, n_class, ignored, first, what, t.shape))


def check_values(name, t, allowed, what='t'):
    """Raises ValueError if ``t`` holds a value not in ``allowed``."""
    xp = backend.get_array_module(t)
    ok = xp.zeros(t.shape, dtype=bool)
    for v in allowed:
        ok |= t == v
    if t.size and not bool(ok.all()):
        first = t[~ok].ravel()[0].item()
        raise ValueError('%s: %s must be one of %s; got %s (%s.shape=%s)'
                         % (name, what, list(allowed), first, what, t.shape))


def no_double_backprop(name):
    """Raises RuntimeError when a graph of the gradient is requested (as Chainer does)."""
    if config.enable_backprop:
        raise RuntimeError('%s does not support double backpropagation (its gradient is '
                           'computed on arrays, not as a differentiable graph)' % name)


def constant(array):
    """A Variable that takes no gradient."""
    return Variable(array, requires_grad=False)


def compute_dtype(dtype):
    """float16 is computed in float32 (exp/log lose too much in half precision)."""
    return numpy.dtype(numpy.float32) if dtype == numpy.float16 else numpy.dtype(dtype)


def check_types(label, names, inputs, check):
    """Runs Chainer-style type checks on the inputs of a loss built from other functions.

    ``check`` receives one type expression per input (named by ``names``) and calls
    ``type_check.expect``; failures name ``label``.
    """
    arrays = [getattr(a, 'array', a) for a in inputs]
    for n, a in zip(names, arrays):
        if not hasattr(a, 'dtype'):
            raise TypeError('%s: %s must be an array or a Variable, not %s'
                            % (label, n, type(a).__name__))
    in_types = type_check.get_types(arrays, 'in_types', False)
    type_check.argname(in_types, names)
    with type_check.get_function_check_context(label):
        check(*in_types)
