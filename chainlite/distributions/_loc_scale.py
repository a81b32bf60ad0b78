"""The base of the distributions on the reals given by ``loc`` and ``scale`` arrays of the
batch shape (Cauchy, Gumbel, Laplace); not public API."""
from chainlite.distributions import _util
from chainlite.distributions import distribution


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
