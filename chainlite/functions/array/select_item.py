from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


def check_labels(name, t, n):
    """Raises IndexError unless every label in ``t`` lies in ``[-n, n)``."""
    if t.size and (int(t.min()) < -n or int(t.max()) >= n):
        raise IndexError('%s: labels must lie in [%d, %d); got values from %d to %d'
                         % (name, -n, n, int(t.min()), int(t.max())))


class SelectItem(FunctionNode):
    """``y[i] = x[i, t[i]]``; the gradient scatters back into a zero matrix."""

    def __init__(self, t):
        self.t = t

    def forward(self, inputs):
        x, = inputs
        t = self.t
        if x.ndim != 2 or t.ndim != 1 or t.shape[0] != x.shape[0] or t.dtype.kind not in 'iu':
            raise type_check.InvalidType(
                'x.shape == (B, N), t.shape == (B,), t.dtype.kind == i',
                'x %s, t %s %s' % (x.shape, t.shape, t.dtype),
                'select_item: expects x of shape (B, N) and integer t of shape (B,); got x %s '
                'and t %s of dtype %s' % (x.shape, t.shape, t.dtype))
        check_labels('select_item', t, x.shape[1])
        xp = backend.get_array_module(x)
        return x[xp.arange(t.shape[0]), t],

    def backward(self, indexes, grad_outputs):
        return SelectItemGrad(self.t, self.inputs[0].shape).apply(grad_outputs)


class SelectItemGrad(FunctionNode):
    """The adjoint of :class:`SelectItem`."""

    def __init__(self, t, shape):
        self.t = t
        self.shape = shape

    def forward(self, inputs):
        gy, = inputs
        xp = backend.get_array_module(gy)
        gx = xp.zeros(self.shape, gy.dtype)
        gx[xp.arange(self.t.shape[0]), self.t] = gy
        return gx,

    def backward(self, indexes, grad_outputs):
        return SelectItem(self.t).apply(grad_outputs)


def select_item(x, t):
    """Picks one element per row: ``y[i] = x[i, t[i]]``.

    >>> import numpy, chainlite.functions as F
    >>> F.select_item(numpy.arange(6.0).reshape(2, 3), numpy.array([0, 2])).array
    array([0., 5.])
    """
    return SelectItem(getattr(t, 'array', t)).apply((x,))[0]
