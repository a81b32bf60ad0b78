"""Chainer's old ``chainer.training.trigger`` module: ``IntervalTrigger`` and ``get_trigger``
(now in ``chainlite.training.triggers``)."""
from chainlite.training.triggers import IntervalTrigger, get_trigger  # NOQA
