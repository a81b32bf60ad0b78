"""Variables: arrays that remember how they were computed.

A :class:`Variable` wraps an array and, when produced by a function, points
to that function (its *creator*) through a :class:`VariableNode`. The graph is
made of nodes, so a Variable can be dropped while its node stays in the graph;
a node holds its array only when a function retained it for backward.

>>> import numpy, chainlite
>>> x = chainlite.Variable(numpy.array([1.0, 2.0, 3.0]))
>>> y = chainlite.functions.sum(x * x)
>>> y.backward()
>>> x.grad.tolist()
[2.0, 4.0, 6.0]
"""
import warnings
import weakref

import numpy

from chainlite import backend

_object_new = object.__new__
_weakref = weakref.ref


def _short_info(shape, dtype):
    """Chainer's label: ``'(2, 3), float32'``, just the dtype for 0-d."""
    if shape is None:  # as in Chainer, an empty Variable has no label
        raise TypeError('the variable holds no array, so it has no label')
    if not shape:
        return str(dtype)
    return '(%s), %s' % (', '.join(map(str, shape)), dtype)


class VariableNode:
    """A Variable's place in the graph: creator, rank, and retained data."""

    __slots__ = ('_variable', 'creator_node', 'data', 'name', 'requires_grad',
                 'shape', 'dtype', 'rank', '__weakref__')

    def __init__(self, variable, name, requires_grad):
        self._variable = weakref.ref(variable)
        self.creator_node = None
        self.data = None
        self.name = name
        self.requires_grad = requires_grad
        self.rank = 0
        array = variable._data
        if array is None:
            self.shape = self.dtype = None
        else:
            self.shape = array.shape
            self.dtype = array.dtype

    @property
    def creator(self):
        """The creating function: an old-style ``Function`` itself, else the FunctionNode."""
        return _user_facing(self.creator_node)

    @creator.setter
    def creator(self, func):
        self.set_creator_node(func)

    def set_creator_node(self, creator_node):
        self.creator_node = creator_node
        if creator_node is not None:
            self.rank = creator_node.rank + 1

    def set_creator(self, creator):
        """Sets the creating function (an old-style Function's node is taken)."""
        from chainlite.function import Function  # (function imports this module)
        self.set_creator_node(creator.node if isinstance(creator, Function) else creator)

    @property
    def label(self):
        return _short_info(self.shape, self.dtype)

    @property
    def grad(self):
        var = self._variable()
        return None if var is None else var.grad

    @property
    def grad_var(self):
        var = self._variable()
        return None if var is None else var.grad_var

    def get_variable(self):
        """Returns the Variable of this node, recreating it from retained data if it is gone."""
        var = self._variable()
        if var is not None:
            return var
        var = Variable._from_node(self.data, self)
        self._variable = weakref.ref(var)
        return var

    def get_variable_or_none(self):
        return self._variable()

    def retain_data(self):
        var = self._variable()
        if var is None:
            raise RuntimeError('cannot retain the data of a variable that has been released')
        self.data = var._data

    def unchain(self):
        self.creator_node = None


def _refused_comparison(operator):
    """A comparison method that refuses, with Chainer's message naming ``operator``."""
    def compare(self, other):
        raise TypeError('Variables do not support %s operator. You could use `array` '
                        'attribute instead.' % operator)
    return compare


class Variable:
    """An array with a gradient and a place in the computational graph.

    Args:
        data: a NumPy or CuPy array (or None, to be set later).
        name (str): a name shown by ``label`` and graph dumps.
        grad: an initial gradient array.
        requires_grad (bool): whether backward computes a gradient for it.
    """

    # (``__dict__``: as in Chainer, code may tag a Variable with attributes of its own)
    __slots__ = ('_data', '_grad_var', '_node', '_loss_scale', '__weakref__', '__dict__')
    __array_priority__ = 200  # makes ``ndarray + Variable`` call Variable.__radd__

    def __init__(self, data=None, *, name=None, grad=None, requires_grad=True):
        if data is not None and not isinstance(data, ARRAY_TYPES):
            raise TypeError('Variable: data must be a NumPy or CuPy array, not %s'
                            % type(data).__name__)
        self._data = data
        self._grad_var = None
        self._loss_scale = None
        self._node = VariableNode(self, name, requires_grad)
        if grad is not None:
            self.grad = grad

    @classmethod
    def _new_output(cls, data, requires_grad, creator, rank):
        """A function's output: ``Variable(data)`` without the checks (apply has done them)."""
        var = _object_new(cls)
        var._data = data
        var._grad_var = None
        var._loss_scale = None
        node = _object_new(VariableNode)
        node._variable = _weakref(var)
        node.creator_node = creator
        node.data = None
        node.name = None
        node.requires_grad = requires_grad
        node.rank = rank
        node.shape = data.shape
        node.dtype = data.dtype
        var._node = node
        return var

    @classmethod
    def _from_node(cls, data, node):
        var = object.__new__(cls)
        var._data = data
        var._grad_var = None
        var._loss_scale = None
        var._node = node
        return var

    # -- data and gradient -------------------------------------------------
    @property
    def array(self):
        return self._data

    @array.setter
    def array(self, value):
        self._data = value
        node = self._node
        if node.data is not None:
            node.data = value
        if value is None:
            node.shape = node.dtype = None
        else:
            node.shape = value.shape
            node.dtype = value.dtype

    data = array

    @property
    def grad(self):
        gv = self._grad_var
        return None if gv is None else gv._data

    @grad.setter
    def grad(self, g):
        if g is not None:
            self._check_grad(g)
            g = Variable(g)
        self._grad_var = g

    @property
    def grad_var(self):
        return self._grad_var

    @grad_var.setter
    def grad_var(self, g):
        if g is not None:
            self._check_grad(g._data)
        self._grad_var = g

    def _check_grad(self, g):
        data = self._data
        if data is None:
            return
        if type(g) is not type(data):
            raise TypeError('Type of data and grad mismatch\ngrad: %s != data: %s'
                            % (type(g).__name__, type(data).__name__))
        if g.dtype != data.dtype:
            raise TypeError('Dtype of data and grad mismatch\ngrad: %s != data: %s'
                            % (g.dtype, data.dtype))
        if g.shape != data.shape:
            raise ValueError('Shape of data and grad mismatch\ngrad: %s != data: %s'
                             % (g.shape, data.shape))

    # -- graph ---------------------------------------------------------------
    @property
    def node(self):
        return self._node

    @property
    def creator(self):
        """The creating function: an old-style ``Function`` itself, else the FunctionNode."""
        return _user_facing(self._node.creator_node)

    @creator.setter
    def creator(self, func):
        self._node.set_creator_node(func)

    @property
    def creator_node(self):
        return self._node.creator_node

    @creator_node.setter
    def creator_node(self, func):
        self._node.set_creator_node(func)

    @property
    def rank(self):
        return self._node.rank

    @property
    def name(self):
        return self._node.name

    @name.setter
    def name(self, n):
        self._node.name = n

    @property
    def label(self):
        return self._node.label

    @property
    def requires_grad(self):
        return self._node.requires_grad

    def retain_data(self):
        """Keeps this Variable's array in its node, so it outlives the Variable."""
        self._node.data = self._data

    def unchain(self):
        """Cuts the link to the creator, making this Variable a root."""
        self._node.creator_node = None

    def unchain_backward(self):
        """Cuts every link in the graph behind this Variable."""
        cand = [self._node.creator_node]
        seen = set()
        while cand:
            func = cand.pop()
            if func is None or id(func) in seen:
                continue
            seen.add(id(func))
            for node in func.inputs:
                cand.append(node.creator_node)
                node.creator_node = None
        self._node.creator_node = None

    def set_creator(self, gen_func):
        """Sets the function that made this variable (a FunctionNode or an old-style Function)."""
        self._node.set_creator(gen_func)

    def set_creator_node(self, fnode):
        """Sets the FunctionNode that made this variable."""
        self._node.set_creator_node(fnode)

    # -- array-like attributes ------------------------------------------------
    @property
    def shape(self):
        return self._data.shape

    @property
    def dtype(self):
        return self._data.dtype

    @property
    def ndim(self):
        return self._data.ndim

    @property
    def size(self):
        return self._data.size

    def __len__(self):
        return len(self._data)

    @property
    def xp(self):
        return backend.get_array_module(self._data)

    @property
    def device(self):
        return backend.get_device_from_array(self._data)

    def item(self):
        return self._data.item()

    def __bool__(self):
        raise TypeError('Variables cannot be evaluated as Python bool.')

    __hash__ = None  # unhashable, as in Chainer (== is overridden)

    __eq__, __ne__, __lt__, __le__, __gt__, __ge__ = (
        _refused_comparison(op) for op in ('==', '!=', '<', '<=', '>', '>='))

    # -- gradient bookkeeping ---------------------------------------------------
    def cleargrad(self):
        """Sets the gradient to None."""
        self._grad_var = None

    def zerograd(self):
        """Sets the gradient to zeros (allocating if needed); deprecated as in Chainer."""
        warnings.warn('Variable.zerograd is deprecated. Use Variable.cleargrad instead.',
                      DeprecationWarning, stacklevel=2)
        data = self._data
        if data is None:
            return
        gv = self._grad_var
        if gv is None or gv._data is None:
            self._grad_var = Variable(backend.get_array_module(data).zeros_like(data))
        else:
            gv._data.fill(0)

    def addgrad(self, var):
        """Adds ``var``'s gradient to this one's (moving it across devices)."""
        src = var.grad
        if src is None:
            return
        device = self.device
        src = device.send(src)
        if self.grad is None:
            self.grad = src.copy()
        else:
            # (asarray: NumPy returns a scalar for a 0-d sum, e.g. PReLU's W)
            self._grad_var = Variable(backend.get_array_module(src).asarray(self.grad + src))

    def copydata(self, var):
        """Copies ``var``'s array into this one's, across devices."""
        if self._data is None:
            raise AttributeError('copydata: this Variable has no array to copy into')
        backend.copyto(self._data, var.array)

    # -- devices -----------------------------------------------------------------
    def to_device(self, device):
        device = backend.get_device(device)
        if self._data is not None:
            self.array = device.send(self._data)
        gv = self._grad_var
        if gv is not None and gv._data is not None:
            gv._data = device.send(gv._data)

    def to_cpu(self):
        self.to_device(backend.CPU)

    def to_gpu(self, device=None):
        self.to_device(backend.get_device(0 if device is None else getattr(device, 'id', device)))

    def to_intel64(self):
        """iDeep is not used by chainlite: arrays stay NumPy arrays on the CPU."""
        self.to_device(backend.CPU)

    # -- backward ----------------------------------------------------------------
    def backward(self, retain_grad=False, enable_double_backprop=False, loss_scale=None):
        """Computes gradients of this Variable with respect to every leaf behind it.

        A scalar (size-1) Variable with no ``grad`` starts from ones; otherwise set
        ``grad`` first. ``loss_scale`` multiplies the starting gradient (the
        optimizer divides it back out).
        """
        from chainlite import backprop
        backprop.backward([self], None, retain_grad, enable_double_backprop, loss_scale)

    # -- conveniences ------------------------------------------------------------
    def reshape(self, *shape):
        from chainlite.functions.array.reshape import reshape
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        return reshape(self, tuple(shape))

    def transpose(self, *axes):
        from chainlite.functions.array.transpose import transpose
        if len(axes) == 0:
            axes = None
        elif len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        return transpose(self, axes)

    @property
    def T(self):
        return self.transpose()

    def mean(self, axis=None, *, weights=None, keepdims=False):
        """The (weighted) mean over ``axis``, as ``F.average``."""
        from chainlite.functions.math.average import average
        return average(self, axis=axis, weights=weights, keepdims=keepdims)

    def __getitem__(self, slices):
        from chainlite.functions.array.get_item import get_item
        return get_item(self, slices)

    def summary(self):
        name = self.name or '<variable at 0x%x>' % id(self)
        if self.name:
            return '<variable %s>' % name
        return name

    def debug_print(self):
        """Returns a multi-line description: device, backend, shape, dtype, statistics, grad
        (Chainer's layout: ``None`` for each of them without an array, ``0`` for an all-zero
        grad)."""
        d = self._data
        lines = [self.summary()]
        if d is None:
            lines += ['- %s: None' % key for key in ('device', 'backend', 'shape', 'dtype',
                                                     'statistics')]
        else:
            device = self.device
            lines += ['- device: %s' % ('CPU' if device == backend.CPU else device),
                      '- backend: %s' % type(d),
                      '- shape: %s' % (d.shape,),
                      '- dtype: %s' % d.dtype,
                      '- statistics: %s' % _mean_std(d)]
        g = self.grad
        if g is None:
            lines.append('- grad: None')
        elif not g.any():
            lines.append('- grad: 0')
        else:
            lines.append('- grad: %s' % _mean_std(g))
        return '\n'.join(lines)

    def _text(self, separator):
        """Chainer's repr/str layout: ``variable NAME([...])``, aligned under the bracket."""
        prefix = 'variable' + (' ' + self.name if self.name else '') + '('
        data = self._data
        if data is None:
            return prefix + 'None)'
        data = backend.CPU.send(data)
        if data.size == 0:  # (NumPy's repr names the shape of all but a 1-d empty array)
            shown = separator == ', ' and data.ndim != 1
            return prefix + ('[], shape=%s)' % (data.shape,) if shown else '[])')
        return prefix + numpy.array2string(data, None, None, None, separator, prefix) + ')'

    def __repr__(self):
        return variable_repr(self)

    def __str__(self):
        return variable_str(self)

    # Copies and pickles hold the array, gradient, name and own attributes, never the graph.
    def __getstate__(self):
        return {'data': self._data, 'grad': self.grad if self._grad_var is not None else None,
                'name': self._node.name, 'requires_grad': self._node.requires_grad,
                'attrs': self.__dict__}

    def __setstate__(self, state):
        self._data = state['data']
        grad = state['grad']
        self._grad_var = None if grad is None else Variable(grad)
        self._loss_scale = None
        self._node = VariableNode(self, state['name'], state['requires_grad'])
        self.__dict__.update(state.get('attrs', ()))  # (absent from older pickles)

    # arithmetic operators are installed by chainlite.functions.math.basic_math


class Parameter(Variable):
    """A Variable owned by a Link and updated by an optimizer.

    It can be created without an array from an initializer (a scalar, an
    array, or an initializer object) and filled later with ``initialize``.

    >>> import numpy, chainlite
    >>> p = chainlite.Parameter(0.5)
    >>> p.initialize((2,))
    >>> p.array.tolist()
    [0.5, 0.5]
    """

    __slots__ = ('initializer', 'update_rule', '_lr_factor', '_grad_fill', '_device', '_peers')

    def __init__(self, initializer=None, shape=None, name=None):
        self.update_rule = None
        self._lr_factor = 1.0
        self._device = None
        from chainlite import initializers
        if isinstance(initializer, ARRAY_TYPES) and shape is None:
            super().__init__(initializer, name=name)
            self.initializer = initializers.Constant(initializer)
            self._grad_fill = None
            return
        super().__init__(None, name=name)
        if initializer is None:
            initializer = initializers.NaN()
        elif not callable(initializer):
            initializer = initializers._get_initializer(initializer)
        self.initializer = initializer
        # Like Chainer, a parameter made from an initializer gets a NaN gradient when it
        # is filled, so forgetting cleargrads() shows up instead of adding stale values.
        self._grad_fill = numpy.nan
        if shape is not None:
            self.initialize(shape)

    @property
    def grad(self):
        fill = self._grad_fill
        if self._data is None and self._grad_var is None and fill is not None and fill != fill:
            raise RuntimeError('Cannot retrieve the grad of uninitialized parameter %s: set it, '
                               'or call cleargrad() first' % (self.name,))
        return Variable.grad.fget(self)

    @grad.setter
    def grad(self, g):
        Variable.grad.fset(self, g)

    def cleargrad(self):
        super().cleargrad()
        if self._data is None:
            self._grad_fill = None

    def zerograd(self):
        super().zerograd()
        if self._data is None:
            self._grad_fill = 0

    def addgrad(self, var):
        if self._data is None:  # as in Chainer: an uninitialized parameter takes var's shape
            self.initialize(var.shape)
        super().addgrad(var)

    def copydata(self, var):
        if self._data is None:
            self.initialize(var.shape)
        super().copydata(var)

    @property
    def lr_factor(self):
        """Multiplies this parameter's live learning rate (MATLAB's LearnRateFactor)."""
        return self._lr_factor

    @lr_factor.setter
    def lr_factor(self, value):
        self._lr_factor = check_lr_factor(value, self.name)

    @property
    def array(self):
        return self._data

    @array.setter
    def array(self, value):
        peers = getattr(self, '_peers', None)  # (unset in a parameter made by unpickling)
        for param in (self,) if peers is None else [ref() for ref in peers]:
            if param is not None:
                Variable.array.fset(param, value)

    data = array

    def _share_array_slot(self, other):
        """Makes this parameter (a share-mode copy of ``other``) and ``other`` hold one array
        slot, as in Chainer: setting or initializing the array of one sets it in all."""
        peers = getattr(other, '_peers', None)
        if peers is None:
            peers = other._peers = [weakref.ref(other)]
        peers[:] = [ref for ref in peers if ref() is not None] + [weakref.ref(self)]
        self._peers = peers

    @property
    def dtype(self):
        """The array's dtype; before initialization, the dtype its initializer names."""
        if self._data is not None:
            return self._data.dtype
        dtype = getattr(self.initializer, 'dtype', None)
        if dtype is None:
            raise RuntimeError('the dtype of the uninitialized parameter %s is not known yet: '
                               'its initializer names none' % (self.name,))
        return numpy.dtype(dtype)

    @property
    def is_initialized(self):
        return self._data is not None

    def initialize(self, shape):
        """Creates the array of the given shape with the initializer, on the parameter's device."""
        from chainlite import initializers
        device = self._device or backend.CPU
        data = initializers.generate_array(self.initializer, shape, device.xp,
                                           dtype=getattr(self.initializer, 'dtype', None),
                                           device=device)
        self.array = data
        if self._grad_fill is not None:
            self.grad = device.xp.full_like(data, self._grad_fill)

    def update(self):
        """Updates the array with its update rule (if an optimizer set one up)."""
        if self.update_rule is not None:
            self.update_rule.update(self)

    def to_device(self, device):
        """Moves the array, the gradient and the update rule's state (and master copy)."""
        self._device = backend.get_device(device)
        super().to_device(self._device)
        rule = self.update_rule
        if rule is not None:
            if rule.state:
                for key, value in list(rule.state.items()):
                    rule.state[key] = self._device.send(value)
            master = getattr(rule, '_fp32_param', None)
            if master is not None:
                master.to_device(self._device)

    def __getstate__(self):
        state = super().__getstate__()
        state.update(initializer=self.initializer, update_rule=self.update_rule,
                     lr_factor=self._lr_factor, grad_fill=self._grad_fill, device=self._device)
        return state

    def __setstate__(self, state):
        super().__setstate__(state)
        self.initializer = state['initializer']
        self.update_rule = state['update_rule']
        self._lr_factor = state['lr_factor']
        self._grad_fill = state['grad_fill']
        self._device = state['device']


def _mean_std(array):
    """``mean=..., std=...`` of an array (NaN for an empty one, with NumPy's warnings)."""
    return 'mean=%.8f, std=%.8f' % (float(array.mean()), float(array.std()))


def _user_facing(func):
    """An old-style Function's adapter node shows as the Function, as in Chainer."""
    return func.function if getattr(func, 'old_style', False) else func


_INF = float('inf')


def check_lr_factor(value, path=None):
    """Returns ``value`` as a float after checking it is a finite number >= 0."""
    if type(value) is float and 0 <= value < _INF:  # the common case, checked at once
        return value
    where = ' of %s' % path if path else ''
    if isinstance(value, bool) or not isinstance(value, (int, float, numpy.number)):
        raise ValueError('learning-rate factor%s must be a number, got %r' % (where, value))
    value = float(value)
    if not 0 <= value < _INF:
        raise ValueError('learning-rate factor%s must be a finite number >= 0, got %r'
                         % (where, value))
    return value


ARRAY_TYPES = (numpy.ndarray,) if backend.cupy is None else (numpy.ndarray, backend.cupy.ndarray)


def variable_repr(var):
    """``repr(var)``: ``variable NAME([...])`` with NumPy's repr of the array."""
    return var._text(', ')


def variable_str(var):
    """``str(var)``: as :func:`variable_repr`, with NumPy's str layout of the array."""
    return var._text(' ')


def as_variable(obj):
    """Returns ``obj`` if it is a Variable, else a Variable (requires_grad=False) wrapping it."""
    if isinstance(obj, Variable):
        return obj
    return Variable(obj, requires_grad=False)


def as_array(obj):
    """Returns the array of a Variable, or ``obj`` itself."""
    if isinstance(obj, Variable):
        return obj._data
    return obj


__all__ = ['Variable', 'Parameter', 'VariableNode', 'as_variable', 'as_array']
