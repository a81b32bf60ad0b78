"""Hyperparameter schedules: shift an optimizer attribute (``lr``, ``alpha``, ...) over time."""
import numpy

from chainlite.training import extension


class _ValueShift(extension.Extension):
    """Sets ``optimizer.<attr>`` to ``self._compute(t)`` each time it fires."""

    invoke_before_training = True

    def __init__(self, attr, init=None, optimizer=None):
        self._attr = attr
        self._init = init
        self._optimizer = optimizer
        self._t = 0
        self._last_value = None

    def _get_optimizer(self, trainer):
        return self._optimizer or trainer.updater.get_optimizer('main')

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        if self._last_value is not None:  # resuming
            value = self._last_value
        else:  # a fresh start, or a resume from a file without _last_value (see _serialize_t_only)
            value = self._compute(self._t)
        setattr(optimizer, self._attr, value)

    def __call__(self, trainer):
        self._t += 1
        value = self._compute(self._t)
        setattr(self._get_optimizer(trainer), self._attr, value)
        self._last_value = value

    def serialize(self, serializer):
        self._t = serializer('_t', self._t)
        # NaN stands for "not shifted yet": saving None would need pickling
        last = numpy.nan if self._last_value is None else self._last_value
        last = float(serializer('_last_value', last))
        self._last_value = None if numpy.isnan(last) else last

    def _serialize_t_only(self, serializer):
        # Chainer's WarmupShift and MultistepShift save no _last_value; the value resumes
        # from _t (initialize computes it), so files move both ways with Chainer.
        self._t = int(serializer('_t', self._t))


class ExponentialShift(_ValueShift):
    """``value = init * rate ** t`` (optionally clipped at ``target``).

    >>> ExponentialShift('lr', 0.5, init=1.0)._compute(3)
    0.125
    """

    def __init__(self, attr, rate, init=None, target=None, optimizer=None):
        super().__init__(attr, init, optimizer)
        if rate < 0:
            raise ValueError('ExponentialShift: rate must be non-negative, got %r' % rate)
        self._rate = rate
        self._target = target

    def _compute(self, t):
        value = self._init * self._rate ** t
        if self._target is not None:
            if self._rate > 1:
                value = min(value, self._target) if self._init >= 0 else max(value, self._target)
            else:
                value = max(value, self._target) if self._init >= 0 else min(value, self._target)
        return value


class LinearShift(_ValueShift):
    """Moves linearly from ``value_range[0]`` to ``[1]`` between ``time_range`` steps.

    >>> LinearShift('lr', (1.0, 0.0), (0, 10))._compute(5)
    0.5
    """

    def __init__(self, attr, value_range, time_range, optimizer=None):
        super().__init__(attr, value_range[0], optimizer)
        self._value_range = value_range
        self._time_range = time_range

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        value = self._last_value if self._last_value is not None else self._compute(self._t)
        setattr(optimizer, self._attr, value)

    def _compute(self, t):
        t1, t2 = self._time_range
        v1, v2 = self._value_range
        if t <= t1:
            return v1
        if t >= t2:
            return v2
        rate = (t - t1) / (t2 - t1)
        return v1 + rate * (v2 - v1)


class StepShift(_ValueShift):
    """``value = init * gamma ** (t // step)`` (optionally clipped at ``target``).

    >>> StepShift('lr', 0.1, 3, init=1.0)._compute(7)
    0.010000000000000002
    """

    def __init__(self, attr, gamma, step, init=None, target=None, optimizer=None):
        super().__init__(attr, init, optimizer)
        self._gamma = gamma
        self._step = step
        self._target = target

    def _compute(self, t):
        value = self._init * self._gamma ** numpy.floor(t / self._step)
        value = float(value)
        if self._target is not None:
            value = max(value, self._target) if self._gamma < 1 else min(value, self._target)
        return value


class MultistepShift(_ValueShift):
    """Multiplies ``init`` by ``gamma`` at each of the ``step_value`` steps.

    >>> MultistepShift('lr', 0.1, [2, 4], 1.0)._compute(5)
    0.010000000000000002
    """

    def __init__(self, attr, gamma, step_value, init, optimizer=None):
        super().__init__(attr, init, optimizer)
        self._gamma = gamma
        self._step_value = list(step_value)

    def _compute(self, t):
        return self._init * self._gamma ** self._current_step(t)

    def _current_step(self, t):
        return sum(1 for s in self._step_value if t >= s)

    def serialize(self, serializer):
        self._serialize_t_only(serializer)
        serializer('_current_step', self._current_step(self._t))  # Chainer's key


class PolynomialShift(_ValueShift):
    """``value = init * (1 - t / max_count) ** rate`` (never below ``target``).

    >>> PolynomialShift('lr', 2.0, 10, init=0.5)._compute(1)
    0.405
    """

    def __init__(self, attr, rate, max_count, init=None, target=None, optimizer=None):
        super().__init__(attr, init, optimizer)
        self._rate = rate
        self._max_count = max_count
        self._target = target

    def _compute(self, t):
        decay = max(1 - t / self._max_count, 0)
        value = self._init * decay ** self._rate
        if self._target is not None:
            value = max(value, self._target)
        return value


class WarmupShift(_ValueShift):
    """Rises linearly from ``warmup_start`` to ``init`` over ``warmup_iter`` steps.

    >>> WarmupShift('lr', 0.0, 4, init=1.0)._compute(2)
    0.5
    """

    def __init__(self, attr, warmup_start, warmup_iter, init=None, optimizer=None):
        super().__init__(attr, init, optimizer)
        self._warmup_start = warmup_start
        self._warmup_iter = warmup_iter

    def _compute(self, t):
        if t >= self._warmup_iter:
            return self._init
        return self._warmup_start + (self._init - self._warmup_start) * t / self._warmup_iter

    def serialize(self, serializer):
        self._serialize_t_only(serializer)


class InverseShift(_ValueShift):
    """``value = init * (1 + gamma * t) ** -power`` (optionally clipped at ``target``).

    >>> round(InverseShift('lr', 0.1, 0.75, init=1.0)._compute(1), 6)
    0.931012
    """

    def __init__(self, attr, gamma, power, init=None, target=None, optimizer=None):
        super().__init__(attr, init, optimizer)
        if gamma < 0:
            raise ValueError('InverseShift: gamma must be non-negative, got %r' % (gamma,))
        self._gamma = gamma
        self._power = power
        self._target = target

    def _compute(self, t):
        value = self._init * (1 + self._gamma * t) ** (-self._power)
        if self._target is not None:
            value = min(value, self._target) if self._power < 0 else max(value, self._target)
        return value
