"""ProgressBar: training progress on the terminal (tqdm when installed, plain text otherwise)."""
import sys
import time

from chainlite.training import extension


class ProgressBar(extension.Extension):
    """Shows the iteration, epoch, speed and estimated time left.

    Uses ``tqdm`` when it is installed and ``out`` is a terminal; otherwise
    writes a plain line every ``update_interval`` iterations (no control codes),
    so logs stay readable in files and CI.

    >>> ProgressBar(training_length=(10, 'epoch'))._training_length
    (10, 'epoch')
    """

    trigger = 1, 'iteration'
    priority = extension.PRIORITY_READER

    def __init__(self, training_length=None, update_interval=100, bar_length=50,
                 out=None):
        self._training_length = training_length
        self._update_interval = update_interval
        self._bar_length = bar_length
        self._out_arg = out
        self._bar = None
        self._start = None
        self._start_iteration = 0

    def _length(self, trainer):
        if self._training_length is None:
            get_length = getattr(trainer.stop_trigger, 'get_training_length', None)
            if get_length is None:
                raise RuntimeError('ProgressBar: give training_length; the stop trigger does '
                                   'not tell the training length')
            self._training_length = get_length()
        return self._training_length

    def _use_tqdm(self):
        try:
            import tqdm  # NOQA
        except ImportError:
            return False
        return hasattr(self._out, 'isatty') and self._out.isatty()

    @property
    def _out(self):
        # None means the sys.stdout of the moment, so redirections and captures apply.
        return sys.stdout if self._out_arg is None else self._out_arg

    def __call__(self, trainer):
        length, unit = self._length(trainer)
        updater = trainer.updater
        done = updater.iteration if unit == 'iteration' else updater.epoch_detail
        if self._start is None:  # first call, also after a resume
            self._start = time.time()
            self._start_iteration = updater.iteration - 1
        if self._use_tqdm():
            if self._bar is None:
                import tqdm
                self._bar = tqdm.tqdm(total=length, unit=unit, file=self._out,
                                      ncols=self._bar_length + 50)
            self._bar.n = round(done, 4) if unit == 'epoch' else done
            self._bar.set_postfix(epoch=updater.epoch, iter=updater.iteration, refresh=False)
            self._bar.refresh()
            return
        if updater.iteration % self._update_interval == 0:
            elapsed = time.time() - self._start
            rate = (updater.iteration - self._start_iteration) / elapsed if elapsed > 0 else 0.0
            fraction = min(done / length, 1.0) if length else 1.0
            eta = elapsed / fraction - elapsed if fraction > 0 else float('inf')
            self._out.write('%5.1f%% of %d %ss: epoch %d, iter %d, %.2f iters/sec, '
                            'ETA %.0fs\n' % (fraction * 100, length, unit, updater.epoch,
                                             updater.iteration, rate, eta))
            if hasattr(self._out, 'flush'):
                self._out.flush()

    def finalize(self):
        if self._bar is not None:
            self._bar.close()
            self._bar = None
