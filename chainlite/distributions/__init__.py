"""Probability distributions (Chainer's ``chainer.distributions``).

Each distribution is a batch of distributions of one family whose values
(``log_prob``, ``entropy``, ``sample`` ...) are Variables built from differentiable
functions of the parameters, so losses like a VAE's ELBO backpropagate to them.

>>> import numpy
>>> import chainlite.distributions as D
>>> zeros = numpy.zeros((2, 3), numpy.float32)
>>> q = D.Normal(zeros, log_scale=zeros)
>>> p = D.Normal(numpy.zeros((2, 3), numpy.float32), numpy.ones((2, 3), numpy.float32))
>>> D.kl_divergence(D.Independent(q), D.Independent(p)).array
array([0., 0.], dtype=float32)

``Distribution``, ``kl_divergence``, ``register_kl`` and ``cross_entropy`` live in
Chainer's ``chainer.distribution`` module (re-exported at the top level); here they are in
:mod:`chainlite.distributions.distribution` and importable from this package too.
"""
from chainlite.distributions.bernoulli import Bernoulli  # NOQA
from chainlite.distributions.beta import Beta  # NOQA
from chainlite.distributions.categorical import Categorical  # NOQA
from chainlite.distributions.cauchy import Cauchy  # NOQA
from chainlite.distributions.chisquare import Chisquare  # NOQA
from chainlite.distributions.distribution import cross_entropy  # NOQA
from chainlite.distributions.dirichlet import Dirichlet  # NOQA
from chainlite.distributions.distribution import Distribution  # NOQA
from chainlite.distributions.exponential import Exponential  # NOQA
from chainlite.distributions.gamma import Gamma  # NOQA
from chainlite.distributions.geometric import Geometric  # NOQA
from chainlite.distributions.gumbel import Gumbel  # NOQA
from chainlite.distributions.independent import Independent  # NOQA
from chainlite.distributions.distribution import kl_divergence  # NOQA
from chainlite.distributions.distribution import KLNotRegisteredError  # NOQA
from chainlite.distributions.laplace import Laplace  # NOQA
from chainlite.distributions.log_normal import LogNormal  # NOQA
from chainlite.distributions.multivariate_normal import MultivariateNormal  # NOQA
from chainlite.distributions.normal import Normal  # NOQA
from chainlite.distributions.one_hot_categorical import OneHotCategorical  # NOQA
from chainlite.distributions.pareto import Pareto  # NOQA
from chainlite.distributions.poisson import Poisson  # NOQA
from chainlite.distributions.distribution import register_kl  # NOQA
from chainlite.distributions.uniform import Uniform  # NOQA

from chainlite.distributions import bernoulli  # NOQA
from chainlite.distributions import beta  # NOQA
from chainlite.distributions import categorical  # NOQA
from chainlite.distributions import cauchy  # NOQA
from chainlite.distributions import chisquare  # NOQA
from chainlite.distributions import dirichlet  # NOQA
from chainlite.distributions import distribution  # NOQA
from chainlite.distributions import exponential  # NOQA
from chainlite.distributions import gamma  # NOQA
from chainlite.distributions import geometric  # NOQA
from chainlite.distributions import gumbel  # NOQA
from chainlite.distributions import independent  # NOQA
from chainlite.distributions import laplace  # NOQA
from chainlite.distributions import log_normal  # NOQA
from chainlite.distributions import multivariate_normal  # NOQA
from chainlite.distributions import normal  # NOQA
from chainlite.distributions import one_hot_categorical  # NOQA
from chainlite.distributions import pareto  # NOQA
from chainlite.distributions import poisson  # NOQA
from chainlite.distributions import uniform  # NOQA
