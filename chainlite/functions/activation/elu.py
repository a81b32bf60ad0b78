"""Exponential linear unit and its self-normalizing variant (SELU)."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array


class ELU(FunctionNode):
    """``x`` for ``x > 0``, else ``alpha * (exp(x) - 1)``."""

    def __init__(self, alpha):
        self.alpha = alpha

    _type_check_inputs_only = True

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        self.retain_inputs((0,))
        self.retain_outputs((0,))
        # expm1 of min(x, 0): large positive inputs must not overflow where they are not used.
        neg = x.dtype.type(self.alpha) * xp.expm1(xp.minimum(x, 0))
        return force_array(xp.where(x < 0, neg, x)),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        y, = self.get_retained_outputs()
        neg = (x <= 0).astype(x.dtype)
        # On the negative side dy/dx = alpha * exp(x) = y + alpha; writing it with the
        # output Variable keeps the gradient differentiable.
        return grad_outputs[0] * ((y + self.alpha) * neg + (1 - neg)),


def elu(x, alpha=1.0):
    """Exponential linear unit: ``x`` for ``x >= 0``, ``alpha * (exp(x) - 1)`` otherwise.

    >>> import numpy, chainlite.functions as F
    >>> F.elu(numpy.array([0.0, 2.0])).array
    array([0., 2.])
    """
    return ELU(alpha).apply((x,))[0]


def selu(x, alpha=1.6732632423543772, scale=1.0507009873554805):
    """Scaled ELU: ``scale * elu(x, alpha)`` (Klambauer et al., 2017).

    >>> import numpy, chainlite.functions as F
    >>> F.selu(numpy.array([1.0])).array
    array([1.05070099])
    """
    return elu(x, alpha) * scale
