"""Function hooks: callbacks around every function's forward and backward in a thread
(Chainer's ``chainer.FunctionHook`` / ``chainer.get_function_hooks``).

``FunctionNode.apply`` calls ``forward_preprocess``/``forward_postprocess`` of the active
hooks around ``forward`` (with the input arrays), and backprop calls
``backward_preprocess``/``backward_postprocess`` around ``backward`` (with the inputs and
the output gradients as arrays). ``chainlite.function_hooks`` has TimerHook and PrintHook.

>>> import numpy, chainlite
>>> class Count(FunctionHook):
...     name = 'Count'
...     n = 0
...     def forward_preprocess(self, function, in_data):
...         self.n += 1
>>> with Count() as hook:
...     _ = chainlite.functions.sum(chainlite.Variable(numpy.ones(2)) * 2)
>>> hook.n
2
"""
import collections
import threading

_state = threading.local()


def thread_registry(state):
    """The OrderedDict ``{name: hook}`` kept in the thread-local ``state`` (made on first use)."""
    hooks = getattr(state, 'hooks', None)
    if hooks is None:
        hooks = state.hooks = collections.OrderedDict()
    return hooks


def get_function_hooks():
    """The hooks active in this thread, an OrderedDict ``{name: hook}``."""
    return thread_registry(_state)


def active_hooks(global_hooks, local_hooks):
    """The hooks to call, in order: the thread's, then the target's own (a local hook
    replaces a global one of the same name, as in Chainer). Either may be None."""
    hooks = collections.OrderedDict(global_hooks or ())
    hooks.update(local_hooks or ())
    return list(hooks.values())


def add_local_hook(hooks, hook, name, target, hook_class):
    """Adds ``hook`` to ``hooks``, the OrderedDict of ``target``'s own hooks, under ``name``
    (default ``hook.name``) and calls ``hook.added(target)``."""
    if not isinstance(hook, hook_class):
        raise TypeError('Hook must be of type %s' % hook_class.__name__)
    name = hook.name if name is None else name
    if name in hooks:
        raise KeyError('Hook %s already exists' % name)
    hooks[name] = hook
    hook.added(target)


def delete_local_hook(hooks, name, target):
    """Removes the hook ``name`` from ``hooks`` (``target``'s own) after ``deleted(target)``."""
    if name not in hooks:
        raise KeyError('Hook %s does not exist' % name)
    hooks[name].deleted(target)
    del hooks[name]


class ThreadHook:
    """``with hook:`` activates the hook in this thread's registry (``_registry()``, an
    OrderedDict ``{name: hook}``) and calls ``added(None)``; leaving calls ``deleted(None)``.
    The base of FunctionHook and ``chainlite.LinkHook``."""

    name = None

    def __enter__(self):
        hooks = self._registry()
        if self.name in hooks:
            raise KeyError('hook %s already exists' % self.name)
        hooks[self.name] = self
        self.added(None)
        return self

    def __exit__(self, *_):
        self.deleted(None)
        del self._registry()[self.name]


class FunctionHook(ThreadHook):
    """Base class of function hooks: ``with hook:`` activates it in this thread for every
    function application and backward step. Override the ``*process`` methods."""

    name = 'FunctionHook'
    _registry = staticmethod(get_function_hooks)

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
