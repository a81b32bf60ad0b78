"""LogReport: averages observations per interval and writes them to a JSON log."""
import json
import os

from chainlite import reporter
from chainlite.serializers._base import write_atomically
from chainlite.training import extension
from chainlite.training import triggers as trigger_module


class LogReport(extension.Extension):
    """Keeps a list of per-interval means (``log``) and writes it to ``out/filename``.

    >>> LogReport().log
    []
    """

    def __init__(self, keys=None, trigger=(1, 'epoch'), postprocess=None, filename=None,
                 **kwargs):
        self._keys = keys
        self._trigger = trigger_module.get_trigger(trigger)
        self._postprocess = postprocess
        self._log = []
        # log_name is Chainer's older spelling of filename; log_name=None writes no file.
        self._log_name = extension._filename(filename, kwargs, 'log_name', 'log')
        if kwargs:
            raise TypeError('LogReport: unexpected keyword arguments %s' % sorted(kwargs))
        self._init_summary()

    def __call__(self, trainer):
        keys = self._keys
        observation = trainer.observation
        if keys is None:
            self._summary.add(observation)
        else:
            self._summary.add({k: observation[k] for k in keys if k in observation})
        if not self._trigger(trainer):
            return
        stats = {k: float(v) for k, v in self._summary.compute_mean().items()}
        updater = trainer.updater
        stats['epoch'] = updater.epoch
        stats['iteration'] = updater.iteration
        stats['elapsed_time'] = trainer.elapsed_time
        if self._postprocess is not None:
            self._postprocess(stats)
        self._log.append(stats)
        if self._log_name is not None:
            name = self._log_name.format(**stats)
            _write_text(os.path.join(trainer.out, name), json.dumps(self._log, indent=4))
        self._init_summary()

    @property
    def log(self):
        """The list of reported dictionaries so far."""
        return self._log

    def serialize(self, serializer):
        if hasattr(self._trigger, 'serialize'):
            self._trigger.serialize(serializer['_trigger'])
        # (a snapshot without statistics only warns, in DictSummary; a statistic missing its
        # values is an error, not a silently zero mean)
        self._summary.serialize(serializer['_summary'])
        log = serializer('_log', json.dumps(self._log))
        if hasattr(log, 'item'):
            log = log.item()
        self._log = json.loads(log)

    def _init_summary(self):
        self._summary = reporter.DictSummary()


def _write_text(path, text):
    """Writes ``path`` atomically: a crash leaves the previous log, never a truncated one."""
    def write(tmp_path):
        with open(tmp_path, 'w') as f:
            f.write(text)
    write_atomically(path, write)
