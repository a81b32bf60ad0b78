"""Bases of the distribution families whose parameters are arrays of the batch shape and
whose events are scalars: ``loc``/``scale`` (Cauchy, Gumbel, Laplace) and a rate ``lam``
(Exponential, Poisson); not public API."""
from chainlite.distributions import _util
from chainlite.distributions import distribution
import chainlite.functions as F


class LocScale(distribution.Distribution):
    """Holds ``loc`` and ``scale`` (Variables); scalar events on the real line."""

    def __init__(self, loc, scale):
        self.__loc = _util.as_param(loc)
        self.__scale = _util.as_param(scale)

    @property
    def loc(self):
        """The locations."""
        return self.__loc

    @property
    def scale(self):
        """The scales."""
        return self.__scale

    @property
    def batch_shape(self):
        return self.loc.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'loc': self.loc, 'scale': self.scale}

    @property
    def support(self):
        return 'real'


class Rate(distribution.Distribution):
    """Holds the rates ``lam`` (a Variable); scalar events."""

    def __init__(self, lam):
        self.__lam = _util.as_param(lam)

    @property
    def lam(self):
        """The rates."""
        return self.__lam

    @_util.cached_property
    def _log_lam(self):
        return F.log(self.lam)

    @property
    def batch_shape(self):
        return self.lam.shape

    @property
    def event_shape(self):
        return ()

    @property
    def params(self):
        return {'lam': self.lam}
