"""The Cauchy distribution."""
import warnings

import numpy

from chainlite.distributions import _families
from chainlite.distributions import _util
import chainlite.functions as F


class Cauchy(_families.LocScale):
    """Cauchy distributions with locations ``loc`` and scales ``scale``, elementwise.

    The density is ``1 / (pi scale (1 + z^2))`` with ``z = (x - loc) / scale``. ``mean``
    and ``variance`` are undefined: as in Chainer they warn (``RuntimeWarning``) and are
    arrays of ``nan``. ``sample`` draws ``loc + scale * xp.random.standard_cauchy(size)``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> d = D.Cauchy(numpy.array([0., 1.], numpy.float32), numpy.array([1., 2.], numpy.float32))
    >>> d.cdf(numpy.array([0.5, 3.], numpy.float32)).array
    array([0.6475836, 0.75     ], dtype=float32)
    >>> d.entropy.array
    array([2.5310242, 3.2241714], dtype=float32)
    """

    def _nan(self):
        return _util.as_param(self.xp.full(self.batch_shape, numpy.nan, self.loc.dtype))

    @property
    def mean(self):
        warnings.warn('Mean of the cauchy distribution is undefined.', RuntimeWarning)
        return self._nan()

    @property
    def variance(self):
        warnings.warn('Variance of the cauchy distribution is undefined.', RuntimeWarning)
        return self._nan()

    @_util.cached_property
    def entropy(self):
        return F.log(self.scale) + numpy.log(4. * numpy.pi)

    def _z(self, x):
        x = _util.as_input(x, self.loc.dtype, self.xp)
        return (x - self.loc) / self.scale

    def log_prob(self, x):
        return -numpy.log(numpy.pi) - F.log(self.scale) - F.log1p(F.square(self._z(x)))

    def cdf(self, x):
        return F.arctan(self._z(x)) / numpy.pi + 0.5

    def icdf(self, x):
        x = _util.as_input(x, self.loc.dtype, self.xp)
        return self.loc + self.scale * F.tan((x - 0.5) * numpy.pi)

    def sample_n(self, n):
        xp = self.xp
        shape = (n,) + tuple(self.batch_shape)
        eps = xp.random.standard_cauchy(size=shape).astype(self.loc.dtype, copy=False)
        loc, scale = _util.broadcast_params(shape, self.loc, self.scale)
        return loc + scale * eps
