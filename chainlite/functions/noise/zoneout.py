"""Zoneout: randomly keeps the previous hidden state."""
from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.noise import _util
from chainlite.utils import force_array, type_check
from chainlite.variable import as_variable


class Zoneout(FunctionNode):
    """``h`` where the random flag is off (probability ``ratio``), else ``x``."""

    def __init__(self, zoneout_ratio):
        self.zoneout_ratio = zoneout_ratio

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('h', 'x'))
        h, x = in_types
        type_check.expect(h.dtype.kind == 'f', x.dtype == h.dtype, x.shape == h.shape)

    def forward(self, inputs):
        h, x = inputs
        xp = backend.get_array_module(x)
        # numpy.random.rand in Chainer's order, so a seed gives Chainer's choice.
        self.flag_x = xp.asarray(xp.random.rand(*x.shape) >= self.zoneout_ratio)
        return force_array(xp.where(self.flag_x, x, h)),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        take_x = self.flag_x.astype(gy.dtype)
        return tuple(gy * (take_x if i == 1 else 1 - take_x) for i in indexes)


def zoneout(h, x, ratio=.5, **kwargs):
    """Zoneout (Krueger et al., 2016): each element keeps ``h`` with probability ``ratio``.

    The other elements take ``x`` (the new state). In test mode it returns
    ``x`` (as a Variable; Chainer returns the object it got).

    >>> import numpy, chainlite, chainlite.functions as F
    >>> with chainlite.using_config('train', False):
    ...     F.zoneout(numpy.zeros(2), numpy.ones(2)).array
    array([1., 1.])
    """
    _util.pop_kwargs('zoneout', kwargs)
    if not 0.0 <= ratio <= 1.0:
        raise ValueError('zoneout: ratio must be in the range [0, 1], got %r' % (ratio,))
    if not config.train:
        return as_variable(x)
    return Zoneout(ratio).apply((h, x))[0]
