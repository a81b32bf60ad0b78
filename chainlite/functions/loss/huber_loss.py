"""Huber loss: squared near zero, linear beyond ``delta``."""
import chainlite.functions as F
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.loss import _util
from chainlite.utils import force_array, type_check

_NAME = 'huber_loss'


class HuberLoss(FunctionNode):

    def __init__(self, delta, reduce='sum_along_second_axis'):
        self.delta = delta
        self.reduce = reduce

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x', 't'))
        x_type, t_type = in_types
        type_check.expect(x_type.dtype.kind == 'f', x_type.dtype == t_type.dtype,
                          x_type.shape == t_type.shape)
        if self.reduce == 'sum_along_second_axis':
            type_check.expect(x_type.ndim >= 2)

    def forward(self, inputs):
        self.retain_inputs((0, 1))
        x, t = inputs
        xp = backend.get_array_module(x)
        diff = x - t
        abs_diff = abs(diff)
        self.inside = abs_diff <= self.delta
        delta = x.dtype.type(self.delta)
        # Chainer's order of rounding: delta * |d| - delta * delta / 2
        loss = xp.where(self.inside, diff * diff * 0.5, delta * abs_diff - delta * delta * 0.5)
        if self.reduce == 'sum_along_second_axis':
            loss = loss.sum(axis=1)
        # The linear part's slope, +-delta, is a constant: only the quadratic part has a
        # second derivative.
        self.outside_slope = xp.where(self.inside, 0, delta * xp.sign(diff)).astype(x.dtype)
        return force_array(loss, x.dtype),

    def backward(self, indexes, grad_outputs):
        x, t = self.get_retained_inputs()
        gy = grad_outputs[0]
        if self.reduce == 'sum_along_second_axis':
            gy = F.reshape(gy, gy.shape[:1] + (1,) + gy.shape[1:])
        inside = self.inside.astype(x.dtype)
        gx = gy * ((x - t) * inside + self.outside_slope)
        return gx, -gx


def huber_loss(x, t, delta, reduce='sum_along_second_axis'):
    """Huber loss of ``d = x - t``: ``d**2 / 2`` where ``|d| <= delta``, else linear.

    The linear part is ``delta * (|d| - delta / 2)``. ``reduce='sum_along_second_axis'``
    sums over axis 1; ``'no'`` keeps every element.

    >>> import numpy, chainlite.functions as F
    >>> F.huber_loss(numpy.array([[0.5, 3.0]]), numpy.zeros((1, 2)), 1.0).array
    array([2.625])
    """
    _util.check_reduce(_NAME, reduce, ('sum_along_second_axis', 'no'))
    return HuberLoss(delta, reduce).apply((x, t))[0]
