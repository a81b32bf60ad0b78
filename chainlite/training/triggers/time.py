"""Fires every ``period`` seconds of training time."""


class TimeTrigger:
    """Fires when ``trainer.elapsed_time`` passes the next multiple of ``period`` seconds.

    >>> TimeTrigger(60).period
    60
    """

    def __init__(self, period):
        # kept as given, like Chainer: an int period saves next_time as int64, which
        # Chainer's loader requires (it refuses a float64 for an int attribute)
        self.period = period
        self._next_time = period

    def __call__(self, trainer):
        if self._next_time < trainer.elapsed_time:
            self._next_time += self.period
            return True
        return False

    def serialize(self, serializer):
        self._next_time = serializer('next_time', self._next_time)
