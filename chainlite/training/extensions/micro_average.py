"""Micro-averaged ratios of reported counts (e.g. accuracy over a whole epoch)."""
from chainlite.training import extension
from chainlite.training import triggers as trigger_module


class MicroAverage(extension.Extension):
    """Reports ``sum(numerator) / sum(denominator)`` accumulated since the last time it fired.

    Every iteration it adds ``observation[numerator_key]`` and
    ``observation[denominator_key]`` to running sums; when ``trigger`` fires it
    writes their ratio to ``observation[result_key]`` and starts over (so
    per-batch accuracies are weighted by batch size, unlike a mean of means).

    >>> ext = MicroAverage('main/correct', 'main/total', 'main/accuracy')
    >>> ext.priority, ext.trigger
    (200, (1, 'iteration'))
    """

    priority = extension.PRIORITY_EDITOR

    def __init__(self, numerator_key, denominator_key, result_key, trigger=(1, 'epoch')):
        self._trigger = trigger_module.get_trigger(trigger)
        self._numerator_key = numerator_key
        self._denominator_key = denominator_key
        self._result_key = result_key
        self._numerator = 0
        self._denominator = 0

    def __call__(self, trainer):
        observation = trainer.observation
        if not (self._numerator_key in observation and self._denominator_key in observation):
            return
        self._numerator += _value(observation[self._numerator_key])
        self._denominator += _value(observation[self._denominator_key])
        if self._trigger(trainer):
            observation[self._result_key] = self._numerator / self._denominator
            self._numerator = 0
            self._denominator = 0

    def serialize(self, serializer):
        if hasattr(self._trigger, 'serialize'):
            self._trigger.serialize(serializer['_trigger'])
        self._numerator = serializer('_numerator', self._numerator)
        self._denominator = serializer('_denominator', self._denominator)


def _value(x):
    x = getattr(x, 'array', x)
    return x.item() if hasattr(x, 'item') else x
