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
import weakref

import numpy

from chainlite import backend
from chainlite.configuration import config
from chainlite.variable import Variable


class FunctionNode:
    """Base class of differentiable operations (Chainer's ``FunctionNode``)."""

    inputs = None
    outputs = None
    rank = 0
    _input_indexes_to_retain = None
    _output_indexes_to_retain = None
    _retained_output_data = None

    @property
    def label(self):
        """The name shown in errors and graph dumps (the class name by default)."""
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
        input_vars = [x if isinstance(x, Variable) else self._wrap_input(x) for x in inputs]
        in_data = tuple([x._data for x in input_vars])
        if backend.cupy is not None:
            backend.check_same_device(self.label, in_data)
        if type(self).check_type_forward is not FunctionNode.check_type_forward \
                and config.type_check:
            from chainlite.utils import type_check
            in_types = type_check.get_types(in_data, 'in_types', False)
            with type_check.get_function_check_context(self):
                self.check_type_forward(in_types)

        outputs = self.forward(in_data)
        if type(outputs) is not tuple:
            raise TypeError('%s.forward must return a tuple of arrays, got %s'
                            % (self.label, type(outputs).__name__))
        if config.debug:
            _check_finite(self.label, 'forward', outputs)

        requires_grad = any([x._node.requires_grad for x in input_vars])
        if not (requires_grad and config.enable_backprop):
            return tuple([Variable(y, requires_grad=requires_grad) for y in outputs])

        nodes = tuple([x._node for x in input_vars])
        self.rank = max([n.rank for n in nodes]) if nodes else 0
        self.inputs = nodes
        ret = tuple([Variable(y) for y in outputs])
        out_rank = self.rank + 1
        for v in ret:
            node = v._node
            node.creator_node = self
            node.rank = out_rank
        self.outputs = tuple([weakref.ref(v._node) for v in ret])
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
        return gxs

    def retain_inputs(self, indexes):
        """Keeps these inputs for backward (call it in forward)."""
        self._input_indexes_to_retain = tuple(indexes)

    def retain_outputs(self, indexes):
        """Keeps these outputs for backward (call it in forward)."""
        self._output_indexes_to_retain = tuple(indexes)

    def get_retained_inputs(self):
        """Returns the retained inputs as Variables linked into the graph."""
        if self._input_indexes_to_retain is None:
            return ()
        inputs = self.inputs
        return tuple([inputs[i].get_variable() for i in self._input_indexes_to_retain])

    def get_retained_outputs(self):
        """Returns the retained outputs as Variables linked into the graph."""
        if self._output_indexes_to_retain is None:
            return ()
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
