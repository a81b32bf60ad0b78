"""The bases of the elementwise functions of one or two float inputs."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import (
    check_broadcastable, check_float, check_same_dtype, invalid, sum_to_shape)
from chainlite.utils import force_array
from chainlite.variable import Variable, as_array


class UnaryFunction(FunctionNode):
    """``y = f(x)`` elementwise for a float ``x``.

    A subclass sets ``label``, ``retain`` ('x' or 'y': what ``grad`` needs) and
    defines ``compute(xp, x)`` on arrays and ``grad(v, gy)`` on Variables,
    where ``v`` is the retained input or output.
    """

    retain = 'x'

    def forward(self, inputs):
        x, = inputs
        check_float(self.label, x=x)
        y = force_array(self.compute(backend.get_array_module(x), x), x.dtype)
        if self.retain == 'x':
            self.retain_inputs((0,))
        else:
            self.retain_outputs((0,))
        return y,

    def backward(self, indexes, grad_outputs):
        if self.retain == 'x':
            v, = self.get_retained_inputs()
        else:
            v, = self.get_retained_outputs()
        return self.grad(v, grad_outputs[0]),

    def compute(self, xp, x):
        raise NotImplementedError

    def grad(self, v, gy):
        raise NotImplementedError


class BinaryFunction(FunctionNode):
    """``y = f(x1, x2)`` elementwise for float inputs of one dtype, broadcast as NumPy.

    A subclass sets ``label`` (and ``same_shape = True`` to forbid broadcasting)
    and defines ``compute(xp, x1, x2)`` and ``grad(x1, x2, gy) -> (g1, g2)``;
    the gradients are summed back to the input shapes here.
    """

    same_shape = False

    def forward(self, inputs):
        x1, x2 = inputs
        check_float(self.label, x1=x1, x2=x2)
        check_same_dtype(self.label, x1=x1, x2=x2)
        if self.same_shape:
            if x1.shape != x2.shape:
                raise invalid(self.label, 'x1.shape == x2.shape', '%s != %s' % (x1.shape, x2.shape))
        else:
            check_broadcastable(self.label, x1, x2)
        self.retain_inputs((0, 1))
        return force_array(self.compute(backend.get_array_module(x1), x1, x2), x1.dtype),

    def backward(self, indexes, grad_outputs):
        x1, x2 = self.get_retained_inputs()
        grads = self.grad(x1, x2, grad_outputs[0])
        return tuple(sum_to_shape(grads[i], self.inputs[i].shape) for i in indexes)

    def compute(self, xp, x1, x2):
        raise NotImplementedError

    def grad(self, x1, x2, gy):
        raise NotImplementedError


def piecewise_constant(label, x):
    """``f(x)`` for the piecewise-constant array function ``label`` (``floor``, ``ceil``,
    ``fix``, ``sign``) of the inputs' array module.

    As in Chainer, the result is a Variable outside the graph (no creator,
    ``requires_grad`` False), and integer inputs are accepted (``floor``/``ceil``/``fix``
    return a copy of them).
    """
    x = as_array(x)
    if not isinstance(x, backend.numpy.ndarray) and not backend.is_gpu_array(x):
        raise TypeError('%s: the input must be an array or a Variable, not %s'
                        % (label, type(x).__name__))
    if x.dtype.kind in 'iub' and label != 'sign':
        return Variable(x.copy(), requires_grad=False)
    y = getattr(backend.get_array_module(x), label)(x)
    return Variable(force_array(y, x.dtype), requires_grad=False)
