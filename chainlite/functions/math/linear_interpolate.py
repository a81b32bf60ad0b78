"""``linear_interpolate``: ``p * x + (1 - p) * y`` elementwise.

>>> import numpy, chainlite.functions as F
>>> F.linear_interpolate(numpy.array([0.2]), numpy.array([1.0]), numpy.array([2.0])).array.tolist()
[1.8]
"""
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_float, check_same_dtype, invalid


class LinearInterpolate(FunctionNode):
    """The node of :func:`linear_interpolate`, rounded as Chainer 7.8.1's, forward and
    backward (``gp = g (x - y)``, ``gx = g p``, ``gy = g - g p``); differentiable again."""

    def forward(self, inputs):
        p, x, y = inputs
        self.retain_inputs((0, 1, 2))
        return p * x + (1 - p) * y,

    def backward(self, indexes, grad_outputs):
        p, x, y = self.get_retained_inputs()
        g, = grad_outputs
        gx = g * p
        return g * (x - y), gx, g - gx


def linear_interpolate(p, x, y):
    """Elementwise ``p * x + (1 - p) * y`` for float inputs of one shape and dtype."""
    label = 'LinearInterpolate'
    check_float(label, p=p, x=x, y=y)
    check_same_dtype(label, p=p, x=x, y=y)
    for name, v in (('x', x), ('y', y)):
        if v.shape != p.shape:
            raise invalid(label, 'p.shape == %s.shape' % name, '%s != %s' % (p.shape, v.shape))
    return LinearInterpolate().apply((p, x, y))[0]
