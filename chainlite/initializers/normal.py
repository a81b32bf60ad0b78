"""Gaussian initializers: Normal and the fan-scaled LeCunNormal, GlorotNormal, HeNormal.

Each draws ``numpy.random.normal(0, s, shape)`` in float64 and casts, as Chainer
does, so the same seed gives the same weights.

>>> import numpy
>>> numpy.random.seed(0)
>>> w = numpy.empty((4, 3), numpy.float32)
>>> HeNormal()(w)            # MATLAB's initializeHe: s = sqrt(2 / fan_in)
>>> numpy.random.seed(0)
>>> bool((w == numpy.random.normal(0, (2 / 3) ** 0.5, (4, 3)).astype(numpy.float32)).all())
True
"""
import numpy

from chainlite.initializers._base import FanScaled, RandomInitializer


class Normal(RandomInitializer):
    """Draws from N(0, scale**2)."""

    def __init__(self, scale=0.05, dtype=None, *, rng=None):
        super().__init__(dtype, rng)
        self.scale = scale

    def __call__(self, array):
        self._fill(array, 'normal', loc=0.0, scale=self.scale)


class LeCunNormal(FanScaled):
    """N(0, s**2) with ``s = scale * sqrt(1 / fan_in)``; Chainer's default weight initializer."""

    _dist = Normal

    def _factor(self, fan_in, fan_out):
        return numpy.sqrt(1. / fan_in)


class GlorotNormal(FanScaled):
    """N(0, s**2) with ``s = scale * sqrt(2 / (fan_in + fan_out))``."""

    _dist = Normal

    def _factor(self, fan_in, fan_out):
        return numpy.sqrt(2. / (fan_in + fan_out))


class HeNormal(FanScaled):
    """N(0, s**2) with ``s = scale * sqrt(2 / fan)``, fan being ``fan_in`` or ``fan_out``."""

    _dist = Normal

    def __init__(self, scale=1.0, dtype=None, fan_option='fan_in', *, rng=None):
        if fan_option not in ('fan_in', 'fan_out'):
            raise ValueError("HeNormal: fan_option must be 'fan_in' or 'fan_out', got %r"
                             % (fan_option,))
        super().__init__(scale, dtype, rng=rng)
        self.fan_option = fan_option

    def _factor(self, fan_in, fan_out):
        return numpy.sqrt(2. / (fan_in if self.fan_option == 'fan_in' else fan_out))
