"""Fires every ``period`` seconds of training time."""


class TimeTrigger:
    """Fires when ``trainer.elapsed_time`` passes the next multiple of ``period`` seconds.

    >>> TimeTrigger(60).period
    60.0
    """

    def __init__(self, period):
        self.period = float(period)
        self._next_time = self.period

    def __call__(self, trainer):
        if self._next_time < trainer.elapsed_time:
            self._next_time += self.period
            return True
        return False

    def serialize(self, serializer):
        self._next_time = serializer('next_time', self._next_time)
