"""VariableStatisticsPlot: plots statistics of variables (or a link's parameters) to a PNG."""
import os
import warnings

import numpy

from chainlite import variable as variable_module
from chainlite import link as link_module
from chainlite.training import extension
from chainlite.training import triggers as trigger_module
from chainlite.training.extensions.plot_report import _matplotlib

_SIGMAS = (0, 0.13, 2.28, 15.87, 50, 84.13, 97.72, 99.87, 100)


def _warn_no_matplotlib():
    warnings.warn('matplotlib is not installed on your environment, so nothing will be '
                  'plotted at this time. Please install matplotlib to plot figures.\n\n'
                  '  $ pip install matplotlib\n')


def _unpack(targets):
    if isinstance(targets, (variable_module.Variable, link_module.Link)):
        targets = [targets]
    elif not isinstance(targets, (list, tuple)):
        targets = []
    out = []
    for t in targets:
        if isinstance(t, link_module.Link):
            out.extend(t.params())
        elif isinstance(t, variable_module.Variable):
            out.append(t)
    return tuple(out)


class _Reservoir:
    """Keeps at most ``size`` (index, statistics) rows by reservoir sampling on numpy.random."""

    def __init__(self, size, data_shape):
        self.size = size
        self.data = numpy.zeros((size,) + data_shape, dtype=numpy.float32)
        self.idxs = numpy.zeros((size,), dtype=numpy.int32)
        self.counter = 0

    def add(self, x, idx):
        if self.counter < self.size:
            self.data[self.counter] = x
            self.idxs[self.counter] = idx
        elif numpy.random.random() < self.size / float(self.counter + 1):
            i = numpy.random.randint(self.size)
            self.data[i] = x
            self.idxs[i] = idx
        self.counter += 1

    def get_data(self):
        n = min(self.counter, self.size)
        order = numpy.argsort(self.idxs[:n], kind='stable')
        return self.idxs[:n][order], self.data[:n][order]


class VariableStatisticsPlot(extension.Extension):
    """Plots mean, std and percentiles of the data and grads of ``targets`` to ``out/filename``.

    ``targets`` is a Variable, a Link (all its parameters) or a list of them. Statistics
    are collected every iteration (``max_sample_size`` rows kept by reservoir sampling
    with ``numpy.random``) and the figure is written when ``trigger`` fires. Without
    matplotlib it warns and does nothing.

    >>> import numpy, chainlite
    >>> v = chainlite.Variable(numpy.arange(4, dtype='f'))
    >>> VariableStatisticsPlot(v, percentile_sigmas=None)._data_shape
    (2, 2)
    """

    trigger = 1, 'iteration'
    priority = extension.PRIORITY_READER

    def __init__(self, targets, max_sample_size=1000, report_data=True, report_grad=True,
                 plot_mean=True, plot_std=True, percentile_sigmas=_SIGMAS, trigger=(1, 'epoch'),
                 filename=None, figsize=None, marker=None, grid=True, **kwargs):
        # file_name is Chainer's older spelling of filename.
        filename = extension._filename(filename, kwargs, 'file_name', 'statistics.png')
        if kwargs:
            raise TypeError('__init__() got unexpected keyword argument(s) %s'
                            % ', '.join("'%s'" % k for k in kwargs))
        self._vars = _unpack(targets)
        if not self._vars:
            raise ValueError('Need at least one variables for which to collect statistics.'
                             '\nActual: 0 <= 0')
        self._plot_percentile = bool(percentile_sigmas)
        if not (plot_mean or plot_std or self._plot_percentile):
            raise ValueError('Nothing to plot')
        self._keys = (['data'] if report_data else []) + (['grad'] if report_grad else [])
        self._report_data = report_data
        self._report_grad = report_grad
        self._plot_mean = plot_mean
        self._plot_std = plot_std
        self._percentile_sigmas = tuple(percentile_sigmas) if percentile_sigmas else ()
        self._trigger = trigger_module.get_trigger(trigger)
        self._filename = filename
        self._figsize = figsize
        self._marker = marker
        self._grid = grid
        n_stats = int(bool(plot_mean)) + int(bool(plot_std)) + len(self._percentile_sigmas)
        self._data_shape = (len(self._keys), n_stats)
        self._samples = _Reservoir(max_sample_size, self._data_shape)

    @staticmethod
    def available():
        """True when matplotlib can be imported (warns otherwise, as Chainer does)."""
        if _matplotlib() is None:
            _warn_no_matplotlib()
            return False
        return True

    def _statistics(self, x):
        stats = []
        if self._plot_mean:
            stats.append(x.mean())
        if self._plot_std:
            stats.append(x.std())
        if self._percentile_sigmas:
            stats.extend(numpy.percentile(x, self._percentile_sigmas))
        return numpy.asarray(stats, dtype=numpy.float64)

    def _collect(self):
        rows = numpy.empty(self._data_shape, dtype=numpy.float32)
        for i, key in enumerate(self._keys):
            arrays = []
            for v in self._vars:
                a = numpy.asarray(v.array)
                if key == 'grad':
                    a = numpy.zeros_like(a) if v.grad is None else numpy.asarray(v.grad)
                arrays.append(a.ravel())
            rows[i] = self._statistics(numpy.concatenate(arrays))
        return rows

    def __call__(self, trainer):
        plt = _matplotlib()
        if plt is None:
            _warn_no_matplotlib()
            return
        self._samples.add(self._collect(), idx=trainer.updater.iteration)
        if self._trigger(trainer):
            os.makedirs(trainer.out, exist_ok=True)
            self.save_plot_using_module(os.path.join(trainer.out, self._filename), plt)

    def save_plot_using_module(self, file_path, plt):
        """Draws one panel per key (data, grad) and saves the figure to ``file_path``."""
        idxs, data = self._samples.get_data()
        fig, axes = plt.subplots(1, max(len(self._keys), 1), figsize=self._figsize,
                                 squeeze=False)
        n_pct = len(self._percentile_sigmas)
        for i, key in enumerate(self._keys):
            ax = axes[0, i]
            col = 0
            mean = None
            if self._plot_mean:
                mean = data[:, i, col]
                ax.plot(idxs, mean, color='C0', marker=self._marker, label='mean')
                col += 1
            if self._plot_std:
                std = data[:, i, col]
                centre = mean if mean is not None else numpy.zeros_like(std)
                ax.fill_between(idxs, centre - std, centre + std, color='C1', alpha=0.3,
                                label='std')
                col += 1
            if n_pct:
                pct = data[:, i, col:col + n_pct]
                for j in range(n_pct // 2):
                    ax.fill_between(idxs, pct[:, j], pct[:, n_pct - 1 - j], color='C2',
                                    alpha=0.5 / (n_pct // 2))
                if n_pct % 2:
                    ax.plot(idxs, pct[:, n_pct // 2], color='C2', marker=self._marker,
                            label='median')
            ax.set_title(key)
            ax.set_xlabel('iteration')
            if self._grid:
                ax.grid()
            if ax.has_data():
                ax.legend()
        fig.tight_layout()
        fig.savefig(file_path)
        plt.close(fig)
