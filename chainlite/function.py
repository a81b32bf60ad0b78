"""Old-style functions (Chainer v1 ``chainer.Function``): forward and backward on arrays.

>>> import numpy, chainlite
>>> class Double(chainlite.Function):
...     def forward(self, inputs):
...         return inputs[0] * 2,
...     def backward(self, inputs, grad_outputs):
...         return grad_outputs[0] * 2,
>>> x = chainlite.Variable(numpy.array([1.0, 3.0]))
>>> y = Double()(x)
>>> y.grad = numpy.ones(2)
>>> y.backward()
>>> x.grad.tolist()
[2.0, 2.0]
"""
import numpy

from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.variable import Variable


class FunctionAdapter(FunctionNode):
    """Runs an old-style Function inside the graph.

    Its gradient is not differentiable: as in Chainer, backpropagating through a
    gradient it computed (double backprop) raises RuntimeError.
    """

    old_style = True  # Variable.creator shows the Function, creator_node this adapter

    def __init__(self, function):
        self._function = function

    @property
    def function(self):
        return self._function

    @property
    def label(self):
        return self._function.label

    @property
    def _impl_name(self):
        return type(self._function).__name__

    def check_type_forward(self, in_types):
        self._function.check_type_forward(in_types)

    def forward(self, inputs):
        fn = self._function
        fn._retain_inputs = None
        fn._retain_outputs = None
        outputs = fn.forward(inputs)
        if type(outputs) is not tuple:  # (Chainer refuses lists too)
            raise TypeError('%s.forward must return a tuple of arrays, got %s'
                            % (self.label, type(outputs).__name__))
        retain_in = fn._retain_inputs
        self.retain_inputs(range(len(inputs)) if retain_in is None else retain_in)
        retain_out = fn._retain_outputs
        self.retain_outputs(range(len(outputs)) if retain_out is None else retain_out)
        return tuple(outputs)

    def backward(self, target_input_indexes, grad_outputs):
        in_data = [None] * len(self.inputs)
        for i, v in zip(self._input_indexes_to_retain, self.get_retained_inputs()):
            in_data[i] = v.array
        # As in Chainer, an output that got no gradient passes None (not zeros).
        gys = tuple(None if g is None else g.array for g in grad_outputs)
        gxs = self._function.backward(tuple(in_data), gys)
        if not isinstance(gxs, tuple):
            gxs = tuple(gxs) if isinstance(gxs, list) else (gxs,)
        if len(gxs) < len(self.inputs):  # (more are ignored, as in Chainer)
            raise ValueError('%s.backward returned %d gradients for %d inputs'
                             % (self.label, len(gxs), len(self.inputs)))
        gxs = [None if gxs[i] is None else _as_array_like(gxs[i], self.inputs[i])
               for i in target_input_indexes]
        if config.enable_backprop:  # double backprop: mark the gradients as final
            return _first_order_only(self, gxs, grad_outputs)
        return tuple(None if g is None else Variable(g) for g in gxs)


class _FirstOrderGrad(FunctionNode):
    """Hands on gradients an old-style Function computed; refuses to be differentiated."""

    def __init__(self, function_label, grads):
        self._function_label = function_label
        self._grads = grads

    def forward(self, inputs):
        return self._grads

    def backward(self, target_input_indexes, grad_outputs):
        raise RuntimeError('cannot twice-differentiate an old style Function "%s"'
                           % self._function_label)


def _first_order_only(adapter, gxs, grad_outputs):
    """``gxs`` as Variables that depend on the inputs and output gradients of ``adapter``
    through a node whose backward raises (Chainer's error for double backprop)."""
    given = [(i, g) for i, g in enumerate(gxs) if g is not None]
    if not given:
        return (None,) * len(gxs)
    sources = [g for g in grad_outputs if g is not None]
    sources += [node.get_variable() for node in adapter.inputs if node.data is not None]
    node = _FirstOrderGrad(adapter.label, tuple(g for _, g in given))
    outs = node.apply(sources)
    result = [None] * len(gxs)
    for (i, _), out in zip(given, outs):
        result[i] = out
    return tuple(result)


def _as_array_like(g, node):
    if numpy.isscalar(g):
        return numpy.asarray(g, dtype=node.dtype)
    return g


class Function:
    """Base class of old-style functions: override ``forward`` and ``backward`` on arrays.

    All inputs and outputs are kept for backward unless ``retain_inputs`` /
    ``retain_outputs`` are called inside ``forward``.
    """

    _retain_inputs = None
    _retain_outputs = None
    _node = None

    def __call__(self, *inputs):
        node = self.node
        if node.inputs is not None:  # applied before: a new node, keeping the hooks
            node = FunctionAdapter(self)
            node._local_function_hooks = self._node._local_function_hooks
            self._node = node
        outputs = node.apply(inputs)
        return outputs[0] if len(outputs) == 1 else outputs

    @property
    def node(self):
        """The FunctionNode that runs this function in the graph (its latest call)."""
        if self._node is None:
            self._node = FunctionAdapter(self)
        return self._node

    @property
    def local_function_hooks(self):
        return self.node.local_function_hooks

    def add_hook(self, hook, name=None):
        """Attaches a function hook to this function (see ``FunctionNode.add_hook``)."""
        self.node.add_hook(hook, name)

    def delete_hook(self, name):
        self.node.delete_hook(name)

    @property
    def label(self):
        return type(self).__name__

    @property
    def inputs(self):
        """The input VariableNodes of the latest call (None before the first)."""
        return self.node.inputs

    @property
    def outputs(self):
        """Weak references to the output VariableNodes (None before the first call)."""
        return self.node.outputs

    @property
    def output_data(self):
        return self.node.output_data

    @property
    def rank(self):
        return self.node.rank

    @property
    def stack(self):
        """Where the function was applied (kept in debug mode only)."""
        return self.node.stack

    def check_type_forward(self, in_types):
        """Checks input types with chainlite.utils.type_check; no check by default."""

    def forward(self, inputs):
        if backend.get_array_module(*inputs) is numpy:
            return self.forward_cpu(inputs)
        return self.forward_gpu(inputs)

    def forward_cpu(self, inputs):
        raise NotImplementedError('%s implements neither forward nor forward_cpu' % self.label)

    def forward_gpu(self, inputs):
        raise NotImplementedError('%s implements neither forward nor forward_gpu' % self.label)

    def backward(self, inputs, grad_outputs):
        xp = backend.get_array_module(*[x for x in inputs if x is not None])
        if xp is numpy:
            return self.backward_cpu(inputs, grad_outputs)
        return self.backward_gpu(inputs, grad_outputs)

    def backward_cpu(self, inputs, grad_outputs):
        return (None,) * len(inputs)

    def backward_gpu(self, inputs, grad_outputs):
        return (None,) * len(inputs)

    def retain_inputs(self, indexes):
        self._retain_inputs = tuple(indexes)

    def retain_outputs(self, indexes, retain_after_backward=False):
        self._retain_outputs = tuple(indexes)

    def unchain(self):
        if self._node is not None:
            self._node.unchain()
