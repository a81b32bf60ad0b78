"""Triggers decide when an extension (or training) fires.

>>> from chainlite.training import triggers
>>> triggers.IntervalTrigger(2, 'epoch').period
2
"""
from chainlite.training.triggers.interval import IntervalTrigger  # NOQA
from chainlite.training.triggers.manual_schedule import ManualScheduleTrigger  # NOQA
from chainlite.training.triggers.minmax_value import (  # NOQA
    BestValueTrigger, MaxValueTrigger, MinValueTrigger)
from chainlite.training.triggers.early_stopping import EarlyStoppingTrigger  # NOQA
from chainlite.training.triggers.time import TimeTrigger  # NOQA
from chainlite.training.triggers.once import OnceTrigger  # NOQA


def get_trigger(trigger):
    """Returns a trigger: a callable as is, ``(period, unit)`` as an IntervalTrigger, None never."""
    if callable(trigger):
        return trigger
    if trigger is None:
        return _never
    if not isinstance(trigger, (tuple, list)) or len(trigger) != 2:
        raise TypeError("get_trigger: a trigger is a callable, None or (period, 'epoch' or "
                        "'iteration'), got %r" % (trigger,))
    return IntervalTrigger(*trigger)


def _never(trainer):
    return False


from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.training.triggers')
