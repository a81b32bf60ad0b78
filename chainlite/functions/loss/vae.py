"""Losses of variational autoencoders: Gaussian KL divergence, Gaussian and Bernoulli NLL."""
import math

import chainlite.functions as F
from chainlite.functions.loss import _util
from chainlite.utils import type_check
from chainlite.variable import as_variable


def _reduce(loss, reduce):
    if reduce == 'sum':
        return F.sum(loss)
    if reduce == 'mean':
        return F.mean(loss)  # sum / n, as Chainer's (correctly rounded)
    return loss


def _same_float(*types):
    first = types[0]
    for other in types[1:]:
        type_check.expect(other.dtype == first.dtype, other.shape == first.shape)
    type_check.expect(first.dtype.kind == 'f')


def gaussian_kl_divergence(mean, ln_var, reduce='sum'):
    """KL divergence of ``N(mean, exp(ln_var))`` from the standard normal, elementwise.

    ``reduce``: ``'sum'``, ``'mean'`` or ``'no'``.

    >>> import numpy, chainlite.functions as F
    >>> F.gaussian_kl_divergence(numpy.array([1.0]), numpy.array([0.0])).array
    array(0.5)
    """
    name = 'gaussian_kl_divergence'
    _util.check_reduce(name, reduce, ('sum', 'mean', 'no'))
    _util.check_types('GaussianKLDivergence', ('mean', 'ln_var'), (mean, ln_var), _same_float)
    mean, ln_var = as_variable(mean), as_variable(ln_var)
    loss = (mean * mean + F.exp(ln_var) - ln_var - 1) * 0.5
    return _reduce(loss, reduce)


def gaussian_nll(x, mean, ln_var, reduce='sum'):
    """Negative log-likelihood of ``x`` under ``N(mean, exp(ln_var))``, elementwise.

    ``reduce``: ``'sum'``, ``'mean'`` or ``'no'``.

    >>> import numpy, chainlite.functions as F
    >>> round(float(F.gaussian_nll(numpy.zeros(1), numpy.zeros(1), numpy.zeros(1)).array), 4)
    0.9189
    """
    name = 'gaussian_nll'
    _util.check_reduce(name, reduce, ('sum', 'mean', 'no'))
    _util.check_types('GaussianNLL', ('x', 'mean', 'ln_var'), (x, mean, ln_var), _same_float)
    x, mean, ln_var = as_variable(x), as_variable(mean), as_variable(ln_var)
    diff = x - mean
    # (ln_var + log(2 pi)) / 2 + diff^2 exp(-ln_var) / 2, added in Chainer's order
    loss = (ln_var + math.log(2 * math.pi)) * 0.5 + diff * diff * F.exp(-ln_var) * 0.5
    return _reduce(loss, reduce)


def bernoulli_nll(x, y, reduce='sum'):
    """Negative log-likelihood of ``x`` under Bernoulli(``sigmoid(y)``): ``softplus(y) - x y``.

    ``reduce``: ``'sum'``, ``'mean'`` or ``'no'``.

    >>> import numpy, chainlite.functions as F
    >>> F.bernoulli_nll(numpy.array([1.0, 0.0]), numpy.array([1e4, -1e4])).array
    array(0.)
    """
    name = 'bernoulli_nll'
    _util.check_reduce(name, reduce, ('sum', 'mean', 'no'))
    _util.check_types('BernoulliNLL', ('x', 'y'), (x, y), _same_float)
    x, y = as_variable(x), as_variable(y)
    loss = F.softplus(y) - x * y
    return _reduce(loss, reduce)
