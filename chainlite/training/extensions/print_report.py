"""PrintReport: prints the entries of the LogReport as a table, one row per log line."""
import os
import sys

from chainlite.training import extension
from chainlite.training.extensions import log_report as log_report_module


class PrintReport(extension.Extension):
    """Prints chosen entries (``'epoch'``, ``'main/loss'``, ...) as aligned columns.

    >>> PrintReport(['epoch', 'main/loss'])._log_report
    'LogReport'
    """

    def __init__(self, entries, log_report='LogReport', out=None):
        self._entries = list(entries)
        self._log_report = log_report
        self._out_arg = out
        self._log_len = 0
        widths = [max(10, len(e)) for e in self._entries]
        self._header = '  '.join(e.ljust(w) for e, w in zip(self._entries, widths)) + '\n'
        self._templates = [(e, '{:<%dg}  ' % w, ' ' * (w + 2))
                           for e, w in zip(self._entries, widths)]

    @property
    def _out(self):
        # None means the sys.stdout of the moment, so redirections and captures apply.
        return sys.stdout if self._out_arg is None else self._out_arg

    def __call__(self, trainer):
        out = self._out
        if self._header:
            out.write(self._header)
            self._header = None
        log_report = self._log_report
        if isinstance(log_report, str):
            log_report = trainer.get_extension(log_report)
        elif isinstance(log_report, log_report_module.LogReport):
            log_report(trainer)  # a LogReport given as an object is run here, as in Chainer
        log = log_report.log
        while len(log) > self._log_len:
            if os.name != 'nt':
                out.write('\033[J')  # Chainer clears the rest of the screen before each row
            self._print(log[self._log_len])
            self._log_len += 1
        if hasattr(out, 'flush'):
            out.flush()

    def _print(self, observation):
        line = []
        for entry, template, empty in self._templates:
            if entry in observation:
                line.append(template.format(observation[entry]))
            else:
                line.append(empty)
        self._out.write(''.join(line) + '\n')

    def serialize(self, serializer):
        log_report = self._log_report
        if isinstance(log_report, extension.Extension):
            log_report.serialize(serializer['_log_report'])
