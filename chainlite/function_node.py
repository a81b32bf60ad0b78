"""FunctionNode: one differentiable operation in the graph.

A subclass defines ``forward`` on arrays and ``backward`` on Variables (so
its gradient is itself differentiable when built from chainlite functions).

>>> import numpy, chainlite
>>> class Square(chainlite.FunctionNode):
...     def forward(self, inputs):
...         self.retain_inputs((0,))
...         return inputs[0] ** 2,
...     def backward(self, indexes, grad_outputs):
...         x, = self.get_retained_inputs()
...         return 2 * x * grad_outputs[0],
>>> x = chainlite.Variable(numpy.array([3.0]))
>>> y, = Square().apply((x,))
>>> y.backward()
>>> x.grad
array([6.])
"""
import collections
import traceback
import weakref

import numpy

from chainlite import backend
from chainlite.configuration import config, global_config
from chainlite import function_hook
from chainlite.function_hook import _state as _hook_state
from chainlite.variable import ARRAY_TYPES, Variable

_weakref = weakref.ref
_MAX_SIGNATURES = 64  # input signatures remembered per class whose type check passed
_new_output = Variable._new_output


class FunctionNode:
    """Base class of differentiable operations (Chainer's ``FunctionNode``)."""

    inputs = None
    outputs = None
    _target_indexes = ()  # the inputs that require grad (set by apply)
    _local_function_hooks = None
    rank = 0
    _input_indexes_to_retain = None
    _output_indexes_to_retain = None
    _retained_output_data = None
    _checks_types = False  # set per subclass: whether it overrides check_type_forward
    #: A subclass whose ``check_type_forward`` depends on nothing but the inputs' types
    #: and shapes sets this, so a passed check is remembered per input signature.
    _type_check_inputs_only = False
    _passed_type_checks = None  # per such class: the input signatures that passed
    #: A subclass whose ``backward`` works unchanged on raw arrays (gradients and
    #: retained values as arrays, sub-steps through :func:`forward_or_apply`) sets
    #: this; backprop then runs it on arrays when no double backprop is asked for.
    backward_on_arrays = False
    _on_arrays = False  # True while backprop runs backward on arrays
    #: Where the node was applied (a ``traceback.StackSummary``), kept in debug mode only.
    stack = None

    @property
    def label(self):
        """The name shown in errors and graph dumps (the class name by default)."""
        return type(self).__name__

    @property
    def _impl_name(self):
        """The class name that hooks report (an old-style Function's own, for its adapter)."""
        return type(self).__name__

    @property
    def output_data(self):
        """The retained output arrays (None for outputs that were not retained)."""
        if self._retained_output_data is None:
            raise RuntimeError('%s: no outputs were retained' % self.label)
        data = [None] * len(self.outputs)
        for i, d in zip(self._output_indexes_to_retain, self._retained_output_data):
            data[i] = d
        return tuple(data)

    def apply(self, inputs):
        """Computes the outputs and, when backprop is enabled, links them into the graph.

        ``inputs`` may hold Variables and arrays; returns a tuple of Variables.
        """
        in_data = []
        nodes = []
        targets = []  # the indexes of the inputs that require grad
        rank = 0
        for x in inputs:
            if not isinstance(x, Variable):
                x = self._wrap_input(x)
            in_data.append(x._data)
            node = x._node
            if node.requires_grad:
                targets.append(len(nodes))
            nodes.append(node)
            if node.rank > rank:
                rank = node.rank
        requires_grad = bool(targets)
        in_data = tuple(in_data)
        if backend.cupy is not None:
            backend.check_same_device(self.label, in_data)
        # Thread-local values are read from the local dict first (falling back to the
        # global defaults) without the cost of LocalConfig.__getattr__ on every call.
        local = config.__dict__
        if self._checks_types and (local['type_check'] if 'type_check' in local
                                   else global_config.type_check):
            self._check_types(in_data)

        hooks = _hook_state.__dict__.get('hooks')
        if hooks or self._local_function_hooks:
            hooks = function_hook.active_hooks(hooks, self._local_function_hooks)
            for hook in hooks:
                hook.forward_preprocess(self, in_data)
        outputs = self.forward(in_data)
        if hooks:
            for hook in hooks:
                hook.forward_postprocess(self, in_data)
        if type(outputs) is not tuple:
            raise TypeError('%s.forward must return a tuple of arrays, got %s'
                            % (self.label, type(outputs).__name__))
        # As in Chainer, the graph is recorded whenever backprop is enabled, even if no
        # input requires grad (the outputs then do not require grad either).
        graph = (local['enable_backprop'] if 'enable_backprop' in local
                 else global_config.enable_backprop)
        creator = self if graph else None
        out_rank = rank + 1 if graph else 0
        if len(outputs) == 1:  # the common case, without the loops below
            y = outputs[0]
            if not isinstance(y, ARRAY_TYPES):
                self._not_arrays(outputs)
            ret = (_new_output(y, requires_grad, creator, out_rank),)
        else:
            self._not_arrays(outputs)
            ret = tuple([_new_output(y, requires_grad, creator, out_rank) for y in outputs])
        if local['debug'] if 'debug' in local else global_config.debug:
            _check_finite(self.label, 'forward', outputs)
            self.stack = traceback.extract_stack()
        if not graph:
            return ret

        self.rank = rank
        self.inputs = nodes = tuple(nodes)
        self._target_indexes = tuple(targets)
        if len(ret) == 1:
            self.outputs = (_weakref(ret[0]._node),)
        else:
            self.outputs = tuple([_weakref(v._node) for v in ret])
        if self._input_indexes_to_retain is not None:
            for i in self._input_indexes_to_retain:
                nodes[i].data = in_data[i]
        if self._output_indexes_to_retain is not None:
            retained = []
            for i in self._output_indexes_to_retain:
                ret[i]._node.data = outputs[i]
                retained.append(outputs[i])
            self._retained_output_data = tuple(retained)
        return ret

    # -- hooks -----------------------------------------------------------------------
    @property
    def local_function_hooks(self):
        """The hooks attached to this node alone, an OrderedDict ``{name: hook}``."""
        if self._local_function_hooks is None:
            self._local_function_hooks = collections.OrderedDict()
        return self._local_function_hooks

    def add_hook(self, hook, name=None):
        """Attaches a :class:`chainlite.FunctionHook` to this node (under ``name``,
        default ``hook.name``); it is called around this node's forward and backward."""
        function_hook.add_local_hook(self.local_function_hooks, hook, name, self,
                                     function_hook.FunctionHook)

    def delete_hook(self, name):
        """Detaches the hook named ``name`` from this node."""
        function_hook.delete_local_hook(self.local_function_hooks, name, self)

    def _not_arrays(self, outputs):
        """Raises if an output of forward is not an array."""
        for y in outputs:
            if not isinstance(y, ARRAY_TYPES):
                raise TypeError('%s.forward must return arrays; got %s'
                                % (self.label, type(y).__name__))

    def _check_types(self, in_data):
        """Runs ``check_type_forward`` (Chainer's type_check) on the input arrays."""
        passed = self._passed_type_checks
        if passed is not None:
            signature = tuple([(type(x), x.dtype, x.shape) for x in in_data])
            if signature in passed:
                return
        from chainlite.utils import type_check
        in_types = type_check.get_types(in_data, 'in_types', False)
        with type_check.get_function_check_context(self):
            self.check_type_forward(in_types)
        if passed is not None:
            if len(passed) >= _MAX_SIGNATURES:
                passed.clear()
            passed.add(signature)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._checks_types = cls.check_type_forward is not FunctionNode.check_type_forward
        # A subclass that defines its own check keeps the memo only if it says so itself.
        own = vars(cls)
        if 'check_type_forward' in own and '_type_check_inputs_only' not in own:
            cls._type_check_inputs_only = False
        cls._passed_type_checks = set() if cls._type_check_inputs_only else None

    def _wrap_input(self, x):
        if isinstance(x, backend.numpy.ndarray) or backend.is_gpu_array(x):
            return Variable(x, requires_grad=False)
        if isinstance(x, (numpy.generic, float, int)) and not isinstance(x, bool):
            raise TypeError('%s: inputs must be arrays or Variables; got the scalar %r '
                            '(wrap it with numpy.asarray)' % (self.label, x))
        raise TypeError('%s: inputs must be arrays or Variables, not %s'
                        % (self.label, type(x).__name__))

    def check_type_forward(self, in_types):
        """Checks the input types (Chainer's type_check); no check by default."""

    def forward(self, inputs):
        """Computes output arrays from input arrays; dispatches to forward_cpu/forward_gpu."""
        if backend.get_array_module(*inputs) is numpy:
            return self.forward_cpu(inputs)
        return self.forward_gpu(inputs)

    def forward_cpu(self, inputs):
        raise NotImplementedError('%s implements neither forward nor forward_cpu' % self.label)

    def forward_gpu(self, inputs):
        raise NotImplementedError('%s implements neither forward nor forward_gpu' % self.label)

    def backward(self, target_input_indexes, grad_outputs):
        """Returns the gradients (Variables or None) of the inputs; none by default."""
        return (None,) * len(target_input_indexes)

    def backward_accumulate(self, target_input_indexes, grad_outputs, grad_inputs):
        """Returns gradients for ``target_input_indexes``, added to ``grad_inputs``."""
        gxs = self._target_grads(target_input_indexes, grad_outputs)
        return tuple(gx if g is None else (g if gx is None else g + gx)
                     for gx, g in zip(gxs, grad_inputs))

    def _target_grads(self, target_input_indexes, grad_outputs):
        """Calls backward and aligns its result with ``target_input_indexes``."""
        gxs = self.backward(target_input_indexes, grad_outputs)
        n_in = len(self.inputs)
        if len(gxs) == n_in and n_in != len(target_input_indexes):
            gxs = tuple([gxs[i] for i in target_input_indexes])
        elif len(gxs) != len(target_input_indexes):
            raise ValueError('%s.backward returned %d gradients; expected %d (one per input) '
                             'or %d (one per target input)'
                             % (self.label, len(gxs), n_in, len(target_input_indexes)))
        inputs = self.inputs
        for i, gx in zip(target_input_indexes, gxs):
            if gx is not None:
                node = inputs[i]
                # (dtypes are mostly the same object: ``is`` spares the slower ``!=``)
                if gx.shape != node.shape or (gx.dtype is not node.dtype and
                                              gx.dtype != node.dtype):
                    self._bad_grad(i, gx, node)
        return gxs

    def _bad_grad(self, i, gx, node):
        """Raises (as Chainer does) for a gradient whose shape or dtype is not its input's."""
        if gx.shape != node.shape:
            raise ValueError('%s.backward returned a gradient of shape %s for input %d of '
                             'shape %s' % (self.label, gx.shape, i, node.shape))
        raise TypeError('%s.backward returned a gradient of dtype %s for input %d of dtype %s'
                        % (self.label, gx.dtype, i, node.dtype))

    def retain_inputs(self, indexes):
        """Keeps these inputs for backward (call it in forward)."""
        self._input_indexes_to_retain = tuple(indexes)

    def retain_outputs(self, indexes):
        """Keeps these outputs for backward (call it in forward)."""
        self._output_indexes_to_retain = tuple(indexes)

    def get_retained_inputs(self):
        """Returns the retained inputs as Variables linked into the graph.

        (Arrays while backprop runs a ``backward_on_arrays`` node on arrays.)
        """
        if self._input_indexes_to_retain is None:
            return ()
        inputs = self.inputs
        if self._on_arrays:
            return tuple([inputs[i].data for i in self._input_indexes_to_retain])
        return tuple([inputs[i].get_variable() for i in self._input_indexes_to_retain])

    def get_retained_outputs(self):
        """Returns the retained outputs as Variables linked into the graph (or arrays, as above)."""
        if self._output_indexes_to_retain is None:
            return ()
        if self._on_arrays:
            return self._retained_output_data
        ret = []
        for i, data in zip(self._output_indexes_to_retain, self._retained_output_data):
            node = self.outputs[i]()
            if node is None:
                var = Variable(data)
                var._node.set_creator_node(self)
                self.outputs = self.outputs[:i] + (weakref.ref(var._node),) + self.outputs[i + 1:]
                ret.append(var)
            else:
                if node.data is None:
                    node.data = data
                ret.append(node.get_variable())
        return tuple(ret)

    def unchain(self):
        """Disconnects this node from its inputs and outputs."""
        for ref in self.outputs or ():
            node = ref()
            if node is not None:
                node.creator_node = None
        self.inputs = None


def forward_or_apply(node, inputs):
    """``node.apply(inputs)[0]`` if an input is a Variable, else ``node.forward(inputs)[0]``.

    Backward code built from it (and from array operators) runs both on
    Variables, building a differentiable graph, and on raw arrays.
    """
    for x in inputs:
        if isinstance(x, Variable):
            return node.apply(inputs)[0]
    if _hook_state.__dict__.get('hooks'):  # let the hooks see the step, as in Chainer
        return node.apply(inputs)[0]._data
    return node.forward(inputs)[0]


def _check_finite(label, where, arrays):
    for a in arrays:
        if a is None:
            continue
        a = getattr(a, 'array', a)
        if a.dtype.kind in 'fc':
            xp = backend.get_array_module(a)
            if not bool(xp.isfinite(a).all()):
                kind = 'NaN' if bool(xp.isnan(a).any()) else 'Inf'
                raise RuntimeError('%s detected in the %s of %s (debug mode)'
                                   % (kind, where, label))


def grad(outputs, inputs, grad_outputs=None, grad_inputs=None, set_grad=False,
         retain_grad=False, enable_double_backprop=False, loss_scale=None):
    """:func:`chainlite.grad` (Chainer also exposes it in this module)."""
    from chainlite import backprop  # (backprop imports this module)
    return backprop.grad(outputs, inputs, grad_outputs, grad_inputs, set_grad, retain_grad,
                         enable_double_backprop, loss_scale)
