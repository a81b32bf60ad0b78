"""Link hooks: callbacks around a link's forward (Chainer's ``chainer.LinkHook``).

A hook is attached to one link with ``link.add_hook(hook)``, or to every link
called in this thread inside ``with hook:``. Around ``link(...)``, the global
hooks and then the link's own are called: each ``forward_preprocess(args)``
(``args.link``, ``args.forward_name``, ``args.args``, ``args.kwargs``), then
the forward, then each ``forward_postprocess(args)`` (the same and ``args.out``).
``chainlite.link_hooks`` has SpectralNormalization, WeightStandardization and
TimerHook.

>>> import numpy, chainlite
>>> class Shapes(LinkHook):
...     name = 'Shapes'
...     def __init__(self):
...         self.seen = []
...     def forward_postprocess(self, args):
...         self.seen.append(args.out.shape)
>>> layer = chainlite.links.Linear(3, 2).add_hook(Shapes())
>>> _ = layer(numpy.ones((4, 3), numpy.float32))
>>> layer.local_link_hooks['Shapes'].seen
[(4, 2)]
"""
import threading

from chainlite.function_hook import ThreadHook, thread_registry

_state = threading.local()


def get_link_hooks():
    """The hooks active for every link in this thread, an OrderedDict ``{name: hook}``."""
    return thread_registry(_state)


class _ForwardPreprocessCallbackArgs:
    """What ``forward_preprocess`` gets: the link, the method's name and its arguments."""

    def __init__(self, link, forward_name, args, kwargs):
        self.link = link
        self.forward_name = forward_name
        self.args = args
        self.kwargs = kwargs


class _ForwardPostprocessCallbackArgs(_ForwardPreprocessCallbackArgs):
    """What ``forward_postprocess`` gets: the same and ``out``, the forward's result."""

    def __init__(self, link, forward_name, args, kwargs, out):
        super().__init__(link, forward_name, args, kwargs)
        self.out = out


class LinkHook(ThreadHook):
    """Base class of link hooks; override the methods you need."""

    name = 'LinkHook'
    _registry = staticmethod(get_link_hooks)

    def added(self, link):
        """Called when the hook is attached to ``link`` (None: activated for all links)."""

    def deleted(self, link):
        """Called when the hook is removed from ``link`` (None: deactivated for all)."""

    def forward_preprocess(self, args):
        """Called before ``args.link``'s forward runs on ``args.args``/``args.kwargs``."""

    def forward_postprocess(self, args):
        """Called after the forward; ``args.out`` is its result."""


def call_with_hooks(link, hooks, forward, args, kwargs):
    """Runs ``forward(*args, **kwargs)`` of ``link`` between the callbacks of ``hooks``
    (a list, see ``function_hook.active_hooks``)."""
    pre = _ForwardPreprocessCallbackArgs(link, 'forward', args, kwargs)
    for hook in hooks:
        hook.forward_preprocess(pre)
    out = forward(*args, **kwargs)
    post = _ForwardPostprocessCallbackArgs(link, 'forward', args, kwargs, out)
    for hook in hooks:
        hook.forward_postprocess(post)
    return out
