"""Links own Parameters; Chains and ChainLists nest them and give every parameter a path.

>>> import numpy, chainlite
>>> class Affine(chainlite.Link):
...     def __init__(self):
...         super().__init__()
...         with self.init_scope():
...             self.W = chainlite.Parameter(numpy.ones((2, 2), 'f'))
...     def forward(self, x):
...         return x @ self.W
>>> net = chainlite.Chain()
>>> with net.init_scope():
...     net.enc = Affine()
>>> [path for path, _ in net.namedparams()]
['/enc/W']
"""
import bisect
import collections
import collections.abc
import contextlib
import copy as copy_module
import warnings
import weakref

import numpy

from chainlite import backend, function_hook, link_hook
from chainlite.variable import Parameter


class Link:
    """A differentiable component with parameters and persistent values.

    Assign Parameters inside ``with self.init_scope():`` to register them;
    ``add_persistent`` registers values that are saved but not trained
    (e.g. running averages).
    """

    def __init__(self, **params):
        self._params = []
        self._persistent = []
        self._within_init_scope = False
        self._device = backend.CPU
        self._parent = None
        self.name = None
        for name, value in params.items():
            shape, dtype = (value, numpy.float32) if not isinstance(value, tuple) or \
                not (len(value) == 2 and isinstance(value[1], (type, numpy.dtype))) else value
            self.add_param(name, shape, dtype=dtype)

    # -- registration ----------------------------------------------------------
    @property
    def within_init_scope(self):
        return getattr(self, '_within_init_scope', False)

    @contextlib.contextmanager
    def init_scope(self):
        """Inside this block, assigned Parameters (and, in a Chain, Links) are registered."""
        old = self._within_init_scope
        self._within_init_scope = True
        try:
            yield
        finally:
            self._within_init_scope = old

    def __setattr__(self, name, value):
        if self.within_init_scope and isinstance(value, Parameter):
            value.name = name
            if value._device is None or value._device != self._device:
                if value.is_initialized and self._device != backend.CPU:
                    value.to_device(self._device)
                else:
                    value._device = self._device
            self._forget(name)
            bisect.insort(self._params, name)  # Chainer walks names in sorted order
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self._forget(name)
        super().__delattr__(name)

    def _forget(self, name):
        if name in self.__dict__.get('_params', ()):
            self._params.remove(name)
        elif name in self.__dict__.get('_persistent', ()):
            self._persistent.remove(name)

    def add_param(self, name, shape=None, dtype=numpy.float32, initializer=None):
        """Registers a new Parameter (uninitialized when ``shape`` is None)."""
        if name in self.__dict__:
            raise AttributeError('cannot register a new parameter %s: attribute exists' % name)
        if initializer is None:
            from chainlite.initializers import NaN
            initializer = NaN(dtype)
        param = Parameter(initializer, shape)
        with self.init_scope():
            setattr(self, name, param)

    def add_persistent(self, name, value):
        """Registers a value that is serialized and moved to devices but not trained."""
        if name in self.__dict__:
            raise AttributeError('cannot register a new persistent value %s: attribute exists'
                                 % name)
        self._persistent.append(name)
        super().__setattr__(name, value)

    def register_persistent(self, name):
        """Registers an existing attribute as persistent (a parameter stops being one, as in
        Chainer)."""
        if not hasattr(self, name):
            raise AttributeError('cannot register non-existent attribute %s as a persistent '
                                 'value' % name)
        if name in self._params:
            self._params.remove(name)
        if name not in self._persistent:
            self._persistent.append(name)

    # -- traversal ---------------------------------------------------------------
    def params(self, include_uninit=True):
        """Yields the parameters of this link and every link below it (in the order
        of :meth:`namedparams`, without building the paths)."""
        d = self.__dict__
        for name in self._params:
            if include_uninit or d[name].is_initialized:
                yield d[name]

    def namedparams(self, include_uninit=True):
        """Yields ``(path, parameter)`` pairs, e.g. ``('/l1/W', W)``."""
        d = self.__dict__
        for name in self._params:
            if include_uninit or d[name].is_initialized:
                yield '/' + name, d[name]

    def links(self, skipself=False):
        for _, link in self.namedlinks(skipself):
            yield link

    def namedlinks(self, skipself=False):
        if not skipself:
            yield '/', self

    def children(self):
        return iter(())

    @property
    def path(self):
        """This link's path from the root of its model, e.g. ``'/encoder/l1'`` (chainlite)."""
        names = []
        link = self
        while link is not None and link._parent is not None:
            names.append(str(link.name))
            link = link._parent()
        return '/' + '/'.join(reversed(names))

    def count_params(self):
        """Total number of parameter elements (uninitialized ones count 0, with a warning)."""
        total = 0
        for path, param in self.namedparams():
            if param.is_initialized:
                total += param.size
            else:
                warnings.warn('Parameter %r has not been initialized, so the resulting count '
                              'will not include the number of parameters in it.' % path)
        return total

    # -- gradients ------------------------------------------------------------------
    def cleargrads(self):
        """Sets every parameter's gradient to None (do this before each backward)."""
        for param in self.params():
            param.cleargrad()

    def zerograds(self):
        """Fills every parameter's gradient with zeros (deprecated in Chainer: cleargrads)."""
        warnings.warn('Link.zerograds is deprecated. Use Link.cleargrads instead.',
                      DeprecationWarning, stacklevel=2)
        for param in self.params():
            param.zerograd()

    def addgrads(self, link):
        """Adds the gradients of a link of the same structure into this one's."""
        src = dict(link.namedparams())
        for name, param in self.namedparams():
            param.addgrad(src[name])

    def copyparams(self, link, copy_persistent=True):
        """Copies parameter (and persistent) values from a link of the same structure."""
        src = dict(link.namedparams())
        for name, param in self.namedparams():
            param.copydata(src[name])
        if copy_persistent:
            src_links = dict(link.namedlinks())
            for name, dst in self.namedlinks():
                other = src_links[name]
                for pname in dst._persistent:
                    value = getattr(other, pname)
                    current = getattr(dst, pname)
                    if isinstance(current, (numpy.ndarray,)) or backend.is_gpu_array(current):
                        backend.copyto(current, value)
                    else:
                        object.__setattr__(dst, pname, copy_module.copy(value))

    # -- update switches -----------------------------------------------------------------
    def enable_update(self):
        """Enables the update rules of every parameter below this link."""
        for param in self.params():
            if param.update_rule is not None:
                param.update_rule.enabled = True

    def disable_update(self):
        """Disables the update rules of every parameter below this link."""
        for param in self.params():
            if param.update_rule is not None:
                param.update_rule.enabled = False

    @property
    def update_enabled(self):
        """True if at least one parameter below this link has an enabled update rule."""
        for param in self.params():
            rule = param.update_rule
            if rule is not None and rule.enabled:
                return True
        return False

    # -- devices -----------------------------------------------------------------------
    @property
    def device(self):
        return self._device

    @property
    def xp(self):
        return self._device.xp

    def to_device(self, device):
        """Moves every parameter and persistent array to ``device``; returns self."""
        device = backend.get_device(device)
        for link in self.links():
            link._to_device_own(device)
        return self

    def _to_device_own(self, device):
        """Moves this link's own parameters and persistents (not its children's).

        Links holding other arrays (e.g. a recurrent state) extend it.
        """
        self._device = device
        d = self.__dict__
        for name in self._params:
            d[name].to_device(device)
        for name in self._persistent:
            value = d[name]
            if isinstance(value, numpy.ndarray) or backend.is_gpu_array(value):
                d[name] = device.send(value)

    def to_cpu(self):
        """Moves everything to the CPU (deprecated in Chainer: ``to_device('@numpy')``)."""
        warnings.warn("to_cpu is deprecated. Please use to_device('@numpy') instead.",
                      DeprecationWarning, stacklevel=2)
        return self.to_device(backend.CPU)

    def to_gpu(self, device=None):
        if isinstance(device, backend.Device):
            return self.to_device(device)
        # (get_device fails without CuPy before anything moves)
        return self.to_device(backend.get_device(0 if device is None else
                                                 getattr(device, 'id', device)))

    def to_intel64(self):
        """iDeep is not used by chainlite: the link stays on (or moves to) the CPU."""
        return self.to_device(backend.CPU)

    # -- copies ------------------------------------------------------------------------
    def copy(self, mode='share'):
        """Returns a copy: 'share' shares arrays, 'copy' deep-copies, 'init' reinitializes."""
        if mode == 'share':
            ret = copy_module.copy(self)
            ret._share_copy()
        elif mode == 'copy':
            ret = copy_module.deepcopy(self)
        elif mode == 'init':
            ret = copy_module.deepcopy(self)
            for param in ret.params(include_uninit=False):
                shape = param.shape
                param.array = None
                param.initialize(shape)
        else:
            raise ValueError("Link.copy: mode must be 'share', 'copy' or 'init', got %r" % mode)
        if mode == 'share':
            ret.name = None  # 'copy' and 'init' keep the name, as in Chainer
        ret._parent = None
        return ret

    def _share_copy(self):
        d = self.__dict__
        d['_params'] = list(self._params)
        d['_persistent'] = list(self._persistent)
        for name in self._params:
            src = d[name]
            param = Parameter(src.array, name=name) if src.is_initialized else \
                Parameter(src.initializer, name=name)
            param.initializer = src.initializer
            param.update_rule = src.update_rule
            param._lr_factor = src._lr_factor
            param._device = src._device
            param.__dict__.update(src.__dict__)  # flags set by others, e.g. freeze() before setup
            param._share_array_slot(src)  # lazy initialization and rebinding show in both
            d[name] = param

    def repeat(self, n_repeat, mode='init'):
        """Returns a Sequential of ``n_repeat`` copies of this link."""
        from chainlite.sequential import Sequential
        if n_repeat <= 0:
            return Sequential()
        links = [self.copy(mode) for _ in range(n_repeat)]
        return Sequential(*links)

    # -- serialization ---------------------------------------------------------------
    def serialize(self, serializer):
        """Saves or loads parameters and persistents through ``serializer``."""
        d = self.__dict__
        for name in self._params:
            param = d[name]
            data = serializer(name, param.array)
            if param.array is None and data is not None:
                param.initialize(data.shape)
                backend.copyto(param.array, data)
        for name in self._persistent:
            d[name] = serializer(name, d[name])

    # -- pickling ------------------------------------------------------------------
    def __getstate__(self):
        state = self.__dict__.copy()
        state['_parent'] = None  # a weak reference; the parent restores it
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        for child in self.children():
            child._parent = weakref.ref(self)

    # -- calling -------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        # As in Chainer, Link itself has no ``forward``: a subclass defines it
        # (or overrides ``__call__``); calling one without it is an AttributeError.
        local = self.__dict__.get('_local_link_hooks')
        global_hooks = link_hook._state.__dict__.get('hooks')
        if not local and not global_hooks:
            return self.forward(*args, **kwargs)
        hooks = function_hook.active_hooks(global_hooks, local)
        return link_hook.call_with_hooks(self, hooks, self.forward, args, kwargs)

    @classmethod
    def from_params(cls, *args, **kwargs):
        """Builds the link from given parameter arrays (Linear, Convolution2D, ...)."""
        raise NotImplementedError('This link does not implement `from_params`.')

    # -- hooks -----------------------------------------------------------------------
    @property
    def local_link_hooks(self):
        """The hooks attached to this link, an OrderedDict ``{name: hook}``."""
        hooks = self.__dict__.get('_local_link_hooks')
        if hooks is None:
            hooks = self.__dict__['_local_link_hooks'] = collections.OrderedDict()
        return hooks

    def add_hook(self, hook, name=None):
        """Attaches a :class:`chainlite.LinkHook` (under ``name``, default ``hook.name``);
        returns the link."""
        function_hook.add_local_hook(self.local_link_hooks, hook, name, self, link_hook.LinkHook)
        return self

    def delete_hook(self, name):
        """Detaches the hook named ``name``."""
        function_hook.delete_local_hook(self.local_link_hooks, name, self)

    # -- printing ---------------------------------------------------------------------
    @property
    def printable_specs(self):
        """``(name, value)`` pairs shown by ``str(link)``; links with settings override it."""
        return iter(())

    def __str__(self):
        specs = ', '.join('%s=%s' % spec for spec in self.printable_specs)
        return '%s(%s)' % (type(self).__name__, specs)

    def _str_children(self, named_children):
        """Chainer's nested layout: one ``(name): child`` line per child."""
        lines = ['%s(' % type(self).__name__]
        for name, child in named_children:
            text = str(child).replace('\n', '\n  ')
            lines.append('  (%s): %s,' % (name, text))
        lines.append(')')
        return '\n'.join(lines) if len(lines) > 2 else '%s()' % type(self).__name__


class Chain(Link):
    """A link whose child links are attributes (registered inside ``init_scope``)."""

    def __init__(self, **links):
        super().__init__()
        self._children = []
        for name, link in links.items():
            self.add_link(name, link)

    def __getitem__(self, name):
        return getattr(self, name)

    def __setattr__(self, name, value):
        if self.within_init_scope and isinstance(value, Link):
            if name in self.__dict__:
                raise AttributeError('cannot register a new link %s: attribute exists' % name)
            value.name = name
            value._parent = weakref.ref(self)
            bisect.insort(self._children, name)  # Chainer walks names in sorted order
        super().__setattr__(name, value)

    def _forget(self, name):
        if name in self.__dict__.get('_children', ()):
            self._children.remove(name)
        super()._forget(name)

    def add_link(self, name, link):
        """Registers a child link (as if assigned inside ``init_scope``)."""
        if name in self.__dict__:
            raise AttributeError('cannot register a new link %s: attribute exists' % name)
        if not isinstance(link, Link):
            raise TypeError('Chain.add_link: %s is not a Link' % type(link).__name__)
        with self.init_scope():
            setattr(self, name, link)

    def children(self):
        d = self.__dict__
        for name in self._children:
            yield d[name]

    def __str__(self):
        d = self.__dict__
        return self._str_children((name, d[name]) for name in self._children)

    def params(self, include_uninit=True):
        yield from super().params(include_uninit)
        d = self.__dict__
        for name in self._children:
            yield from d[name].params(include_uninit)

    def namedparams(self, include_uninit=True):
        yield from super().namedparams(include_uninit)
        d = self.__dict__
        for name in self._children:
            prefix = '/' + name
            for path, param in d[name].namedparams(include_uninit):
                yield prefix + path, param

    def namedlinks(self, skipself=False):
        if not skipself:
            yield '/', self
        d = self.__dict__
        for name in self._children:
            child = d[name]
            prefix = '/' + name
            yield prefix, child
            for path, link in child.namedlinks(skipself=True):
                yield prefix + path, link

    def copy(self, mode='share'):
        ret = super().copy(mode)
        if mode == 'share':
            d = ret.__dict__
            d['_children'] = list(self._children)
            for name in self._children:
                child = d[name].copy(mode)
                child.name = name
                child._parent = weakref.ref(ret)
                d[name] = child
        else:
            ret._reparent()
        return ret

    def _reparent(self):
        for child in self.children():
            child._parent = weakref.ref(self)
            if isinstance(child, (Chain, ChainList)):
                child._reparent()

    def serialize(self, serializer):
        super().serialize(serializer)
        d = self.__dict__
        for name in self._children:
            d[name].serialize(serializer[name])


class NotALinkError(TypeError, AttributeError):
    """A non-Link given to ChainList.add_link (Chainer raises AttributeError there)."""


class ChainList(Link, collections.abc.MutableSequence):
    """A link whose children are a list, named '0', '1', ... in paths.

    It is a mutable sequence of links (``append``, ``insert``, ``del cl[i]``, ``pop``,
    slicing gives a plain list), as in Chainer.
    """

    def __init__(self, *links):
        super().__init__()
        self._children = []
        for link in links:
            self.add_link(link)

    def __setattr__(self, name, value):
        if self.within_init_scope and isinstance(value, Link):
            raise TypeError('cannot register a new link within a "with chainlist.init_scope():" '
                            'block; use ChainList.append or add_link')
        super().__setattr__(name, value)

    @staticmethod
    def _check_link(link):
        if not isinstance(link, Link):
            raise NotALinkError('ChainList: %s is not a Link' % type(link).__name__)

    def _renumber(self):
        for i, child in enumerate(self._children):
            child.name = str(i)
            child._parent = weakref.ref(self)

    def __getitem__(self, index):
        return self._children[index]

    def __setitem__(self, index, link):
        self._check_link(link)
        self._children[index] = link
        self._renumber()

    def __delitem__(self, index):
        del self._children[index]
        self._renumber()

    def insert(self, index, link):
        self._check_link(link)
        self._children.insert(index, link)
        self._renumber()

    def __iter__(self):
        return iter(self._children)

    def __len__(self):
        return len(self._children)

    def add_link(self, link):
        """Appends a child link."""
        self.insert(len(self._children), link)

    def children(self):
        return iter(self._children)

    def __str__(self):
        return self._str_children(enumerate(self._children))

    def params(self, include_uninit=True):
        yield from super().params(include_uninit)
        for child in self._children:
            yield from child.params(include_uninit)

    def namedparams(self, include_uninit=True):
        yield from super().namedparams(include_uninit)
        for i, child in enumerate(self._children):
            prefix = '/%d' % i
            for path, param in child.namedparams(include_uninit):
                yield prefix + path, param

    def namedlinks(self, skipself=False):
        if not skipself:
            yield '/', self
        for i, child in enumerate(self._children):
            prefix = '/%d' % i
            yield prefix, child
            for path, link in child.namedlinks(skipself=True):
                yield prefix + path, link

    def copy(self, mode='share'):
        ret = super().copy(mode)
        if mode == 'share':
            ret._children = [child.copy(mode) for child in self._children]
            for i, child in enumerate(ret._children):
                child.name = str(i)
        ret._reparent()
        return ret

    _reparent = Chain._reparent

    def serialize(self, serializer):
        super().serialize(serializer)
        for i, child in enumerate(self._children):
            child.serialize(serializer[str(i)])
