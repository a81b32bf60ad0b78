"""TimerHook: time spent in each function's forward and backward."""
import collections
import sys
import time

from chainlite import backend
from chainlite.function_hook import FunctionHook


class TimerHook(FunctionHook):
    """Records ``(function name, seconds)`` for each forward and backward step in
    ``call_history``; ``summary()`` totals them per function class, ``print_report()``
    prints the table. GPU work is synchronized before each reading."""

    name = 'TimerHook'
    table = {'sec': 1, 'ms': 10 ** 3, 'us': 10 ** 6, 'ns': 10 ** 9}

    def __init__(self):
        self.call_history = []
        self._starts = []

    def _start(self, in_data):
        _synchronize(in_data)
        self._starts.append(time.perf_counter())

    def _stop(self, function, in_data):
        _synchronize(in_data)
        elapsed = time.perf_counter() - self._starts.pop()
        self.call_history.append((type(function).__name__, elapsed))

    def forward_preprocess(self, function, in_data):
        self._start(in_data)

    def forward_postprocess(self, function, in_data):
        self._stop(function, in_data)

    def backward_preprocess(self, function, in_data, out_grad):
        self._start(in_data)

    def backward_postprocess(self, function, in_data, out_grad):
        self._stop(function, in_data)

    def total_time(self):
        """Seconds spent in all recorded steps."""
        return sum(t for _, t in self.call_history)

    def summary(self):
        """``{function name: {'elapsed_time': seconds, 'occurrence': count}}``, first-seen order."""
        result = collections.OrderedDict()
        for name, elapsed in self.call_history:
            entry = result.setdefault(name, {'elapsed_time': 0, 'occurrence': 0})
            entry['elapsed_time'] += elapsed
            entry['occurrence'] += 1
        return result

    def print_report(self, unit='auto', file=None):
        """Prints the summary table; ``unit`` is 'sec', 'ms', 'us', 'ns' or 'auto'."""
        file = sys.stdout if file is None else file
        print_table(self.summary(), self.total_time(), self.table, unit, file, 'FunctionName')


def _synchronize(arrays):
    for a in arrays:
        if a is not None and backend.is_gpu_array(a):
            backend.cupy.cuda.get_current_stream().synchronize()
            return


def choose_unit(seconds):
    if seconds >= 1:
        return 'sec'
    if seconds >= 1e-3:
        return 'ms'
    if seconds >= 1e-6:
        return 'us'
    return 'ns'


def print_table(summary, total, table, unit, file, first_column):
    if unit == 'auto':
        unit = choose_unit(total)
    factor = table[unit]
    width = max([len(first_column)] + [len(name) for name in summary])
    print('%s  ElapsedTime  Occurrence' % first_column.rjust(width), file=file)
    for name, entry in summary.items():
        elapsed = '%.2f%s' % (entry['elapsed_time'] * factor, unit)
        print('%s  %11s  %10d' % (name.rjust(width), elapsed, entry['occurrence']), file=file)
