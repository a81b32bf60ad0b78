"""Trade compute for memory: run a function without keeping its graph, recompute it in
backward (``chainer.functions.forget``)."""
from chainlite import backprop
from chainlite.configuration import config, force_backprop_mode, no_backprop_mode
from chainlite.function_node import FunctionNode
from chainlite.variable import Variable


def _as_outputs(outs):
    if isinstance(outs, Variable):
        return (outs,)
    if isinstance(outs, tuple) and outs and all(isinstance(y, Variable) for y in outs):
        return outs
    raise RuntimeError('forget: the function must return a Variable or a tuple of Variables, '
                       'but returned %s' % (type(outs).__name__,))


class Forget(FunctionNode):

    def __init__(self, func):
        if not callable(func):
            raise TypeError('forget: func must be callable, got %s' % type(func).__name__)
        self.func = func

    def forward(self, inputs):
        self.retain_inputs(tuple(range(len(inputs))))
        with no_backprop_mode():
            outs = _as_outputs(self.func(*[Variable(x) for x in inputs]))
        return tuple(y.array for y in outs)

    def backward(self, indexes, grad_outputs):
        if config.enable_backprop:
            raise RuntimeError('forget: double backpropagation is not supported (the '
                               'recomputed graph is discarded)')
        xs = [Variable(x.array) for x in self.get_retained_inputs()]
        with force_backprop_mode():
            outs = _as_outputs(self.func(*xs))
        pairs = [(y, gy) for y, gy in zip(outs, grad_outputs) if gy is not None]
        return tuple(backprop.grad([y for y, _ in pairs], xs, [gy for _, gy in pairs]))


def forget(func, *xs):
    """Calls ``func(*xs)`` without storing its intermediate results; backward runs
    ``func`` again to rebuild them. The result equals ``func(*xs)``; only the memory
    held between forward and backward differs. ``func`` must return a Variable or a
    tuple of Variables. Double backpropagation is not supported.

    >>> import numpy, chainlite
    >>> import chainlite.functions as F
    >>> x = chainlite.Variable(numpy.array([1.0, 2.0]))
    >>> y = F.forget(lambda a: a * a * a, x)
    >>> F.sum(y).backward()
    >>> x.grad.tolist()
    [3.0, 12.0]
    """
    for x in xs:
        if not isinstance(x, Variable) and not hasattr(x, 'shape'):
            raise TypeError('forget: inputs must be Variables or arrays, got %s'
                            % type(x).__name__)
    ys = Forget(func).apply(xs)
    return ys[0] if len(ys) == 1 else ys
