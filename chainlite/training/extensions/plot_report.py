"""PlotReport: plots reported values against iterations or epochs to a PNG (needs matplotlib)."""
import json
import os

from chainlite import reporter
from chainlite.training import extension
from chainlite.training import triggers as trigger_module


def _matplotlib():
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    return plt


class PlotReport(extension.Extension):
    """Saves ``out/filename`` with one line per key in ``y_keys``.

    Without matplotlib it does nothing (``PlotReport.available()`` says so);
    install it with ``pip install 'chainlite[plot]'``.

    >>> PlotReport(['main/loss'])._x_key
    'iteration'
    """

    def __init__(self, y_keys, x_key='iteration', trigger=(1, 'epoch'), postprocess=None,
                 filename=None, marker='x', grid=True, **kwargs):
        # file_name is Chainer's older spelling of filename.
        self._file_name = extension._filename(filename, kwargs, 'file_name', 'plot.png')
        if kwargs:
            raise TypeError('PlotReport: unexpected keyword arguments %s' % sorted(kwargs))
        self._x_key = x_key
        self._y_keys = [y_keys] if isinstance(y_keys, str) else list(y_keys)
        self._trigger = trigger_module.get_trigger(trigger)
        self._postprocess = postprocess
        self._marker = marker
        self._grid = grid
        self._data = {k: [] for k in self._y_keys}
        self._summary = reporter.DictSummary()

    @staticmethod
    def available():
        """True when matplotlib can be imported."""
        return _matplotlib() is not None

    def __call__(self, trainer):
        self._summary.add({k: trainer.observation[k] for k in self._y_keys
                           if k in trainer.observation})
        if not self._trigger(trainer):
            return
        stats = self._summary.compute_mean()
        self._summary = reporter.DictSummary()
        updater = trainer.updater
        x = {'epoch': updater.epoch, 'iteration': updater.iteration}.get(self._x_key)
        if x is None:
            x = stats.get(self._x_key)
        for k in self._y_keys:
            if k in stats:
                self._data[k].append((x, float(stats[k])))
        plt = _matplotlib()
        if plt is None:
            return
        fig, ax = plt.subplots()
        for k in self._y_keys:
            points = self._data[k]
            if points:
                xs, ys = zip(*points)
                ax.plot(xs, ys, marker=self._marker, label=k)
        if ax.has_data():
            ax.legend()
        ax.set_xlabel(self._x_key)
        if self._grid:
            ax.grid()
        if self._postprocess is not None:
            self._postprocess(fig, ax, self._data)
        os.makedirs(trainer.out, exist_ok=True)
        fig.savefig(os.path.join(trainer.out, self._file_name))
        plt.close(fig)

    def serialize(self, serializer):
        if hasattr(self._trigger, 'serialize'):
            self._trigger.serialize(serializer['_plot_trigger'])
        data = serializer('_plot_' + self._file_name, json.dumps(self._data))
        if hasattr(data, 'item'):
            data = data.item()
        self._data = {k: [tuple(p) for p in v] for k, v in json.loads(data).items()}
