"""Fires every ``period`` iterations or epochs."""


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
        if self.unit == 'epoch':
            fire = self._previous_epoch_detail // self.period != \
                updater.epoch_detail // self.period
        else:
            fire = self._previous_iteration // self.period != updater.iteration // self.period
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = updater.epoch_detail
        return fire

    def serialize(self, serializer):
        self._previous_iteration = serializer('previous_iteration', self._previous_iteration)
        self._previous_epoch_detail = serializer('previous_epoch_detail',
                                                 self._previous_epoch_detail)

    def get_training_length(self):
        return self.period, self.unit

    def __str__(self):
        return '%s(%s, %r)' % (type(self).__name__, self.period, self.unit)
