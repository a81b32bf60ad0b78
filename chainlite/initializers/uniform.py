"""Uniform initializers: Uniform and the fan-scaled LeCunUniform, GlorotUniform, HeUniform.

Each draws ``numpy.random.uniform(-s, s, shape)`` in float64 and casts, as Chainer
does, so the same seed gives the same weights.

>>> import numpy
>>> from chainlite.initializers import generate_array
>>> W = generate_array(GlorotUniform(), (4, 3), numpy)   # MATLAB's initializeGlorot
>>> W.dtype, W.shape
(dtype('float32'), (4, 3))
"""
import numpy

from chainlite.initializers._base import FanScaled, RandomInitializer


class Uniform(RandomInitializer):
    """Draws from U(-scale, scale)."""

    def __init__(self, scale=0.05, dtype=None, *, rng=None):
        super().__init__(dtype, rng)
        self.scale = scale

    def __call__(self, array):
        self._fill(array, 'uniform', low=-self.scale, high=self.scale)


class LeCunUniform(FanScaled):
    """U(-s, s) with ``s = scale * sqrt(3 / fan_in)``."""

    _dist = Uniform

    def _factor(self, fan_in, fan_out):
        return numpy.sqrt(3. / fan_in)


class GlorotUniform(FanScaled):
    """U(-s, s) with ``s = scale * sqrt(6 / (fan_in + fan_out))`` (Xavier)."""

    _dist = Uniform

    def _factor(self, fan_in, fan_out):
        return numpy.sqrt(6. / (fan_in + fan_out))


class HeUniform(FanScaled):
    """U(-s, s) with ``s = scale * sqrt(6 / fan_in)``."""

    _dist = Uniform

    def _factor(self, fan_in, fan_out):
        return numpy.sqrt(6. / fan_in)
