"""Configuration: global defaults, overridden per thread.

``chainlite.config`` reads a thread-local value first and falls back to
``chainlite.global_config``; ``using_config`` changes a value for one thread
inside a ``with`` block.

>>> import chainlite
>>> with chainlite.using_config('train', False):
...     chainlite.config.train
False
>>> chainlite.config.train
True
"""
import contextlib
import threading
import warnings

import numpy


def _show(config, keys, file):
    """Chainer's ``config.show()`` layout: sorted names padded to the longest, then values."""
    import sys
    file = file or sys.stdout
    width = max(map(len, keys), default=0)
    for k in sorted(keys):
        file.write('%s %s\n' % (k.ljust(width), getattr(config, k)))


class GlobalConfig:
    """Process-wide defaults."""

    def show(self, file=None):
        """Writes every setting and its value, one a line, to ``file`` (stdout)."""
        _show(self, vars(self), file)


class LocalConfig(threading.local):
    """Per-thread values falling back to the global ones.

    As a ``threading.local`` subclass, a value set in this thread is a plain
    instance attribute (read at C speed on hot paths); a missing one falls
    back to ``__getattr__`` and so to the global default.
    """

    def __init__(self, global_config):
        self._global = global_config

    def __getattr__(self, name):
        return getattr(self._global, name)

    def _local_values(self):
        return {k: v for k, v in vars(self).items() if k != '_global'}

    def show(self, file=None):
        """Writes every setting as this thread sees it, one a line, to ``file`` (stdout)."""
        _show(self, set(vars(self._global)) | set(self._local_values()), file)


global_config = GlobalConfig()
global_config.train = True
global_config.enable_backprop = True
global_config.debug = False
global_config.type_check = True
global_config.keep_graph_on_report = False
global_config.cudnn_deterministic = False
global_config.use_cudnn = 'never'
global_config.use_cudnn_tensor_core = 'never'
global_config.cudnn_fast_batch_normalization = False
global_config.use_ideep = 'never'
global_config.autotune = False
global_config.dtype = numpy.dtype(numpy.float32)  # as in Chainer
global_config.lazy_grad_sum = False
global_config.in_recomputing = False
global_config.schedule_func = None
global_config.warn_nondeterministic = False

config = LocalConfig(global_config)

_MISSING = object()


class using_config(contextlib.ContextDecorator):
    """Sets ``config.<name>`` to ``value`` in this thread inside a ``with`` block
    (or inside calls of a function it decorates).

    A class rather than a generator: backward enters one on every call.
    """

    def __init__(self, name, value, config=config):
        self._name = name
        self._value = value
        self._config = config
        self._saved = []  # one entry per active entry, so nesting the same object works

    def __enter__(self):
        local = self._config.__dict__  # the thread's own values (falls back to the global)
        self._saved.append(local.get(self._name, _MISSING))
        local[self._name] = self._value

    def __exit__(self, *exc):
        old = self._saved.pop()
        local = self._config.__dict__
        if old is _MISSING:
            local.pop(self._name, None)
        else:
            local[self._name] = old
        return False


def no_backprop_mode():
    """Inside this block, functions build no graph (``config.enable_backprop = False``)."""
    return using_config('enable_backprop', False)


def force_backprop_mode():
    """Inside this block, functions build the graph even within ``no_backprop_mode``."""
    return using_config('enable_backprop', True)


def get_dtype(dtype=None):
    """Returns ``dtype``, else ``config.dtype``, else float32 (Chainer's default), as a dtype.

    >>> get_dtype()
    dtype('float32')
    """
    if dtype is None:
        dtype = config.dtype
    return numpy.dtype(numpy.float32 if dtype is None else dtype)


class DebugMode:
    """``with DebugMode(True):`` turns debug mode on (or off) inside the block (thread-local).

    Deprecated, as in Chainer: use ``using_config('debug', ...)``.
    """

    def __init__(self, debug):
        warnings.warn('chainer.DebugMode is deprecated. Use chainer.using_config("debug", ...) '
                      'instead.', DeprecationWarning, stacklevel=2)
        self._using = using_config('debug', debug)

    def __enter__(self):
        self._using.__enter__()

    def __exit__(self, *exc):
        return self._using.__exit__(*exc)


def set_debug(debug):
    """Turns debug mode on or off for this thread, as Chainer does (``config.debug``): in it
    every function checks outputs and gradients for NaN/Inf.

    >>> set_debug(True)
    >>> is_debug()
    True
    >>> set_debug(False)
    """
    config.debug = debug


def is_debug():
    return bool(config.debug)
