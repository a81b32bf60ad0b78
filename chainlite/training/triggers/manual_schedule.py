"""Fires at listed iterations or epochs."""
from chainlite.training.triggers.interval import _check_unit


class ManualScheduleTrigger:
    """Fires when training reaches any of ``points`` (in ``unit``).

    >>> ManualScheduleTrigger([2, 5], 'epoch').points
    [2, 5]
    """

    def __init__(self, points, unit):
        _check_unit(unit, 'ManualScheduleTrigger')
        self.points = points if isinstance(points, list) else [points]
        self.unit = unit
        self.finished = False
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.0

    def __call__(self, trainer):
        updater = trainer.updater
        if self.unit == 'epoch':
            now, before = updater.epoch_detail, self._previous_epoch_detail
        else:
            now, before = updater.iteration, self._previous_iteration
        fire = any(before < p <= now for p in self.points)
        if now >= max(self.points):
            self.finished = True
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = updater.epoch_detail
        return fire

    def serialize(self, serializer):
        self._previous_iteration = serializer('previous_iteration', self._previous_iteration)
        self._previous_epoch_detail = serializer('previous_epoch_detail',
                                                 self._previous_epoch_detail)
        self.finished = bool(serializer('finished', self.finished))

    def get_training_length(self):
        return max(self.points), self.unit
