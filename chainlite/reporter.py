"""Reporting values from deep inside a model (Chainer's ``chainer.reporter``).

Code anywhere calls ``chainlite.report({'loss': loss}, self)``; the current
reporter stores it under the observer's registered name (``'main/loss'``).

>>> import chainlite
>>> reporter = chainlite.Reporter()
>>> observer = object()
>>> reporter.add_observer('main', observer)
>>> observation = {}
>>> with reporter.scope(observation):
...     chainlite.report({'loss': 0.5}, observer)
>>> observation
{'main/loss': 0.5}
"""
import contextlib
import threading
import warnings

import numpy

from chainlite import backend
from chainlite.configuration import config
from chainlite.variable import Variable

_local = threading.local()


def _stack():
    stack = getattr(_local, 'reporters', None)
    if stack is None:
        stack = _local.reporters = []
    return stack


class Reporter:
    """Collects observed values into the current observation dictionary."""

    def __init__(self):
        self._observer_names = {}
        self.observation = {}

    def __enter__(self):
        _stack().append(self)
        return self

    def __exit__(self, *exc):
        _stack().pop()

    @contextlib.contextmanager
    def scope(self, observation):
        """Makes this reporter current and ``observation`` its target inside the block."""
        old = self.observation
        self.observation = observation
        self.__enter__()
        try:
            yield
        finally:
            self.__exit__(None, None, None)
            self.observation = old

    def add_observer(self, name, observer):
        """Registers ``observer`` so its values are reported as ``name/key``."""
        self._observer_names[id(observer)] = name

    def add_observers(self, prefix, observers):
        """Registers ``(name, observer)`` pairs under ``prefix`` (e.g. a model's links)."""
        for name, observer in observers:
            self._observer_names[id(observer)] = prefix + name

    def report(self, values, observer=None):
        """Stores ``values`` (a dict) in the current observation."""
        if not config.keep_graph_on_report:
            values = {k: _detach(v) for k, v in values.items()}
        if observer is not None:
            observer_id = id(observer)
            if observer_id not in self._observer_names:
                raise KeyError('report: the given observer is not registered to the reporter')
            prefix = self._observer_names[observer_id] + '/'
            values = {prefix + k: v for k, v in values.items()}
        self.observation.update(values)


def _detach(value):
    if isinstance(value, Variable):  # a fresh leaf, requiring grad like Chainer's copy
        return Variable(value.array)
    return value


class NoReporterError(RuntimeError, IndexError):
    """No reporter is active (Chainer raises IndexError here; this is both)."""


def get_current_reporter():
    """Returns the innermost active reporter."""
    stack = _stack()
    if not stack:
        raise NoReporterError('no reporter is active (use `with reporter:` or reporter.scope)')
    return stack[-1]


def report(values, observer=None):
    """Reports values to the current reporter; does nothing when none is active."""
    stack = _stack()
    if stack:
        stack[-1].report(values, observer)


@contextlib.contextmanager
def report_scope(observation):
    """Collects values reported inside the block into ``observation``."""
    current = get_current_reporter()
    old = current.observation
    current.observation = observation
    try:
        yield
    finally:
        current.observation = old


def _to_float(value):
    """A reported value on the host, in float64 like Chainer's sums (float32 loses digits)."""
    if isinstance(value, Variable):
        value = value.array
    if backend.is_gpu_array(value):
        value = value.get()
    if isinstance(value, (numpy.ndarray, numpy.floating)) and value.dtype.kind == 'f':
        value = value.astype(numpy.float64)
    return value


class Summary:
    """Online mean and standard deviation of values (arrays are summarized elementwise)."""

    def __init__(self):
        self._x = 0.0
        self._x2 = 0.0
        self._n = 0

    def add(self, value, weight=1):
        """Adds a value (number, array or Variable), optionally weighted."""
        value = _to_float(value)
        if isinstance(weight, Variable):
            weight = weight.array
        self._x += weight * value
        self._x2 += weight * value * value
        self._n += weight

    def compute_mean(self):
        if self._n == 0:
            raise ZeroDivisionError('Summary.compute_mean: no value was added')
        return self._x / self._n

    def make_statistics(self):
        """Returns ``(mean, std)``."""
        mean = self.compute_mean()
        var = self._x2 / self._n - mean * mean
        return mean, numpy.sqrt(numpy.maximum(var, 0))

    def serialize(self, serializer):
        self._x = serializer('_x', self._x)
        self._x2 = serializer('_x2', self._x2)
        self._n = serializer('_n', self._n)


class DictSummary:
    """Summaries of dictionaries: one Summary per key of scalar values."""

    def __init__(self):
        self._summaries = {}

    def add(self, d):
        """Adds each scalar value of ``d`` (non-scalars, even of size 1, are skipped)."""
        for k, v in d.items():
            w = 1
            if isinstance(v, tuple):
                v, w = v
            v = _to_float(v)
            # as in Chainer, an array of shape (1,) is not a scalar: it is left out
            if isinstance(v, (int, float, numpy.number)) or \
                    (isinstance(v, numpy.ndarray) and v.ndim == 0):
                if k not in self._summaries:
                    self._summaries[k] = Summary()
                self._summaries[k].add(v, weight=w)

    def compute_mean(self):
        return {k: s.compute_mean() for k, s in self._summaries.items()}

    def make_statistics(self):
        stats = {}
        for k, s in self._summaries.items():
            mean, std = s.make_statistics()
            stats[k] = mean
            stats[k + '.std'] = std
        return stats

    def serialize(self, serializer):
        names = list(self._summaries)
        try:
            loaded = serializer('_names', _encode_names(names))
            peek = getattr(serializer, 'peek', None)
            if peek is not None:  # the stored names, also while a load is only checking
                loaded = peek('_names')
            names = _decode_names(loaded)
        except KeyError:
            warnings.warn('DictSummary: no names found in the snapshot')
            return
        checking = getattr(serializer, 'checking', False)
        for i, name in enumerate(names):
            summary = self._summaries.get(name) or Summary()
            summary.serialize(serializer['_summaries'][str(i)])
            if not checking:
                self._summaries[name] = summary


def _encode_names(names):
    import json
    return json.dumps(names)


def _decode_names(value):
    import json
    if isinstance(value, numpy.ndarray):
        value = value.item()
    return json.loads(value)
