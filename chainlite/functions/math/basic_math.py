"""Arithmetic on Variables: the operators ``+ - * / // ** @``, unary ``-`` and ``abs``.

Operands broadcast as in NumPy; a non-Variable array operand is cast to the
Variable's dtype and a Python or NumPy scalar becomes a constant.

>>> import numpy, chainlite
>>> x = chainlite.Variable(numpy.array([1.0, 2.0]))
>>> ((x * 3 + 1) ** 2).array.tolist()
[16.0, 49.0]
"""
import operator

import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode, forward_or_apply
from chainlite.utils import force_array, type_check
from chainlite.functions.math._util import check_float
from chainlite.functions.math.matmul import MatMul
from chainlite.functions.math.sum import SumTo
from chainlite.variable import ARRAY_TYPES, Variable


def _fmt(value):
    return '(%s)' % value if value < 0 else str(value)


def _sum_to(gy, shape):
    """Sums a broadcast gradient (Variable or array) back to ``shape`` (no-op if shapes match)."""
    if gy.shape == shape:
        return gy
    return forward_or_apply(SumTo(shape), (gy,))


def _check_operands(label, a, b):
    if a.dtype != b.dtype:
        raise type_check.InvalidType(
            'lhs.dtype == rhs.dtype', '%s != %s' % (a.dtype, b.dtype),
            'Invalid operation is performed in: %s (Forward)\n\nExpect: lhs.dtype == rhs.dtype\n'
            'Actual: %s != %s' % (label, a.dtype, b.dtype))
    if a.shape != b.shape:
        try:
            numpy.broadcast_shapes(a.shape, b.shape)
        except ValueError:
            raise type_check.InvalidType(
                'broadcastable shapes', 'lhs.shape = %s, rhs.shape = %s' % (a.shape, b.shape),
                '%s: cannot broadcast inputs of the following shapes:\n'
                'lhs.shape = %s\nrhs.shape = %s' % (label, a.shape, b.shape))


class _Binary(FunctionNode):
    """Two-operand elementwise node; checks dtypes and broadcastability (and, where
    ``float_only``, that the operands are float, as in Chainer)."""

    backward_on_arrays = True
    float_only = False

    def forward(self, inputs):
        a, b = inputs
        if a.dtype != b.dtype:
            _check_operands(self.label, a, b)
        if self.float_only:
            check_float(self.label, lhs=a)
        try:
            y = self._op(a, b)
        except ValueError:  # shapes that do not broadcast
            _check_operands(self.label, a, b)
            raise
        return (y if type(y) is numpy.ndarray else force_array(y)),


class Add(_Binary):
    label = '_ + _'
    _op = operator.add

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return tuple([_sum_to(gy, self.inputs[i].shape) for i in indexes])


class Sub(_Binary):
    label = '_ - _'
    _op = operator.sub

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return tuple(_sum_to(gy if i == 0 else -gy, self.inputs[i].shape) for i in indexes)


class Mul(_Binary):
    label = '_ * _'
    float_only = True
    _op = operator.mul
    _input_indexes_to_retain = (0, 1)  # (as retain_inputs((0, 1)) in forward)

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        x0, x1 = self.get_retained_inputs()
        return tuple([_sum_to(gy * (x1 if i == 0 else x0), self.inputs[i].shape)
                      for i in indexes])


class Div(_Binary):
    label = '_ / _'
    float_only = True
    _op = operator.truediv
    _input_indexes_to_retain = (0, 1)  # (as retain_inputs((0, 1)) in forward)

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        x0, x1 = self.get_retained_inputs()
        gx0 = gy / x1
        ret = []
        for i in indexes:
            g = gx0 if i == 0 else -gx0 * x0 / x1
            ret.append(_sum_to(g, self.inputs[i].shape))
        return tuple(ret)


class PowVarVar(_Binary):
    label = '_ ** _'
    float_only = True
    backward_on_arrays = False  # its gradient uses F.log
    _op = operator.pow
    _input_indexes_to_retain = (0, 1)  # (as retain_inputs((0, 1)) in forward)

    def backward(self, indexes, grad_outputs):
        from chainlite.functions import log
        gy, = grad_outputs
        x0, x1 = self.get_retained_inputs()
        ret = []
        for i in indexes:
            if i == 0:
                g = x1 * x0 ** (x1 - 1) * gy
            else:
                g = log(x0) * x0 ** x1 * gy
            ret.append(_sum_to(g, self.inputs[i].shape))
        return tuple(ret)


class FloorDiv(_Binary):
    """``a // b``, computed (see :func:`_floor_divide`) but never put in a graph."""

    label = '_ // _'
    _op = operator.floordiv


def _floor_divide(a, b):
    """``a // b`` of two Variables as Chainer gives it: a new root Variable with
    ``requires_grad=False``, as floor division has no gradient."""
    y, = FloorDiv().forward((a.array, b.array))
    return Variable(y, requires_grad=False)


class MultiAdd(FunctionNode):
    """Sum of any number of broadcastable inputs (``F.add``)."""

    backward_on_arrays = True

    def forward(self, inputs):
        for x in inputs[1:]:
            if x.shape != inputs[0].shape or x.dtype != inputs[0].dtype:
                _check_operands(self.label, inputs[0], x)
        y = inputs[0]
        for x in inputs[1:]:
            y = y + x
        return force_array(y),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return tuple([_sum_to(gy, self.inputs[i].shape) for i in indexes])


class _Constant(FunctionNode):
    """An elementwise node with one Variable input and one constant."""

    backward_on_arrays = True

    def __init__(self, value):
        self.value = value

    def _const(self, x):
        return x.dtype.type(self.value)


class AddConstant(_Constant):
    @property
    def label(self):
        return '_ + %s' % _fmt(self.value)

    def forward(self, inputs):
        x, = inputs
        return force_array(x + self._const(x)),

    def backward(self, indexes, grad_outputs):
        return grad_outputs


class SubFromConstant(_Constant):
    @property
    def label(self):
        return '%s - _' % _fmt(self.value)

    def forward(self, inputs):
        x, = inputs
        return force_array(self._const(x) - x),

    def backward(self, indexes, grad_outputs):
        return -grad_outputs[0],


class MulConstant(_Constant):
    @property
    def label(self):
        return '_ * %s' % _fmt(self.value)

    def forward(self, inputs):
        x, = inputs
        return force_array(x * self._const(x)),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        return gy * self._const(gy),


class DivFromConstant(_Constant):
    backward_on_arrays = False  # keeps the constant's dtype rules of the Variable path

    @property
    def label(self):
        return '%s / _' % _fmt(self.value)

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, = inputs
        check_float(self.label, x=x)
        return force_array(self._const(x) / x),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return -self.value * grad_outputs[0] / (x * x),


class PowVarConst(_Constant):
    backward_on_arrays = False  # keeps the constant's dtype rules of the Variable path

    @property
    def label(self):
        return '_ ** %s' % _fmt(self.value)

    def forward(self, inputs):
        self.retain_inputs((0,))
        x, = inputs
        check_float(self.label, x=x)
        return force_array(x ** self._const(x)),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        c = self.value
        return c * x ** (c - 1) * grad_outputs[0],


class PowConstVar(_Constant):
    backward_on_arrays = False  # keeps the constant's dtype rules of the Variable path

    @property
    def label(self):
        return '%s ** _' % _fmt(self.value)

    def forward(self, inputs):
        self.retain_outputs((0,))
        x, = inputs
        check_float(self.label, x=x)
        return force_array(self._const(x) ** x),

    def backward(self, indexes, grad_outputs):
        y, = self.get_retained_outputs()
        return y * float(numpy.log(self.value)) * grad_outputs[0],


class Neg(FunctionNode):
    label = '__neg__'
    backward_on_arrays = True

    def forward(self, inputs):
        return force_array(-inputs[0]),

    def backward(self, indexes, grad_outputs):
        return -grad_outputs[0],


class Absolute(FunctionNode):
    label = '|_|'

    def forward(self, inputs):
        self.retain_inputs((0,))
        check_float(self.label, x=inputs[0])
        return force_array(abs(inputs[0])),

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        sign = Variable(force_array(backend.get_array_module(x).sign(x.array)), requires_grad=False)
        return grad_outputs[0] * sign,


def _is_scalar(value):
    return isinstance(value, (int, float, numpy.generic))


def _as_operand(self, other):
    """Returns ``other`` as a Variable, casting a plain array to ``self``'s dtype."""
    if isinstance(other, Variable):
        return other
    if isinstance(other, ARRAY_TYPES):
        if other.dtype != self.dtype:
            other = other.astype(self.dtype)
        return Variable._new_output(other, False, None, 0)
    raise TypeError('unsupported operand type for a Variable: %s' % type(other).__name__)


def add(*xs):
    """Elementwise sum of Variables/arrays (``F.add``), broadcasting as NumPy."""
    if len(xs) == 2:
        return Add().apply(xs)[0]
    if len(xs) == 1:
        return xs[0] if isinstance(xs[0], Variable) else Variable(xs[0])
    return MultiAdd().apply(xs)[0]


def _add(self, other):
    if _is_scalar(other):
        return AddConstant(other).apply((self,))[0]
    return Add().apply((self, _as_operand(self, other)))[0]


def _sub(self, other):
    if _is_scalar(other):
        return AddConstant(-other).apply((self,))[0]
    return Sub().apply((self, _as_operand(self, other)))[0]


def _rsub(self, other):
    if _is_scalar(other):
        return SubFromConstant(other).apply((self,))[0]
    return Sub().apply((_as_operand(self, other), self))[0]


def _mul(self, other):
    if _is_scalar(other):
        return MulConstant(other).apply((self,))[0]
    return Mul().apply((self, _as_operand(self, other)))[0]


def _div(self, other):
    if _is_scalar(other):
        return MulConstant(1.0 / other).apply((self,))[0]
    return Div().apply((self, _as_operand(self, other)))[0]


def _rdiv(self, other):
    if _is_scalar(other):
        return DivFromConstant(other).apply((self,))[0]
    return Div().apply((_as_operand(self, other), self))[0]


def _floordiv(self, other):
    if _is_scalar(other):
        other = backend.get_array_module(self.array).asarray(other, dtype=self.dtype)
    return _floor_divide(self, _as_operand(self, other))


def _rfloordiv(self, other):
    if _is_scalar(other):
        other = backend.get_array_module(self.array).asarray(other, dtype=self.dtype)
    return _floor_divide(_as_operand(self, other), self)


def _pow(self, other):
    if _is_scalar(other):
        return PowVarConst(other).apply((self,))[0]
    return PowVarVar().apply((self, _as_operand(self, other)))[0]


def _rpow(self, other):
    if _is_scalar(other):
        return PowConstVar(other).apply((self,))[0]
    return PowVarVar().apply((_as_operand(self, other), self))[0]


def _matmul(self, other):
    return MatMul().apply((self, _as_operand(self, other)))[0]


def _rmatmul(self, other):
    return MatMul().apply((_as_operand(self, other), self))[0]


def _neg(self):
    return Neg().apply((self,))[0]


def _abs(self):
    return Absolute().apply((self,))[0]


def _pos(self):
    return self


def install_variable_arithmetics():
    """Attaches the operators to Variable (done once at import)."""
    for name, fn in [('__add__', _add), ('__radd__', _add), ('__sub__', _sub),
                     ('__rsub__', _rsub), ('__mul__', _mul), ('__rmul__', _mul),
                     ('__truediv__', _div), ('__rtruediv__', _rdiv),
                     ('__floordiv__', _floordiv), ('__rfloordiv__', _rfloordiv),
                     ('__pow__', _pow), ('__rpow__', _rpow), ('__matmul__', _matmul),
                     ('__rmatmul__', _rmatmul), ('__neg__', _neg), ('__abs__', _abs),
                     ('__pos__', _pos)]:
        setattr(Variable, name, fn)


install_variable_arithmetics()
