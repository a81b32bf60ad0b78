"""The continuous uniform distribution."""
import numpy

from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F
from chainlite.utils import argument


class Uniform(distribution.Distribution):
    """Uniform distributions on ``[low, high]``, elementwise over the batch.

    Args:
        low: (keyword only) the lower bounds.
        high: (keyword only) the upper bounds.
        loc: (keyword only) the lower bounds, given with ``scale`` instead of
            ``low, high``.
        scale: (keyword only) the widths ``high - low``.

    Exactly one of the pairs ``low, high`` and ``loc, scale`` must be given. ``log_prob``
    is ``-inf`` outside ``[low, high]``; ``cdf`` is clipped to ``[0, 1]``. ``sample``
    is ``low + scale * u`` with ``u`` from ``xp.random.uniform``, like Chainer, so it is
    reparameterized.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Uniform(low=numpy.array([0., 1.], numpy.float32),
    ...               high=numpy.array([2., 5.], numpy.float32))
    >>> d.log_prob(numpy.array([1., 0.], numpy.float32)).array
    array([-0.6931472,       -inf], dtype=float32)
    >>> d.mean.array
    array([1., 3.], dtype=float32)
    """

    def __init__(self, **kwargs):
        low, high, loc, scale = argument.parse_kwargs(
            kwargs, ('low', None), ('high', None), ('loc', None), ('scale', None))
        if not ((low is not None and high is not None and loc is None and scale is None)
                or (low is None and high is None and loc is not None
                    and scale is not None)):
            raise ValueError(
                'Either `low, high` or `loc, scale` (not both) must have a value.')
        self.__by_loc = low is None
        if self.__by_loc:
            self.__loc = _util.as_param(loc)
            self.__scale = _util.as_param(scale)
        else:
            self.__low = _util.as_param(low)
            self.__high = _util.as_param(high)

    @_util.cached_property
    def low(self):
        """The lower bounds."""
        return self.__loc if self.__by_loc else self.__low

    @_util.cached_property
    def high(self):
        """The upper bounds (``loc + scale`` when built from ``loc, scale``)."""
        return self.__loc + self.__scale if self.__by_loc else self.__high

    @_util.cached_property
    def loc(self):
        """The lower bounds (the same as ``low``)."""
        return self.low

    @_util.cached_property
    def scale(self):
        """The widths ``high - low``."""
        return self.__scale if self.__by_loc else self.__high - self.__low

    @property
    def batch_shape(self):
        return (self.__loc if self.__by_loc else self.__low).shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        if self.__by_loc:
            return {'loc': self.__loc, 'scale': self.__scale}
        return {'low': self.__low, 'high': self.__high}

    @property
    def support(self):
        return '[low, high]'

    @_util.cached_property
    def mean(self):
        return self.low + 0.5 * self.scale

    @_util.cached_property
    def variance(self):
        return F.square(self.scale) / 12.

    @_util.cached_property
    def stddev(self):
        return F.sqrt(self.variance)

    @_util.cached_property
    def entropy(self):
        return F.log(self.scale)

    def _outside(self, x):
        x = getattr(x, 'array', x)
        return (x < self.low.array) | (x > self.high.array)

    def log_prob(self, x):
        x = _util.as_input(x, self.low.dtype, self.xp)
        shape = _util.broadcast_shape(x.shape, tuple(self.batch_shape))
        y = F.broadcast_to(-F.log(self.scale), shape)
        return _util.fill_where(self._outside(x), -numpy.inf, y)

    def cdf(self, x):
        x = _util.as_input(x, self.low.dtype, self.xp)
        return F.clip((x - self.low) / self.scale, 0., 1.)

    def icdf(self, x):
        x = _util.as_input(x, self.low.dtype, self.xp)
        return self.low + self.scale * x

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        u = xp.random.uniform(size=shape).astype(self.low.dtype, copy=False)
        low, scale = _util.broadcast_params(shape, self.low, self.scale)
        return low + scale * u


@distribution.register_kl(Uniform, Uniform)
def _kl_uniform_uniform(dist1, dist2):
    kl = F.log(dist2.scale) - F.log(dist1.scale)
    outside = ((dist1.low.array < dist2.low.array)
               | (dist1.high.array > dist2.high.array))
    return _util.fill_where(outside, numpy.inf, kl)
