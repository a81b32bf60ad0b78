"""Stops training when a monitored value stops improving."""
import operator
import warnings

from chainlite import reporter


class EarlyStoppingTrigger:
    """A stop trigger: fires after ``patience`` checks without improvement, or at ``max_trigger``.

    >>> EarlyStoppingTrigger(monitor='validation/main/loss', patience=2).patience
    2
    """

    def __init__(self, check_trigger=(1, 'epoch'), monitor='main/loss', patience=None,
                 mode='auto', verbose=False, max_trigger=(100, 'epoch'), **kwargs):
        from chainlite.training.triggers import get_trigger
        # patients is Chainer's older (misspelled) keyword for patience; 3 when neither is given.
        patients = kwargs.pop('patients', None)
        if kwargs:
            raise TypeError('EarlyStoppingTrigger: unexpected keyword arguments %s'
                            % sorted(kwargs))
        if patience is not None and patients is not None:
            raise TypeError('EarlyStoppingTrigger: give patience or patients, not both')
        self.count = 0
        self.patience = next((p for p in (patience, patients) if p is not None), 3)
        self.monitor = monitor
        self.verbose = verbose
        self.already_warning = False
        self._max_trigger = get_trigger(max_trigger)
        self._interval_trigger = get_trigger(check_trigger)
        self._init_summary()
        if mode == 'auto':
            mode = 'max' if 'accuracy' in monitor else 'min'
        if mode == 'max':
            self._compare, self.best = operator.gt, float('-inf')
        elif mode == 'min':
            self._compare, self.best = operator.lt, float('inf')
        else:
            raise ValueError("EarlyStoppingTrigger: mode must be 'auto', 'min' or 'max', got %r"
                             % (mode,))
        if verbose:  # Chainer announces the comparison at construction
            print('early stopping: operator is %s'
                  % ('greater' if mode == 'max' else 'less'))

    def __call__(self, trainer):
        observation = trainer.observation
        if self._max_trigger(trainer):
            return True
        if self.monitor in observation:
            self._summary.add({self.monitor: observation[self.monitor]})
        if not self._interval_trigger(trainer):
            return False
        if self.monitor not in observation:
            # Chainer warns at every check, in these words
            warnings.warn('%s is not in observation' % self.monitor)
            return False
        stat = self._summary.compute_mean()
        self._init_summary()
        value = float(stat[self.monitor])
        if self._compare(value, self.best):
            self.best = value
            self.count = 0
        else:
            self.count += 1
        if self.count >= self.patience:
            if self.verbose:
                print('Epoch %d: early stopping' % trainer.updater.epoch)
            return True
        return False

    def _init_summary(self):
        self._summary = reporter.DictSummary()

    def get_training_length(self):
        return self._max_trigger.get_training_length()
