"""Gumbel-softmax: a differentiable sample from a categorical distribution."""
from chainlite import backend
from chainlite.functions.activation.softmax import softmax
from chainlite.variable import as_variable


def gumbel_softmax(log_pi, tau=0.1, axis=1):
    """Returns ``softmax((log_pi + g) / tau, axis)`` with Gumbel noise ``g`` (Jang et al., 2016).

    The noise is drawn in training and in test mode alike (as in Chainer),
    with ``numpy.random.gumbel`` in Chainer's order.

    >>> import numpy, chainlite.functions as F
    >>> F.gumbel_softmax(numpy.log(numpy.array([[0.5, 0.5]]))).shape
    (1, 2)
    """
    log_pi = as_variable(log_pi)
    if log_pi.dtype.kind != 'f':
        raise TypeError('gumbel_softmax: log_pi must be floating point, got %s' % log_pi.dtype)
    xp = backend.get_array_module(log_pi)
    noise = xp.asarray(xp.random.gumbel(size=log_pi.shape)).astype(log_pi.dtype)
    return softmax((log_pi + noise) / tau, axis=axis)
