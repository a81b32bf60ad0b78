"""Reports statistics (mean, std, percentiles, ...) of parameters and their gradients."""
import numpy

from chainlite import backend
from chainlite import reporter
from chainlite.training import extension
from chainlite.training import triggers as trigger_module

# The percentiles of a standard normal at -3..3 sigma (Chainer's choice).
_SIGMA_PERCENTILES = (0.13, 2.28, 15.87, 50, 84.13, 97.72, 99.87)


def _percentiles(x):
    return backend.get_array_module(x).percentile(x, _SIGMA_PERCENTILES)


def _zeros(x):
    return (x == 0).sum()


class ParameterStatistics(extension.Extension):
    """Each call, computes ``statistics`` of every parameter's ``data`` and ``grad`` of the
    given links; when ``trigger`` fires, reports their means since the last report under
    ``'{prefix}/{link name}{parameter path}/{data|grad}/{statistic}'`` (a statistic that
    returns an array reports ``.../{statistic}/{i}`` per element, like ``percentile``).

    ``statistics`` maps names to functions of a flat array; ``'default'`` means mean,
    std, min, max, zeros and the -3..3 sigma percentiles. ``skip_nan_params`` skips
    arrays containing NaN (e.g. gradients not computed yet).

    >>> import chainlite.links as L
    >>> ext = ParameterStatistics(L.Linear(3, 2))
    >>> sorted(ext._statistics)
    ['max', 'mean', 'min', 'percentile', 'std', 'zeros']
    """

    default_name = 'parameter_statistics'
    priority = extension.PRIORITY_WRITER
    report_key_template = '{prefix}{link_name}{param_name}/{attr_name}/{function_name}'
    default_statistics = {
        'mean': lambda x: x.mean(),
        'std': lambda x: x.std(),
        'min': lambda x: x.min(),
        'max': lambda x: x.max(),
        'zeros': _zeros,
        'percentile': _percentiles,
    }

    def __init__(self, links, statistics='default', report_params=True, report_grads=True,
                 prefix=None, trigger=(1, 'epoch'), skip_nan_params=False):
        self._links = list(links) if isinstance(links, (list, tuple)) else [links]
        if statistics == 'default':
            statistics = self.default_statistics
        self._statistics = dict(statistics or {})
        self._attrs = [a for a, on in (('data', report_params), ('grad', report_grads)) if on]
        self._prefix = prefix
        self._trigger = trigger_module.get_trigger(trigger)
        self._skip_nan = skip_nan_params
        self._summary = reporter.DictSummary()

    def register_statistics(self, name, function):
        """Adds statistic ``name``: ``function(flat array)`` -> scalar or 1-D array."""
        self._statistics[name] = function

    def __call__(self, trainer):
        stats = {}
        prefix = self._prefix + '/' if self._prefix else ''
        for link in self._links:
            for param_name, param in link.namedparams():
                for attr in self._attrs:
                    x = param.array if attr == 'data' else param.grad
                    if x is None:
                        continue
                    x = x.ravel()
                    if self._skip_nan and bool(backend.get_array_module(x).isnan(x).any()):
                        continue
                    for function_name, function in self._statistics.items():
                        key = self.report_key_template.format(
                            prefix=prefix, link_name=link.name, param_name=param_name,
                            attr_name=attr, function_name=function_name)
                        _add(stats, key, function(x))
        self._summary.add(stats)
        if self._trigger(trainer):
            reporter.report(self._summary.compute_mean())
            self._summary = reporter.DictSummary()

    def serialize(self, serializer):
        if hasattr(self._trigger, 'serialize'):
            self._trigger.serialize(serializer['_trigger'])


def _add(stats, key, value):
    value = backend.CPU.send(value) if hasattr(value, 'shape') else value
    value = numpy.asarray(value, dtype=numpy.float64)
    if value.ndim == 0:
        stats[key] = float(value)
    else:
        for i, v in enumerate(value.ravel()):
            stats['%s/%d' % (key, i)] = float(v)
