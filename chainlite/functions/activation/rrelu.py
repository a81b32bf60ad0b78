"""Randomized leaky ReLU."""
from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.activation import _util
from chainlite.utils import force_array, type_check


class RReLU(FunctionNode):
    """``x`` for ``x >= 0``, else ``r * x``; ``r`` drawn from ``U(lower, upper)`` in training."""

    def __init__(self, lower, upper, r):
        if not lower < upper:
            raise ValueError('rrelu: lower must be less than upper, got l=%r, u=%r'
                             % (lower, upper))
        self.lower = lower
        self.upper = upper
        self.r = r

    def check_type_forward(self, in_types):
        _util.expect_float(in_types)
        if self.r is not None:
            type_check.expect(in_types[0].shape == self.r.shape)

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        if not config.train:
            self.r = xp.full(x.shape, (self.lower + self.upper) / 2, dtype=x.dtype)
        elif self.r is None:
            # Drawn with xp.random, in the order and dtype Chainer uses, for seed parity.
            self.r = xp.random.uniform(self.lower, self.upper, x.shape).astype(x.dtype)
        self.retain_inputs((0,))
        return force_array(xp.where(x >= 0, x, x * self.r)),

    def backward(self, indexes, grad_outputs):
        x = self.inputs[0].data
        xp = backend.get_array_module(x)
        return grad_outputs[0] * xp.where(x >= 0, x.dtype.type(1), self.r),


def rrelu(x, l=1. / 8, u=1. / 3, **kwargs):  # NOQA: E741 (Chainer's argument name)
    """Randomized leaky ReLU (Xu et al., 2015): ``y = x`` for ``x >= 0``, ``r * x`` otherwise.

    In training (``chainlite.config.train``) ``r`` is drawn elementwise from
    ``U(l, u)`` unless given as ``r=``; in test mode ``r = (l + u) / 2``
    everywhere. With ``return_r=True`` the function returns ``(y, r)``.

    >>> import numpy, chainlite, chainlite.functions as F
    >>> with chainlite.using_config('train', False):
    ...     F.rrelu(numpy.array([-1.0, 2.0]), l=0.2, u=0.4).array
    array([-0.3,  2. ])
    """
    r = kwargs.pop('r', None)
    return_r = kwargs.pop('return_r', False)
    if kwargs:
        raise TypeError('rrelu() got unexpected keyword argument(s) %s'
                        % ', '.join(repr(k) for k in kwargs))
    func = RReLU(l, u, r)
    y, = func.apply((x,))
    return (y, func.r) if return_r else y
