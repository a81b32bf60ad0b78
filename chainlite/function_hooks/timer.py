"""TimerHook: time spent in each function's forward and backward.

The report code (``TimerReport``: ``summary``/``print_report``, ``choose_unit``,
``print_table``) is shared with the link hook ``chainlite.link_hooks.TimerHook``.
"""
import collections
import sys
import time

from chainlite import backend
from chainlite.function_hook import FunctionHook


class TimerReport:
    """Mixin of the timer hooks: ``summary()`` and ``print_report()`` from
    ``call_history``, a list of ``(name, seconds)``; ``report_column`` heads the
    name column of the report."""

    table = {'sec': 1, 'ms': 10 ** 3, 'us': 10 ** 6, 'ns': 10 ** 9}
    report_column = 'Name'

    def _start(self):
        self._starts.append(time.perf_counter())

    def _stop(self, name):
        """Records the time since the matching ``_start`` under ``name``; returns it."""
        elapsed = time.perf_counter() - self._starts.pop()
        self.call_history.append((name, elapsed))
        return elapsed

    def summary(self):
        """``{name: {'elapsed_time': seconds, 'occurrence': count}}``, first-seen order."""
        result = collections.OrderedDict()
        for name, elapsed in self.call_history:
            entry = result.setdefault(name, {'elapsed_time': 0, 'occurrence': 0})
            entry['elapsed_time'] += elapsed
            entry['occurrence'] += 1
        return result

    def print_report(self, unit='auto', file=None):
        """Prints the summary table; ``unit`` is 'sec', 'ms', 'us', 'ns' or 'auto' (the
        largest unit in which the longest total is at least 1). ``file`` defaults to
        the ``sys.stdout`` of the moment."""
        file = sys.stdout if file is None else file
        print_table(self.summary(), self.table, unit, file, self.report_column)


class TimerHook(TimerReport, FunctionHook):
    """Records ``(function name, seconds)`` for each forward and backward step in
    ``call_history``; ``summary()`` totals them per function class, ``print_report()``
    prints the table. GPU work is synchronized before each reading.

    >>> import io, numpy, chainlite
    >>> with TimerHook() as timer:
    ...     _ = chainlite.functions.relu(numpy.ones(3))
    >>> timer.summary()['ReLU']['occurrence']
    1
    >>> out = io.StringIO()
    >>> timer.print_report(file=out)
    >>> out.getvalue().splitlines()[0]
    'FunctionName  ElapsedTime  Occurrence'
    """

    name = 'TimerHook'
    report_column = 'FunctionName'

    def __init__(self):
        self.call_history = []
        self._starts = []

    def forward_preprocess(self, function, in_data):
        _synchronize(in_data)
        self._start()

    def forward_postprocess(self, function, in_data):
        _synchronize(in_data)
        self._stop(function._impl_name)

    def backward_preprocess(self, function, in_data, out_grad):
        self.forward_preprocess(function, in_data)

    def backward_postprocess(self, function, in_data, out_grad):
        self.forward_postprocess(function, in_data)

    def total_time(self):
        """Seconds spent in all recorded steps."""
        return sum(t for _, t in self.call_history)


def _synchronize(arrays):
    for a in arrays:
        if a is not None and backend.is_gpu_array(a):
            backend.cupy.cuda.get_current_stream().synchronize()
            return


def choose_unit(seconds):
    """The largest of 'sec', 'ms', 'us', 'ns' in which ``seconds`` is at least 1."""
    if seconds >= 1:
        return 'sec'
    if seconds >= 1e-3:
        return 'ms'
    if seconds >= 1e-6:
        return 'us'
    return 'ns'


def print_table(summary, table, unit, file, first_column):
    """Prints ``summary`` (see ``TimerReport.summary``) as Chainer's timer hooks do;
    ``unit='auto'`` picks the unit from the longest total, as Chainer does."""
    if unit == 'auto':
        unit = choose_unit(max([e['elapsed_time'] for e in summary.values()], default=0))
    factor = table[unit]
    width = max([len(first_column)] + [len(name) for name in summary])
    print('%s  ElapsedTime  Occurrence' % first_column.rjust(width), file=file)
    for name, entry in summary.items():
        elapsed = '%.2f%s' % (entry['elapsed_time'] * factor, unit)
        print('%s  %11s  %10d' % (name.rjust(width), elapsed, entry['occurrence']), file=file)
