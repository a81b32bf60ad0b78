"""Chainer's type checking: lazily evaluated expressions with readable failures.

Inside ``check_type_forward`` each input is an expression; conditions are
passed to ``expect``, which evaluates them and, on failure, reports both the
condition and the actual values.

>>> import numpy
>>> from chainlite.utils import type_check
>>> in_types = type_check.get_types((numpy.zeros((2, 3)),), 'in_types', False)
>>> type_check.argname(in_types, ('x',))
>>> try:
...     type_check.expect(in_types[0].ndim == 3)
... except type_check.InvalidType as e:
...     print(e.expect, '|', e.actual)
x.ndim == 3 | 2 != 3

As in Chainer 7 (whose first, "light" pass hands ``check_type_forward`` the
values themselves), a comparison inside ``check_type_forward`` may also steer
plain Python code: ``if in_types[0].ndim == 2:`` evaluates it.
"""
import contextlib
import operator
import threading

import numpy


class InvalidType(ValueError):
    """Raised when the inputs of a function have wrong types or shapes."""

    def __init__(self, expect, actual, msg=None):
        if msg is None:  # Chainer's layout (after a newline when it names the function)
            msg = 'Expect: {0}\nActual: {1}'.format(expect, actual)
            context = _current_function()
            if context is not None:
                msg = '\nInvalid operation is performed in: %s (Forward)\n\n%s' % (context, msg)
        super().__init__(msg)
        self.expect = expect
        self.actual = actual

    def __reduce__(self):
        return type(self), (self.expect, self.actual, str(self))


_local = threading.local()


def _current_function():
    stack = getattr(_local, 'stack', None)
    return stack[-1] if stack else None


@contextlib.contextmanager
def get_function_check_context(function):
    """Names ``function`` in the messages of failures raised inside the block."""
    stack = getattr(_local, 'stack', None)
    if stack is None:
        stack = _local.stack = []
    stack.append(getattr(function, 'label', str(function)))
    try:
        yield
    finally:
        stack.pop()


class Expr:
    """A lazily evaluated expression over input types."""

    #: Binding strength, as in Python's grammar: operands that bind more loosely than
    #: the operator get parentheses when the expression is shown.
    priority = 10

    def eval(self):
        raise NotImplementedError

    def __bool__(self):
        # Chainer 7 first runs check_type_forward on the values themselves, so code such as
        # ``if x.ndim == 2:`` or ``x.dtype in (f32, f64)`` works there; it does here too.
        if _current_function() is None:
            raise RuntimeError("An Expr can't be used as a bool outside check_type_forward; "
                               'pass it to type_check.expect or call type_check.eval on it')
        return bool(self.eval())

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        return _Attribute(self, name)

    def __getitem__(self, key):
        return _Item(self, key)

    def __call__(self, *args):
        return _Call(self, args)

    def __iter__(self):
        raise TypeError('an Expr cannot be iterated; use type_check.eval(expr) for its value')

    def __hash__(self):
        return id(self)


def _value(x):
    return x.eval() if isinstance(x, Expr) else x


class Constant(Expr):
    def __init__(self, value):
        self.value = value

    def eval(self):
        return self.value

    def __str__(self):
        return _show(self.value)


class Variable(Expr):
    """A named value inside an expression (an input type, for example)."""

    def __init__(self, value, name):
        self.value = value
        self.name = name

    def eval(self):
        return self.value

    def __str__(self):
        return self.name


def make_variable(value, name):
    return Variable(value, name)


class _Attribute(Expr):
    def __init__(self, obj, name):
        self.obj = obj
        self.name = name

    def eval(self):
        return getattr(_value(self.obj), self.name)

    def __str__(self):
        return '%s.%s' % (self.obj, self.name)


class _Item(Expr):
    def __init__(self, obj, key):
        self.obj = obj
        self.key = key

    def eval(self):
        return _value(self.obj)[_value(self.key)]

    def __str__(self):
        key = self.key
        if isinstance(key, slice):
            text = '%s:%s' % ('' if key.start is None else key.start,
                              '' if key.stop is None else key.stop)
            if key.step is not None:
                text += ':%s' % key.step
        else:
            text = str(key)
        return '%s[%s]' % (self.obj, text)


class _Call(Expr):
    def __init__(self, fn, args):
        self.fn = fn
        self.args = args

    def eval(self):
        return _value(self.fn)(*[_value(a) for a in self.args])

    def __str__(self):
        return '%s(%s)' % (self.fn, ', '.join(str(a) for a in self.args))


def _operand(x, priority):
    """``x`` shown as an operand of an operator of ``priority`` (in parentheses if it
    binds more loosely)."""
    text = _show(x)
    if isinstance(x, Expr) and x.priority < priority:
        return '(%s)' % text
    return text


class _Unary(Expr):
    priority = 8

    def __init__(self, symbol, fn, operand):
        self.symbol, self.fn, self.operand = symbol, fn, operand

    def eval(self):
        return self.fn(_value(self.operand))

    def __str__(self):
        return self.symbol + _operand(self.operand, self.priority)


class _Binary(Expr):
    def __init__(self, symbol, fn, lhs, rhs):
        self.symbol, self.fn, self.lhs, self.rhs = symbol, fn, lhs, rhs
        self.priority = _PRIORITY[symbol]

    def eval(self):
        return self.fn(_value(self.lhs), _value(self.rhs))

    def __str__(self):
        # ``**`` groups from the right, the others from the left.
        right_assoc = self.symbol == '**'
        return '%s %s %s' % (_operand(self.lhs, self.priority + right_assoc), self.symbol,
                             _operand(self.rhs, self.priority + (not right_assoc)))


_PRIORITY = {'|': 2, '&': 4, '+': 6, '-': 6, '*': 7, '/': 7, '//': 7, '%': 7, '**': 9,
             '==': 1, '!=': 1, '<': 1, '<=': 1, '>': 1, '>=': 1}


_INVERSE = {'==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<'}


class Testable:
    """Marks expressions whose failure ``expect`` can explain."""


class _Compare(_Binary, Testable):
    def expect(self):
        lhs, rhs = _value(self.lhs), _value(self.rhs)
        if not self.fn(lhs, rhs):
            raise InvalidType(str(self), '%s %s %s' % (_show(lhs), _INVERSE[self.symbol],
                                                       _show(rhs)))


def _show(v):
    """A value (or expression) as failure messages show it."""
    if isinstance(v, Expr):
        return str(v)
    if isinstance(v, type) and issubclass(v, numpy.generic):
        return v.__name__
    if isinstance(v, numpy.dtype):
        return v.name
    return repr(v) if isinstance(v, str) else str(v)


def _binary(symbol, fn, reflected=False, cls=_Binary):
    if reflected:
        return lambda self, other: cls(symbol, fn, other, self)
    return lambda self, other: cls(symbol, fn, self, other)


for _sym, _name, _fn in [('+', 'add', operator.add), ('-', 'sub', operator.sub),
                         ('*', 'mul', operator.mul), ('/', 'truediv', operator.truediv),
                         ('//', 'floordiv', operator.floordiv), ('%', 'mod', operator.mod),
                         ('**', 'pow', operator.pow), ('&', 'and', operator.and_),
                         ('|', 'or', operator.or_)]:
    setattr(Expr, '__%s__' % _name, _binary(_sym, _fn))
    setattr(Expr, '__r%s__' % _name, _binary(_sym, _fn, reflected=True))
for _sym, _name, _fn in [('==', 'eq', operator.eq), ('!=', 'ne', operator.ne),
                         ('<', 'lt', operator.lt), ('<=', 'le', operator.le),
                         ('>', 'gt', operator.gt), ('>=', 'ge', operator.ge)]:
    setattr(Expr, '__%s__' % _name, _binary(_sym, _fn, cls=_Compare))
Expr.__neg__ = lambda self: _Unary('-', operator.neg, self)
Expr.__pos__ = lambda self: _Unary('+', operator.pos, self)
Expr.__invert__ = lambda self: _Unary('~', operator.invert, self)


def eval(expr):
    """Evaluates an expression (or returns a plain value as it is)."""
    return _value(expr)


def expect(*bool_exprs):
    """Raises InvalidType at the first condition that does not hold."""
    for expr in bool_exprs:
        if isinstance(expr, Testable):
            expr.expect()
        elif isinstance(expr, Expr):
            if not expr.eval():
                raise InvalidType(str(expr), 'False')
        elif not expr:
            raise InvalidType('a condition', 'False')


class TypeInfo:
    """Shape and dtype of one input."""

    def __init__(self, shape, dtype):
        self.shape = shape
        self.dtype = dtype
        self.ndim = len(shape)

    @property
    def size(self):
        size = 1
        for s in self.shape:
            size *= s
        return size


class TypeInfoTuple(tuple):
    """The input types, as expressions; ``size()`` is the number of inputs."""

    def size(self):
        return Variable(len(self), '%s.size' % self.name)


def get_types(data, name, accept_none):
    """Returns a TypeInfoTuple of expressions for arrays (None allowed if accept_none)."""
    infos = []
    for i, d in enumerate(data):
        if d is None and accept_none:
            info = None
        else:
            info = TypeInfo(d.shape, d.dtype)
        infos.append(Variable(info, '%s[%d]' % (name, i)))
    types = TypeInfoTuple(infos)
    types.name = name
    return types


def argname(in_types, names):
    """Names the inputs in failure messages (``x`` instead of ``in_types[0]``)."""
    if len(in_types) != len(names):
        raise InvalidType('%s.size() == %d' % (getattr(in_types, 'name', 'in_types'), len(names)),
                          '%d != %d' % (len(in_types), len(names)))
    for t, n in zip(in_types, names):
        if isinstance(t, Variable):
            t.name = n


_argname = argname


def same_types(*arrays):
    """True when all arrays are of one array type (all NumPy or all CuPy)."""
    return len({type(a) for a in arrays}) <= 1


def _prod_values(xs):
    result = 1
    for x in xs:
        result = result * x
    return result


class _Prod(Expr):
    def __init__(self, xs):
        self.xs = xs

    def eval(self):
        return _prod_values(_value(self.xs))

    def __str__(self):
        return 'prod(%s)' % (self.xs,)


def prod(xs):
    """The product of ``xs``: a lazy expression when ``xs`` is one (e.g. ``x.shape[1:]``)."""
    if isinstance(xs, Expr):
        return _Prod(xs)
    return _prod_values(xs)


def expect_broadcast_shapes(*shape_types):
    """Checks that the shapes broadcast together."""
    shapes = [tuple(eval(s)) for s in shape_types]
    try:
        numpy.broadcast_shapes(*shapes)
    except ValueError:
        raise InvalidType('broadcastable shapes',
                          'cannot broadcast shapes %s' % ', '.join(str(s) for s in shapes))
