"""The base class of probability distributions and the KL-divergence registry.

This is Chainer's ``chainer.distribution`` module: :class:`Distribution`,
:func:`kl_divergence`, :func:`register_kl` and :func:`cross_entropy`.
"""
import numpy

from chainlite import backend
from chainlite.distributions import _util
import chainlite.functions as F


class Distribution:
    """Interface of a batch of probability distributions.

    A distribution object stands for a batch of distributions of the same family:
    ``batch_shape`` indexes the members, ``event_shape`` is the shape of one draw.
    Subclasses implement what their family supports; everything else raises
    :class:`NotImplementedError`, as in Chainer. Values are :class:`chainlite.Variable`,
    built from differentiable functions of the parameters.

    >>> import numpy, chainlite
    >>> import chainlite.distributions as D
    >>> d = D.Normal(numpy.zeros(3, numpy.float32), numpy.ones(3, numpy.float32))
    >>> isinstance(d, chainlite.distributions.Distribution)
    True
    >>> d.batch_shape, d.event_shape
    ((3,), ())
    >>> D.Distribution().mean
    Traceback (most recent call last):
        ...
    NotImplementedError
    """

    @property
    def batch_shape(self):
        """The shape of the batch of distributions (a tuple)."""
        raise NotImplementedError

    @property
    def event_shape(self):
        """The shape of one draw from one distribution of the batch (a tuple)."""
        raise NotImplementedError

    @property
    def params(self):
        """The parameters, as a dict of name to Variable."""
        raise NotImplementedError

    @property
    def xp(self):
        """The array module (``numpy`` or ``cupy``) of the parameters."""
        return backend.get_array_module(*self.params.values())

    @property
    def mean(self):
        """The mean, per distribution of the batch."""
        raise NotImplementedError

    @property
    def mode(self):
        """The mode, per distribution of the batch."""
        raise NotImplementedError

    @property
    def variance(self):
        """The variance, per distribution of the batch."""
        raise NotImplementedError

    @property
    def stddev(self):
        """The standard deviation, per distribution of the batch."""
        raise NotImplementedError

    @property
    def covariance(self):
        """The covariance matrix, per distribution of the batch."""
        raise NotImplementedError

    @property
    def entropy(self):
        """The entropy, per distribution of the batch."""
        raise NotImplementedError

    @property
    def support(self):
        """A string describing the set the draws lie in."""
        raise NotImplementedError

    def log_prob(self, x):
        """The logarithm of the probability (density) at ``x``."""
        raise NotImplementedError

    def prob(self, x):
        """The probability (density) at ``x``."""
        raise NotImplementedError

    def cdf(self, x):
        """The cumulative distribution function at ``x``."""
        raise NotImplementedError

    def log_cdf(self, x):
        """The logarithm of the cumulative distribution function at ``x``."""
        raise NotImplementedError

    def icdf(self, x):
        """The inverse of the cumulative distribution function at probability ``x``."""
        raise NotImplementedError

    def survival_function(self, x):
        """The survival function ``1 - cdf(x)``."""
        raise NotImplementedError

    def log_survival_function(self, x):
        """The logarithm of the survival function at ``x``."""
        raise NotImplementedError

    def perplexity(self, x):
        """The perplexity at ``x``."""
        raise NotImplementedError

    def sample_n(self, n):
        """Draws ``n`` samples: shape ``(n,) + batch_shape + event_shape``."""
        raise NotImplementedError

    def sample(self, sample_shape=()):
        """Draws samples of shape ``sample_shape + batch_shape + event_shape``.

        Args:
            sample_shape: a tuple of ints, or an int ``n`` (the same as ``(n,)``).
                The default ``()`` draws one sample per distribution.
        """
        sample_shape = _util.sample_shape_tuple(sample_shape)
        n = int(numpy.prod(sample_shape, dtype=numpy.int64))
        samples = self.sample_n(n)
        return F.reshape(samples, sample_shape + tuple(self.batch_shape)
                         + tuple(self.event_shape))


_KLDIVERGENCE = {}


class KLNotRegisteredError(NotImplementedError, KeyError):
    """Raised by :func:`kl_divergence` for a pair of classes with no registered KL.

    It is a :class:`NotImplementedError`; it is also a :class:`KeyError`, which is
    what Chainer raises there.
    """

    def __str__(self):
        return str(self.args[0]) if self.args else ''


def register_kl(Dist1, Dist2):
    """Decorator that registers a function computing ``KL(dist1 || dist2)``.

    The function receives instances of exactly ``Dist1`` and ``Dist2`` (the lookup is by
    exact class, as in Chainer) and is returned unchanged.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> class Standard(D.Normal):
    ...     pass
    >>> @D.register_kl(Standard, Standard)
    ... def _kl(p, q):
    ...     return D.kl_divergence(D.Normal(p.loc, p.scale), D.Normal(q.loc, q.scale))
    >>> s = Standard(numpy.zeros(2, numpy.float32), numpy.ones(2, numpy.float32))
    >>> D.kl_divergence(s, s).array
    array([0., 0.], dtype=float32)
    """
    def decorator(kl):
        _KLDIVERGENCE[Dist1, Dist2] = kl
        return kl
    return decorator


def kl_divergence(dist1, dist2):
    """The Kullback-Leibler divergence ``KL(dist1 || dist2)``, per distribution of the batch.

    Raises:
        KLNotRegisteredError: (a NotImplementedError) when no KL is registered for the
            exact classes of ``dist1`` and ``dist2``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> p = D.Normal(numpy.zeros(2, numpy.float32), numpy.ones(2, numpy.float32))
    >>> q = D.Normal(numpy.ones(2, numpy.float32), numpy.ones(2, numpy.float32))
    >>> D.kl_divergence(p, q).array
    array([0.5, 0.5], dtype=float32)
    """
    key = (type(dist1), type(dist2))
    try:
        kl = _KLDIVERGENCE[key]
    except KeyError:
        raise KLNotRegisteredError(
            'KL divergence between %s and %s is not implemented; register one with '
            'chainlite.register_kl(%s, %s)' % (key[0].__name__, key[1].__name__,
                                               key[0].__name__, key[1].__name__)) from None
    return kl(dist1, dist2)


def cross_entropy(dist1, dist2):
    """The cross entropy ``H(dist1, dist2) = H(dist1) + KL(dist1 || dist2)``.

    >>> import numpy
    >>> import chainlite.distributions as D
    >>> p = D.Bernoulli(numpy.array([0.5], numpy.float32))
    >>> D.cross_entropy(p, p).array
    array([0.6931472], dtype=float32)
    """
    return dist1.entropy + kl_divergence(dist1, dist2)
