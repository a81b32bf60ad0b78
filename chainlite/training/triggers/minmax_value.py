"""Fire when a reported value reaches its best so far."""
import math

from chainlite import reporter


class BestValueTrigger:
    """Fires at ``trigger`` times when the mean of ``key`` beats every earlier mean.

    As in Chainer, a check at which ``key`` was not reported since the last
    check raises ``KeyError`` (a misspelled key would otherwise never fire).
    "No best value yet" is saved as NaN, which npz and HDF5 files both hold;
    Chainer's files hold None there, which loads as well.

    >>> t = MinValueTrigger('validation/main/loss')
    >>> t.key
    'validation/main/loss'
    """

    def __init__(self, key, compare, trigger=(1, 'epoch')):
        self._key = key
        self._best_value = None
        self._interval_trigger = _as_trigger(trigger)
        self._init_summary()
        self._compare = compare

    @property
    def key(self):
        return self._key

    def __call__(self, trainer):
        observation = trainer.observation
        if self._key in observation:
            self._summary.add({self._key: observation[self._key]})
        if not self._interval_trigger(trainer):
            return False
        stats = self._summary.compute_mean()
        self._init_summary()
        if self._key not in stats:
            raise KeyError('%s: %r was not reported since the last check (reported: %s)'
                           % (type(self).__name__, self._key, sorted(stats)))
        value = float(stats[self._key])
        if self._best_value is None or self._compare(self._best_value, value):
            self._best_value = value
            return True
        return False

    def _init_summary(self):
        self._summary = reporter.DictSummary()

    def serialize(self, serializer):
        self._interval_trigger.serialize(serializer['interval_trigger'])
        self._summary.serialize(serializer['summary'])
        best = serializer('best_value',
                          math.nan if self._best_value is None else self._best_value)
        self._best_value = None if best is None or math.isnan(best) else float(best)


def _as_trigger(trigger):
    from chainlite.training.triggers import get_trigger
    return get_trigger(trigger)


class MaxValueTrigger(BestValueTrigger):
    """Fires when ``key`` reaches a new maximum."""

    def __init__(self, key, trigger=(1, 'epoch')):
        super().__init__(key, lambda best, new: best < new, trigger)


class MinValueTrigger(BestValueTrigger):
    """Fires when ``key`` reaches a new minimum."""

    def __init__(self, key, trigger=(1, 'epoch')):
        super().__init__(key, lambda best, new: best > new, trigger)
