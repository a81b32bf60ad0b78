"""The function-hook protocol and the registry of active hooks (Chainer's
``chainer.FunctionHook`` / ``chainer.get_function_hooks``).

What the core has to call (not wired yet; see :func:`core_calls_hooks`)::

    hooks = list(get_function_hooks().values())   # plus a node's local hooks
    # FunctionNode.apply, around forward():
    for h in hooks: h.forward_preprocess(node, in_data)     # in_data: input arrays
    for h in hooks: h.forward_postprocess(node, in_data)
    # backprop, around node.backward():
    for h in hooks: h.backward_preprocess(node, in_data, out_grad)   # out_grad: arrays
    for h in hooks: h.backward_postprocess(node, in_data, out_grad)
"""
import collections
import functools
import threading

import numpy

_state = threading.local()


def get_function_hooks():
    """The hooks active in this thread, an OrderedDict ``{name: hook}``."""
    hooks = getattr(_state, 'hooks', None)
    if hooks is None:
        hooks = _state.hooks = collections.OrderedDict()
    return hooks


class FunctionHook:
    """Base class of function hooks: ``with hook:`` activates it in this thread for every
    function application and backward step. Override the ``*process`` methods."""

    name = 'FunctionHook'

    def __enter__(self):
        if not core_calls_hooks():
            raise NotImplementedError(
                '%s: function hooks are not supported by this chainlite yet (FunctionNode.apply '
                'does not call them), so the hook would record nothing' % type(self).__name__)
        hooks = get_function_hooks()
        if self.name in hooks:
            raise KeyError('hook %s already exists' % self.name)
        hooks[self.name] = self
        self.added(None)
        return self

    def __exit__(self, *_):
        self.deleted(None)
        del get_function_hooks()[self.name]

    def added(self, function):
        """Called when the hook is registered (``function`` is None for a global hook)."""

    def deleted(self, function):
        """Called when the hook is unregistered."""

    def forward_preprocess(self, function, in_data):
        """Called before ``function`` computes its forward on the arrays ``in_data``."""

    def forward_postprocess(self, function, in_data):
        """Called after ``function`` computed its forward."""

    def backward_preprocess(self, function, in_data, out_grad):
        """Called before ``function`` computes its backward (``out_grad``: output grads)."""

    def backward_postprocess(self, function, in_data, out_grad):
        """Called after ``function`` computed its backward."""


class _Probe(FunctionHook):
    name = '_chainlite_hook_probe'
    seen = False

    def forward_preprocess(self, function, in_data):
        self.seen = True


@functools.lru_cache(maxsize=None)
def core_calls_hooks():
    """Whether ``FunctionNode.apply`` calls the active hooks (checked once, on a probe)."""
    from chainlite.function_node import FunctionNode

    class Identity(FunctionNode):
        def forward(self, inputs):
            return inputs

    probe = _Probe()
    hooks = get_function_hooks()
    hooks[probe.name] = probe
    try:
        Identity().apply((numpy.zeros(1),))
    finally:
        del hooks[probe.name]
    return probe.seen
