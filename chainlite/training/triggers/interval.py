"""Fires every ``period`` iterations or epochs."""
import warnings


def _check_unit(unit, who):
    if unit not in ('epoch', 'iteration'):
        raise ValueError("%s: unit must be 'epoch' or 'iteration', got %r" % (who, unit))


class IntervalTrigger:
    """Fires when the iteration count or the epoch crosses a multiple of ``period``.

    >>> IntervalTrigger(1, 'epoch').get_training_length()
    (1, 'epoch')
    """

    def __init__(self, period, unit):
        _check_unit(unit, 'IntervalTrigger')
        if not period > 0:  # a zero period would divide by zero at the first call
            raise ValueError('IntervalTrigger: period must be positive, got %r' % (period,))
        self.period = period
        self.unit = unit
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.0

    def __call__(self, trainer):
        updater = trainer.updater
        # None: loaded from a snapshot that lacks the value; guessed as Chainer does
        if self.unit == 'epoch':
            previous = self._previous_epoch_detail
            if previous is None:
                previous = updater.previous_epoch_detail or 0.0
            fire = previous // self.period != updater.epoch_detail // self.period
        else:
            previous = self._previous_iteration
            if previous is None:
                previous = updater.iteration - 1
            fire = previous // self.period != updater.iteration // self.period
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = updater.epoch_detail
        return fire

    def serialize(self, serializer):
        # A snapshot without these keys (e.g. saved with another kind of stop trigger) loads
        # with Chainer's warnings, and the trigger guesses the previous values.
        checking = getattr(serializer, 'checking', False)
        try:
            self._previous_iteration = serializer('previous_iteration', self._previous_iteration)
        except KeyError:
            if not checking:
                warnings.warn('The previous value of iteration is not saved. IntervalTrigger '
                              'guesses it using current iteration. If this trigger is not '
                              'called at every iteration, it may not work correctly.')
                self._previous_iteration = None
        try:
            self._previous_epoch_detail = serializer('previous_epoch_detail',
                                                     self._previous_epoch_detail)
        except KeyError:
            if not checking:
                warnings.warn('The previous value of epoch_detail is not saved. IntervalTrigger '
                              'uses the value of trainer.updater.previous_epoch_detail. If this '
                              'trigger is not called at every iteration, it may not work '
                              'correctly.')
                self._previous_epoch_detail = None

    def get_training_length(self):
        return self.period, self.unit

    def __str__(self):
        return '%s(%s, %r)' % (type(self).__name__, self.period, self.unit)
