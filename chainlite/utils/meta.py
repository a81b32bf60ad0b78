"""``final`` methods: a subclass that overrides one fails at class creation.

>>> class Base(enable_final()):
...     @final
...     def step(self):
...         return 1
>>> class Child(Base):
...     def step(self):
...         return 2
Traceback (most recent call last):
    ...
TypeError: method 'step' is final.
"""
import warnings


def final(*args, **kwargs):
    """Marks a method final; ``@final`` or ``@final(action=SomeExceptionOrWarning)``.

    The class must derive from a base made by :func:`enable_final`. Overriding
    raises ``action`` (TypeError by default) or, for a Warning class, warns it.
    """
    action = kwargs.pop('action', TypeError)
    if kwargs:
        raise TypeError('final got unexpected keyword argument(s) %s' % sorted(kwargs))

    def mark(method):
        method.__final_action__ = action
        return method

    if len(args) == 1 and callable(args[0]) and not isinstance(args[0], type):
        return mark(args[0])
    if args:
        raise TypeError('final takes a method, or only the keyword argument action')
    return mark


def _check_overrides(cls):
    for base in cls.__mro__[1:]:
        for name, member in vars(base).items():
            action = getattr(member, '__final_action__', None)
            if action is None or name not in vars(cls):
                continue
            if issubclass(action, Warning):
                warnings.warn("Overriding method '{}'.".format(name), action, stacklevel=3)
            else:
                raise action("method '{}' is final.".format(name))


def enable_final(base=(), meta_base=()):
    """Returns a base class whose subclasses may not override its ``final`` methods.

    ``base`` and ``meta_base`` (a type or a tuple of them) are the bases of the
    returned class and of its metaclass (give the latter to avoid a metaclass
    conflict).
    """
    base = base if isinstance(base, tuple) else (base,)
    meta_base = meta_base if isinstance(meta_base, tuple) else (meta_base,)

    def init(cls, name, bases, namespace, **kw):
        super(meta, cls).__init__(name, bases, namespace, **kw)
        _check_overrides(cls)

    meta = type('base_metaclass', meta_base or (type,), {'__init__': init})
    return meta('base_class', base or (object,), {})
