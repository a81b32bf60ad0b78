"""Trainer extensions: callables run by the Trainer at trigger times.

>>> from chainlite import training
>>> @training.make_extension(trigger=(1, 'epoch'))
... def hello(trainer):
...     pass
>>> hello.trigger, hello.default_name
((1, 'epoch'), 'hello')
"""
PRIORITY_WRITER = 300
PRIORITY_EDITOR = 200
PRIORITY_READER = 100


class Extension:
    """Base class of trainer extensions; subclasses override ``__call__``."""

    trigger = 1, 'iteration'
    priority = PRIORITY_READER
    name = None

    @property
    def default_name(self):
        return type(self).__name__

    def __call__(self, trainer):
        raise NotImplementedError('%s does not define __call__' % type(self).__name__)

    def initialize(self, trainer):
        """Runs once before training starts (also on resume)."""

    def finalize(self):
        """Runs once when training ends."""

    def on_error(self, trainer, exc, tb):
        """Runs when training stops with an exception."""

    def serialize(self, serializer):
        """Saves or loads the extension's state."""


def make_extension(trigger=None, default_name=None, priority=None, finalizer=None,
                   initializer=None, on_error=None, **kwargs):
    """Decorates a function ``f(trainer)`` so it carries extension attributes."""
    if kwargs:
        raise TypeError('make_extension: unexpected keyword arguments %s' % sorted(kwargs))
    trigger = (1, 'iteration') if trigger is None else trigger
    priority = PRIORITY_READER if priority is None else priority

    def decorator(ext):
        ext.trigger = trigger
        ext.default_name = default_name or ext.__name__
        ext.priority = priority
        ext.finalize = finalizer
        ext.on_error = on_error
        ext.initialize = initializer
        return ext
    return decorator


def _filename(filename, kwargs, old_keyword, default):
    """Resolves an output file name as Chainer does for its older keyword (``log_name``...).

    ``filename`` wins when given; otherwise the old keyword is used, where None means
    "write no file"; otherwise ``default``. The old keyword is removed from ``kwargs``.
    """
    old = kwargs.pop(old_keyword, default)
    return old if filename is None else filename
