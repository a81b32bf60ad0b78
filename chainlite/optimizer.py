"""Optimizers: one update rule per parameter, hyperparameters with a parent chain.

An :class:`Optimizer` set up on a link gives each Parameter its own
:class:`UpdateRule`. A rule's :class:`Hyperparameter` reads the optimizer's
value until a value is set on the rule, so schedules on the optimizer keep
reaching every rule that did not override them. On top of Chainer's model,
``param.lr_factor`` multiplies the live learning rate (0 freezes the parameter).

>>> import numpy, chainlite, chainlite.optimizers
>>> net = chainlite.Chain()
>>> with net.init_scope():
...     net.w = chainlite.Parameter(numpy.ones(2, 'f'))
>>> opt = chainlite.optimizers.SGD(lr=0.5).setup(net)
>>> net.w.grad = numpy.ones(2, 'f')
>>> opt.update()
>>> net.w.array.tolist()
[0.5, 0.5]
"""
import collections
import json
import math
import operator
import warnings

import numpy

from chainlite import backend, optimizer_hooks
from chainlite import serializer as serializer_module
from chainlite.link import Link
# Old Chainer code names the hooks through this module (chainer.optimizer.WeightDecay).
from chainlite.optimizer_hooks import (GradientClipping, GradientHardClipping,  # NOQA
                                       GradientNoise, Lasso, WeightDecay)
from chainlite.variable import Parameter, check_lr_factor

_TIMINGS = ('pre', 'post', 'auto')
# Bumped by every change of a hyperparameter, hook (or a built-in hook's
# attribute) or ``enabled`` flag, so the fused update can tell in O(1) that its
# grouping still holds.
from chainlite.optimizer_hooks._base import settings_version as _settings_version  # NOQA: E402


class Hyperparameter:
    """A set of hyperparameters that falls back to a parent set.

    >>> parent = Hyperparameter()
    >>> parent.lr = 0.1
    >>> child = Hyperparameter(parent)
    >>> child.lr
    0.1
    >>> child.lr = 0.5
    >>> child.get_dict(), parent.lr
    ({'lr': 0.5}, 0.1)
    """

    def __init__(self, parent=None):
        object.__setattr__(self, '_parent', parent)
        object.__setattr__(self, '_rate_check', None)  # (rate name, owner) of a rule's set

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        parent = self.__dict__.get('_parent')
        while parent is not None:
            d = parent.__dict__
            if name in d:
                return d[name]
            parent = d['_parent']
        raise AttributeError('hyperparameter %r is not defined; defined are: %s'
                             % (name, ', '.join(sorted(self.get_dict())) or '(none)'))

    def __setattr__(self, name, value):
        parent = self._parent
        if parent is not None and name not in self.get_dict():
            raise AttributeError('cannot set hyperparameter %r: this optimizer has only %s'
                                 % (name, ', '.join(sorted(self.get_dict()))))
        rate_check = self._rate_check
        if rate_check is not None and name == rate_check[0]:
            rule = rate_check[1]
            check_rate(value, name, rule._path or 'an update rule of %s' % type(rule).__name__)
        object.__setattr__(self, name, value)
        _settings_version[0] += 1

    def __delattr__(self, name):
        object.__delattr__(self, name)
        _settings_version[0] += 1

    def __repr__(self):
        return 'Hyperparameter(%s)' % ', '.join(
            '%s=%r' % item for item in sorted(self.get_dict().items()))

    @property
    def parent(self):
        return self._parent

    def get_dict(self):
        """Returns every hyperparameter, the parent's values overridden by this set's."""
        d = {} if self._parent is None else self._parent.get_dict()
        d.update(self.overrides())
        return d

    def overrides(self):
        """Returns the values set on this set itself (not inherited) (chainlite)."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith('_')}


class HyperparameterProxy:
    """Class attribute of an optimizer forwarding ``opt.<name>`` to ``opt.hyperparam.<name>``."""

    def __init__(self, name):
        self.name = name
        self.__doc__ = 'Alias to ``self.hyperparam.%s``' % name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return getattr(obj.hyperparam, self.name)

    def __set__(self, obj, value):
        if self.name == getattr(obj, '_lr_name', None):
            check_rate(value, self.name, type(obj).__name__)
        setattr(obj.hyperparam, self.name, value)


def check_rate(value, name, where):
    """Returns ``value`` after checking a learning rate is a finite number >= 0."""
    if type(value) is float and 0 <= value < math.inf:  # the common case, checked at once
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, numpy.number)) \
            or not 0 <= value < math.inf:
        raise ValueError('learning rate %s of %s must be a finite number >= 0, got %r'
                         % (name, where, value))
    return value


class _Hooks:
    """Named pre- and post-update hooks, shared by optimizers and update rules."""

    def _init_hooks(self):
        self._pre_update_hooks = collections.OrderedDict()
        self._post_update_hooks = collections.OrderedDict()
        _settings_version[0] += 1

    def add_hook(self, hook, name=None, timing='auto'):
        """Adds a hook called before (``'pre'``) or after (``'post'``) each update.

        ``'auto'`` uses the hook's ``timing`` attribute ('pre' when absent). The
        name defaults to the hook's ``name`` attribute or function name.
        """
        if not callable(hook):
            raise TypeError('hook function must be callable')
        if timing not in _TIMINGS:
            raise ValueError("timing must be one of ('pre', 'post', 'auto')")
        if timing == 'auto':
            timing = getattr(hook, 'timing', 'pre')
            if timing not in ('pre', 'post'):
                warnings.warn("Hook timing attribute not in ('pre', 'post'), "
                              "defaulting timing to 'pre'.")
                timing = 'pre'
        if name is None:
            name = getattr(hook, 'name', getattr(hook, '__name__', None))
            if name is None:
                raise ValueError('the name of the hook function is not specified')
        if name in self._pre_update_hooks or name in self._post_update_hooks:
            raise KeyError('hook "%s" already exists' % name)
        hooks = self._pre_update_hooks if timing == 'pre' else self._post_update_hooks
        hooks[name] = hook
        _settings_version[0] += 1

    def remove_hook(self, name):
        """Removes the hook registered under ``name``."""
        try:
            del self._pre_update_hooks[name]
        except KeyError:
            del self._post_update_hooks[name]
        _settings_version[0] += 1

    def _hook_items(self):
        return [(name, hook, 'pre') for name, hook in self._pre_update_hooks.items()] + \
            [(name, hook, 'post') for name, hook in self._post_update_hooks.items()]


class UpdateRule(_Hooks):
    """Updates one parameter; owns its state, hyperparameters and hooks.

    Subclasses implement ``update_core_cpu``/``update_core_gpu`` (or
    ``update_core``) and, when they keep state, ``init_state``.

    Attributes:
        enabled (bool): a disabled rule returns at once and its ``t`` stays.
        hyperparam (Hyperparameter): falls back to the optimizer's.
        t (int): number of updates made by this rule.
    """

    is_elementwise = False
    # chainlite: the hyperparameter multiplied by Parameter.lr_factor
    # (None: the factor scales the whole step, as for AdaDelta).
    _lr_name = 'lr'
    # chainlite: attributes besides the state that checkpoints keep
    _saved_attributes = ()

    def __init__(self, parent_hyperparam=None):
        self._init_hooks()
        self.enabled = True
        self.hyperparam = Hyperparameter(parent_hyperparam)
        if self._lr_name is not None:  # a learning rate set on the rule is checked at once
            object.__setattr__(self.hyperparam, '_rate_check', (self._lr_name, self))
        self.t = 0
        self._state = None
        self._path = None
        self._use_fp32_update = False
        self._fp32_param = None

    @property
    def t(self):
        """Number of updates made by this rule."""
        return self._t

    @t.setter
    def t(self, value):
        self._t = value
        _settings_version[0] += 1

    @property
    def enabled(self):
        """Whether :meth:`update` updates the parameter (a disabled rule keeps its state)."""
        return self._enabled

    @enabled.setter
    def enabled(self, value):
        self._enabled = value
        _settings_version[0] += 1

    def add_hook(self, hook, name=None, timing='auto'):
        if getattr(hook, 'call_for_each_param', True) is False:
            raise TypeError('%s works on the whole optimizer: add it with optimizer.add_hook, '
                            'not to the update rule of %s' % (type(hook).__name__, self._path))
        super().add_hook(hook, name, timing)

    @property
    def state(self):
        """The dict of state arrays, None until the first update."""
        return self._state

    def use_fp32_update(self, flag=True):
        """Updates a float16 parameter through a float32 master copy (as Chainer 7).

        The copy is made from the parameter on its first such update and kept
        (later changes of the float16 array do not reach it); the state, the
        hooks and the step work on it, and each update writes it back rounded.
        """
        self._use_fp32_update = flag
        _settings_version[0] += 1

    def update(self, param):
        """Updates ``param`` with its grad, running this rule's hooks around the core.

        A grad from ``backward(loss_scale=s)`` is divided by ``s`` first (in place).
        """
        if not self._enabled or param.array is None or param.lr_factor == 0:
            return
        self._t += 1
        if self._use_fp32_update and param.array.dtype == numpy.float16:
            master = self._master_copy(param)
            self._update(master)
            master.grad = None
            backend.copyto(param.array, master.array)
        else:
            self._update(param)

    def _master_copy(self, param):
        master = self._fp32_param
        if master is None:
            master = self._fp32_param = Parameter(param.array.astype(numpy.float32),
                                                  name=param.name)
        master.grad = None if param.grad is None else param.grad.astype(numpy.float32)
        # the copy's grad is divided here; hooks see no loss scale on it (as Chainer)
        master._loss_scale = param._loss_scale
        _unscale_grad(master)
        master._loss_scale = None
        master.lr_factor = param.lr_factor
        return master

    def _update(self, param):
        if self._state is None:
            self._state = _StateDict()
            with backend.get_device_from_array(param.array):
                self.init_state(param)
        _unscale_grad(param)
        for hook in self._pre_update_hooks.values():
            hook(self, param)
        if param.grad is not None:
            self.update_core(param)
        for hook in self._post_update_hooks.values():
            hook(self, param)

    def update_core(self, param):
        """Dispatches to ``update_core_cpu`` or ``update_core_gpu``."""
        if backend.get_array_module(param.array) is numpy:
            self.update_core_cpu(param)
        else:
            self.update_core_gpu(param)

    def update_core_cpu(self, param):
        raise NotImplementedError('%s does not implement update_core_cpu' % type(self).__name__)

    def update_core_gpu(self, param):
        raise NotImplementedError('%s does not implement update_core_gpu' % type(self).__name__)

    def init_state(self, param):
        """Creates the state arrays in ``self.state`` (nothing by default)."""

    def _override(self, **values):
        for name, value in values.items():
            if value is not None:
                setattr(self.hyperparam, name, value)

    def scaled_lr(self, param):
        """The rule's learning rate times the parameter's ``lr_factor`` (chainlite)."""
        where = self._path or param.name
        factor = check_lr_factor(param.lr_factor, where)
        if self._lr_name is None:
            return factor
        lr = check_rate(getattr(self.hyperparam, self._lr_name), self._lr_name, where)
        return lr * factor

    def serialize(self, serializer):
        """Saves or loads ``t`` and the state arrays.

        Loading into a rule that has no state yet creates it from the file; a
        file without state for this rule (e.g. it was disabled) leaves it as is.
        """
        self._serialize(serializer, None)

    def _serialize(self, serializer, param):
        self.t = int(serializer('t', self.t))
        loading = _is_deserializer(serializer)
        self._serialize_master(serializer, loading, param)
        if self._state is not None:
            for key, value in self._state.items():
                try:
                    self._state[key] = serializer(key, value)
                except KeyError:
                    if not loading:
                        raise
            return
        if not loading:
            return
        # A stored array comes back only from a real load; a checking pass (or a
        # non-strict load of a missing key) returns the given value, so asking
        # again with a template lets the loader check its shape, changing nothing.
        state = {}
        for key, template in self._fresh_state(param).items():
            try:
                stored = serializer(key, None)
                if stored is None:
                    serializer(key, template)
                    return
            except KeyError:
                return
            if template is None:
                state[key] = stored
            else:
                if template.dtype != stored.dtype:  # e.g. float32 state of a float16 param
                    template = template.astype(stored.dtype)
                backend.copyto(template, stored)
                state[key] = template
        if state:
            self._state = _StateDict(state)

    def _serialize_master(self, serializer, loading, param):
        # chainlite: the float32 master copy of a float16 parameter, so that a
        # resumed run continues exactly (Chainer keeps it out of checkpoints)
        if not loading:
            if self._fp32_param is not None:
                serializer('chainlite_fp32_param', self._fp32_param.array)
            return
        try:
            stored = serializer('chainlite_fp32_param', None)
        except KeyError:
            return
        if stored is not None:
            if param is not None and param.array is not None:
                stored = backend.get_device_from_array(param.array).send(stored)
            self._fp32_param = Parameter(stored.astype(numpy.float32),
                                         name=None if param is None else param.name)

    def _fresh_state(self, param):
        saved = self._state, [getattr(self, a) for a in self._saved_attributes]
        self._state = {}
        try:
            self.init_state(param if param is not None else _Probe())
            fresh = self._state
        finally:
            self._state = saved[0]
            for a, value in zip(self._saved_attributes, saved[1]):
                setattr(self, a, value)
        return fresh if param is not None else dict.fromkeys(fresh)


class ElementwiseRule(UpdateRule):
    """A rule whose update is one elementwise :meth:`step` on arrays (chainlite).

    ``step(xp, param, grad, state, lr)`` updates ``param`` and ``state`` in place;
    ``lr`` is :meth:`scaled_lr`. The same step serves NumPy and CuPy, and the
    fused update runs it once over a whole group of alike parameters.
    """

    is_elementwise = True

    def update_core_cpu(self, param):
        self.step(numpy, param.array, param.grad, self._state, self.scaled_lr(param))

    def update_core_gpu(self, param):
        self.step(backend.cupy, param.array, param.grad, self._state, self.scaled_lr(param))

    def step(self, xp, param, grad, state, lr):
        raise NotImplementedError

    def single_pass_on_cpu(self):
        """Whether ``step`` on NumPy arrays makes one pass over memory (a compiled
        kernel), so the fused update need not slice large parameters for the cache."""
        return False


def _unscale_grad(param):
    scale = param._loss_scale
    if scale is not None and param.grad is not None:
        with backend.get_device_from_array(param.grad):
            param.grad /= scale


def zeros_like_param(param, fill=0):
    """A state array shaped like ``param``, on its device, filled with ``fill``."""
    xp = backend.get_array_module(param.array)
    return xp.full_like(param.array, fill) if fill else xp.zeros_like(param.array)


class _StateDict(dict):
    """A rule's state: replacing an entry is a change the fused update must notice."""

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        _settings_version[0] += 1

    def __delitem__(self, key):
        super().__delitem__(key)
        _settings_version[0] += 1


class _Probe:
    """A stand-in parameter used to learn which state keys a rule creates."""

    def __init__(self):
        array = numpy.zeros(1, numpy.float32)
        self.array = self.data = array
        self.grad = array
        self.name = None
        self.lr_factor = 1.0
        self.shape, self.dtype = array.shape, array.dtype


def _is_deserializer(serializer):
    return isinstance(serializer, serializer_module.Deserializer)


class Optimizer(_Hooks):
    """Base class of all optimizers.

    Attributes:
        target (Link): the link set up with :meth:`setup`.
        t (int): number of :meth:`update` calls.
        epoch (int): number of :meth:`new_epoch` calls.
    """

    target = None
    t = 0
    epoch = 0
    use_auto_new_epoch = False
    _loss_scale = None
    _loss_scaling_is_dynamic = False
    _loss_scaling_multiplier = None
    _loss_scaling_isnan = False
    _loss_scaling_isnan_ever = False
    _use_fp32_update = False

    def setup(self, link):
        """Sets the link to optimize and resets ``t``, ``epoch`` and hooks; returns self."""
        if not isinstance(link, Link):
            raise TypeError('optimization target must be a link')
        self.target = link
        self.t = 0
        self.epoch = 0
        self._init_hooks()
        return self

    def _check_set_up(self, method='update'):
        if self.target is None:
            raise RuntimeError('%s: call setup(link) before %s()' % (type(self).__name__, method))

    def update(self, lossfun=None, *args, **kwds):
        raise NotImplementedError

    def new_epoch(self, auto=False):
        """Counts an epoch (``auto`` is for updaters and needs ``use_auto_new_epoch``)."""
        if auto and not self.use_auto_new_epoch:
            raise RuntimeError('invalid new_epoch call with auto=True.\n'
                               'Fix the updater to set optimizer.use_auto_new_epoch = True.')
        if not auto and self.use_auto_new_epoch:
            raise RuntimeError('duplicated new_epoch with the updater.\n'
                               'Pass auto_new_epoch=False to the updater or stop calling '
                               'new_epoch outside the updater.')
        self.epoch += 1

    def add_hook(self, hook, name=None, timing='auto'):
        self._check_set_up('add_hook')
        super().add_hook(hook, name, timing)

    def call_hooks(self, timing='pre'):
        """Calls the hooks of ``timing`` ('pre' or 'post') in order of addition."""
        if timing not in ('pre', 'post'):
            raise ValueError("timing must be either 'pre' or 'post'")
        hooks = self._pre_update_hooks if timing == 'pre' else self._post_update_hooks
        for hook in list(hooks.values()):
            self.call_hook(hook)

    def call_hook(self, hook):
        hook(self)

    def set_loss_scale(self, loss_scale):
        """Sets the loss scale: ``update(lossfun)`` runs ``backward(loss_scale=...)`` with it
        and each rule divides its grad back. None keeps the current scale (as Chainer)."""
        if loss_scale is not None:
            self._loss_scale = _check_loss_scale(loss_scale)

    def loss_scaling(self, interval=1000, scale=None):
        """Turns on loss scaling: static with ``scale``, dynamic without (Chainer 7).

        Dynamic scaling starts at 1 and doubles after every update until a grad
        first holds a non-finite value; from then on it grows by
        ``2 ** (1 / interval)`` per update. An update whose grads hold a
        non-finite value is skipped (``t`` still counts it, the rules' ``t`` do
        not) and halves the scale, never below 1; it never exceeds 65504.
        (Unlike Chainer, giving ``scale`` after dynamic scaling makes it static.)

        >>> import chainlite.optimizers
        >>> opt = chainlite.optimizers.SGD()
        >>> opt.loss_scaling(interval=2)
        >>> opt._loss_scale
        1.0
        """
        if scale is not None:
            self._loss_scale = _check_loss_scale(scale)
            self._loss_scaling_is_dynamic = False
            return
        if not interval >= 1:
            raise ValueError('interval must be greater than or equal to 1. Actual: %s'
                             % (interval,))
        self._loss_scaling_is_dynamic = True
        self._loss_scale = 1.0
        self._loss_scaling_multiplier = math.pow(2.0, 1.0 / interval)
        self._loss_scaling_isnan_ever = False

    def check_nan_in_grads(self):
        """With dynamic loss scaling, records (and warns per parameter) whether a grad
        holds NaN or infinity; :meth:`is_safe_to_update` tells the result."""
        self._loss_scaling_isnan = False
        if not self._loss_scaling_is_dynamic:
            return
        grads = [p.grad for p in self.target.params(include_uninit=False)]
        by_device = {backend.CPU: [g for g in grads if type(g) is numpy.ndarray]}
        for g in grads:
            if g is not None and type(g) is not numpy.ndarray:
                by_device.setdefault(backend.get_device_from_array(g), []).append(g)
        # one check (one synchronization on a GPU) per device; names only on failure
        if all(_all_finite(device, gs) for device, gs in by_device.items() if gs):
            return
        self._loss_scaling_isnan = True
        for path, param in self.target.namedparams(include_uninit=False):
            g = param.grad
            if g is not None and not _all_finite(backend.get_device_from_array(g), [g]):
                warnings.warn('Non finite number found in param.grad of %s (iteration: %d, '
                              'loss_scale: %s)' % (path, self.t, self._loss_scale))

    def is_safe_to_update(self):
        """False when the last :meth:`check_nan_in_grads` found a non-finite grad."""
        return not self._loss_scaling_isnan

    def update_loss_scale(self):
        """Halves the dynamic loss scale after a non-finite grad, grows it otherwise."""
        if not self._loss_scaling_is_dynamic:
            return
        if self._loss_scaling_isnan:
            self._loss_scaling_isnan_ever = True
            self._loss_scale = max(1, self._loss_scale / 2)
        else:
            growth = self._loss_scaling_multiplier if self._loss_scaling_isnan_ever else 2.0
            self._loss_scale = min(self._loss_scale * growth, 65504)

    def use_fp32_update(self, flag=True):
        """Sets :meth:`UpdateRule.use_fp32_update` on every rule, now and at setup.

        (Chainer turns it on for the existing rules even with ``flag=False``.)

        >>> import numpy, chainlite, chainlite.optimizers
        >>> net = chainlite.Chain()
        >>> with net.init_scope():
        ...     net.w = chainlite.Parameter(numpy.ones(2, numpy.float16))
        >>> opt = chainlite.optimizers.SGD(lr=1e-4).setup(net)
        >>> opt.use_fp32_update()
        >>> net.w.grad = numpy.ones(2, numpy.float16)
        >>> opt.update()
        >>> str(net.w.array.dtype), net.w.update_rule._fp32_param.array.tolist()
        ('float16', [0.9998999834060669, 0.9998999834060669])
        """
        self._use_fp32_update = flag
        if self.target is not None:
            for param in self.target.params():
                if param.update_rule is not None:
                    param.update_rule.use_fp32_update(flag)

    def serialize(self, serializer):
        """Saves or loads ``t``, ``epoch``, every rule's state and (chainlite) the settings.

        The settings go under the key ``chainlite_settings``, which Chainer
        ignores: per parameter path the overridden hyperparameters, ``enabled``,
        ``lr_factor``, ``use_fp32_update`` and hooks, and for the optimizer its
        hooks and loss scaling. Built-in hooks are saved with their arguments;
        of other hooks only the name is kept, so loading keeps a hook of that
        name already added (and warns when there is none). Loading checks the
        whole settings first: on a mismatch nothing changes.
        """
        params = list(self.target.namedparams())
        if not _is_deserializer(serializer):
            self.t = int(serializer('t', self.t))
            self.epoch = int(serializer('epoch', self.epoch))
            for path, param in params:
                if param.update_rule is not None:
                    param.update_rule._serialize(serializer[path[1:]], param)
            blob = json.dumps(_settings(self, params), default=_plain_number)
            serializer('chainlite_settings', numpy.frombuffer(blob.encode(), numpy.uint8).copy())
            return
        apply = _prepare_settings(self, serializer, dict(params))
        self.t = int(serializer('t', self.t))
        self.epoch = int(serializer('epoch', self.epoch))
        for path, param in params:
            rule = param.update_rule
            if rule is not None:
                rule._serialize(serializer[path[1:]], param if param.is_initialized else None)
        apply()


def _all_finite(device, arrays):
    xp = backend.get_array_module(arrays[0])
    with device:
        return bool(xp.isfinite(xp.concatenate(arrays, axis=None)).all())


def _check_loss_scale(scale):
    if isinstance(scale, bool) or not isinstance(scale, (int, float, numpy.number)):
        raise TypeError('loss_scale must be a number, got %r' % (scale,))
    if not scale > 0:
        raise ValueError('loss_scale must be a positive number. Actual: %s' % (scale,))
    return scale


# -- settings in checkpoints ------------------------------------------------------
_OPTIMIZER_KEY = 'optimizer'  # never a parameter path (those start with '/')
_LOSS_SCALING = ('_loss_scale', '_loss_scaling_is_dynamic', '_loss_scaling_multiplier',
                 '_loss_scaling_isnan_ever')


def _settings(opt, params):
    out = {path: _rule_settings(param) for path, param in params}
    out[_OPTIMIZER_KEY] = {
        'hooks': _hook_settings(opt, 'the optimizer'),
        'loss_scaling': {name: getattr(opt, name) for name in _LOSS_SCALING},
        'use_fp32_update': opt._use_fp32_update}
    return out


def _plain_number(value):
    if isinstance(value, numpy.generic):  # e.g. a hyperparameter set as numpy.float32
        return value.item()
    raise TypeError('cannot save %r in the optimizer settings' % (value,))


def _hook_settings(owner, where):
    hooks = []
    for name, hook, timing in owner._hook_items():
        args = optimizer_hooks.hook_arguments(hook)
        if args is None:
            warnings.warn('hook %r of %s is not a built-in hook with plain arguments: only its '
                          'name is saved; add it again before loading' % (name, where))
        hooks.append([name, type(hook).__name__, timing, args])
    return hooks


def _rule_settings(param):
    rule = param.update_rule
    out = {'lr_factor': param.lr_factor}
    if rule is None:
        return out
    out['enabled'] = rule.enabled
    out['use_fp32_update'] = rule._use_fp32_update
    out['hyperparam'] = rule.hyperparam.overrides()
    out['attributes'] = {name: getattr(rule, name) for name in rule._saved_attributes}
    out['hooks'] = _hook_settings(rule, rule._path)
    return out


def _settings_problem(serializer, message):
    """Reports bad settings: with the load's other problems when it is checking, else raises."""
    report = getattr(serializer, 'report_problem', None)
    if report is None:
        raise ValueError(message)
    report('chainlite_settings', message)  # raises LoadError outside the checking pass
    return lambda: None


def _prepare_settings(opt, serializer, params):
    """Reads and checks the settings; returns the function that applies them.

    Every problem is collected first and raised as one ValueError, before
    anything is assigned.
    """
    peek = getattr(serializer, 'peek', None)  # reads the blob in a load's checking pass too
    try:
        blob = peek('chainlite_settings') if peek is not None else \
            serializer('chainlite_settings', None)
    except KeyError:
        blob = None
    if blob is None:
        return lambda: None
    try:
        settings = json.loads(bytes(backend.CPU.send(blob).astype(numpy.uint8)).decode())
        if not isinstance(settings, dict):
            raise ValueError('not a JSON object')
    except (ValueError, TypeError) as e:  # UnicodeDecodeError and JSONDecodeError included
        return _settings_problem(serializer, 'the settings are unreadable: %s' % (e,))
    opt_settings = settings.pop(_OPTIMIZER_KEY, None)
    errors = []
    missing = sorted(set(settings) - set(params))
    if missing:
        errors.append('settings for parameters the model lacks: %s' % ', '.join(missing))
    steps = []
    for path, s in settings.items():
        param = params.get(path)
        if param is None:
            continue
        try:
            steps.append(_prepare_rule(path, param, s))
        except (ValueError, TypeError, AttributeError, KeyError) as e:
            errors.append('%s: %s' % (path, e))
    if opt_settings is not None:
        try:
            steps.append(_prepare_optimizer(opt, opt_settings))
        except (ValueError, TypeError) as e:
            errors.append('optimizer: %s' % e)
    if errors:
        return _settings_problem(serializer, 'optimizer checkpoint does not fit %s:\n  %s'
                                 % (type(opt).__name__, '\n  '.join(errors)))

    def apply():
        for step in steps:
            step()
    return apply


def _prepare_hooks(owner, saved, where):
    """Builds the hook list a load gives ``owner``: built-ins from their arguments,
    other hooks taken from ``owner`` by name; returns it with the warnings it needs."""
    live = {name: hook for name, hook, _ in owner._hook_items()}
    hooks, notes = [], []
    for name, cls, timing, args in saved:
        if timing not in ('pre', 'post'):
            raise ValueError('hook %r has timing %r' % (name, timing))
        if args is None:
            hook = live.get(name)
            if hook is None:
                notes.append('custom hook %r (%s) of %s is not restored: add it again before '
                             'loading' % (name, cls, where))
                continue
        else:
            factory = getattr(optimizer_hooks, cls, None)
            if factory not in optimizer_hooks.BUILTIN:
                raise ValueError('unknown hook class %r' % cls)
            hook = factory(**args)
            if isinstance(owner, UpdateRule) and not hook.call_for_each_param:
                raise ValueError('%s works on the whole optimizer, not on a rule' % cls)
        hooks.append((name, hook, timing))
    saved_names = {entry[0] for entry in saved}
    notes += ['hook %r of %s is not in the checkpoint; it is removed' % (name, where)
              for name in live if name not in saved_names]
    return hooks, notes


def _install_hooks(owner, hooks, notes):
    for note in notes:
        warnings.warn(note)
    owner._init_hooks()
    for name, hook, timing in hooks:
        owner.add_hook(hook, name, timing)


def _prepare_rule(path, param, s):
    factor = check_lr_factor(s['lr_factor'], path)
    rule = param.update_rule
    if rule is None or 'enabled' not in s:
        def apply():
            param.lr_factor = factor
        return apply
    known = rule.hyperparam.get_dict()
    unknown = sorted(set(s['hyperparam']) - set(known))
    if unknown:
        raise AttributeError('hyperparameters %s are not among %s'
                             % (', '.join(unknown), ', '.join(sorted(known))))
    unknown = sorted(set(s['attributes']) - set(rule._saved_attributes))
    if unknown:
        raise AttributeError('unknown rule attributes %s' % ', '.join(unknown))
    hooks, notes = _prepare_hooks(rule, s['hooks'], path)

    def apply():
        param.lr_factor = factor
        rule.enabled = s['enabled']
        rule.use_fp32_update(s.get('use_fp32_update', False))
        for name, value in s['attributes'].items():
            setattr(rule, name, value)
        hp = rule.hyperparam
        for key in list(hp.overrides()):
            delattr(hp, key)
        for key, value in s['hyperparam'].items():
            setattr(hp, key, value)
        _install_hooks(rule, hooks, notes)
    return apply


def _prepare_optimizer(opt, s):
    scaling = s['loss_scaling']
    if sorted(scaling) != sorted(_LOSS_SCALING):
        raise ValueError('loss scaling settings %s' % sorted(scaling))
    if scaling['_loss_scale'] is not None:
        _check_loss_scale(scaling['_loss_scale'])
    hooks, notes = _prepare_hooks(opt, s['hooks'], 'the optimizer')

    def apply():
        for name, value in scaling.items():
            setattr(opt, name, value)
        opt._use_fp32_update = s['use_fp32_update']
        _install_hooks(opt, hooks, notes)
    return apply


class GradientMethod(Optimizer):
    """An optimizer that updates each parameter with its own :class:`UpdateRule`.

    Subclasses implement :meth:`create_update_rule`.
    """

    _lr_name = 'lr'
    _fused = None
    #: chainlite: update groups of alike rules in one step each (same numbers
    #: as one rule at a time, which ``fused = False`` selects).
    fused = True

    def __init__(self):
        self.hyperparam = Hyperparameter()
        self._use_cleargrads = True

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop('_fused', None)  # rebuilt on the next update
        return state

    def setup(self, link):
        super().setup(link)
        self._fused = None
        for path, param in link.namedparams():
            rule = self.create_update_rule()
            rule._path = path
            if getattr(param, '_frozen', False):
                rule.enabled = False
            if self._use_fp32_update:
                rule.use_fp32_update()
            param.update_rule = rule
        return self

    def create_update_rule(self):
        """Returns a new update rule whose hyperparameters fall back to this optimizer's."""
        raise NotImplementedError

    def _set_hyperparams(self, **values):
        for name, value in values.items():
            if name == self._lr_name:
                check_rate(value, name, type(self).__name__)
            setattr(self.hyperparam, name, value)

    def use_cleargrads(self, use=True):
        """With ``update(lossfun)``, clear grads to None (True) or fill zeros (False).

        Deprecated (as in Chainer): clearing is the default.
        """
        warnings.warn('GradientMethod.use_cleargrads is deprecated.', DeprecationWarning)
        self._use_cleargrads = use

    def reallocate_cleared_grads(self):
        """Gives every initialized parameter whose grad is None a zero grad."""
        _fill_cleared_grads(self.target.params(include_uninit=False))

    def call_hook(self, hook):
        if getattr(hook, 'call_for_each_param', False):
            for param in self.target.params(include_uninit=False):
                hook(param.update_rule, param)
        else:
            hook(self)

    def update(self, lossfun=None, *args, **kwds):
        """Updates every parameter.

        With ``lossfun``, first computes ``loss = lossfun(*args, **kwds)``, clears
        the grads and runs ``loss.backward()``; otherwise uses the grads as set.
        """
        self._check_set_up()
        if lossfun is not None:
            loss = lossfun(*args, **kwds)
            if self._use_cleargrads:
                self.target.cleargrads()
            else:
                self.target.zerograds()
            loss.backward(loss_scale=self._loss_scale)
            del loss
        params = list(self.target.params(include_uninit=False))
        _fill_cleared_grads(params)
        self.check_nan_in_grads()
        safe = self.is_safe_to_update()
        prep = self._fused_pre_hooks() if self.fused and safe else None
        if prep is None:
            self.call_hooks('pre')
        self.t += 1
        # a pre-update hook that cleared a grad leaves that parameter as it is (as Chainer's
        # per-parameter rules do); the fused groups assume every grad is set
        cleared = prep is None and self._pre_update_hooks and \
            any(p._grad_var is None for p in params)
        if safe:
            if self.fused and not cleared:
                if self._fused is None:
                    self._fused = _FusedUpdate()
                # fused rules never clear a grad; only the others need refilling
                params = self._fused.update(params, prep)
            else:
                params = [p for p in params if p.update_rule is not None]
                for param in params:
                    param.update_rule.update(param)
            _fill_cleared_grads(params)
        self.call_hooks('post')
        self.update_loss_scale()

    def _fused_pre_hooks(self):
        """The optimizer's pre-update hooks as ``(clipping factor, elementwise hooks)``
        for the fused update to apply along with each group, or None when they
        must run as usual: only a GradientClipping first and elementwise built-ins
        qualify (their order per element is kept)."""
        hooks = list(self._pre_update_hooks.values())
        clip = hooks.pop(0) if hooks and type(hooks[0]) is GradientClipping else None
        if not all(type(h) in optimizer_hooks.ELEMENTWISE for h in hooks):
            return None
        return (None if clip is None else clip.scale_factor(self)), hooks


def _fill_cleared_grads(params):
    for param in params:
        if param._grad_var is None:
            param.grad = backend.get_array_module(param.array).zeros_like(param.array)


def _prepare_grad(param, prep):
    """Applies the optimizer's deferred pre-update hooks to one parameter's grad."""
    if prep is None:
        return
    clip, hooks = prep
    g = param.grad
    if g is None:
        return
    if clip is not None:
        with backend.get_device_from_array(g):
            g *= clip
    for hook in hooks:
        hook(param.update_rule, param)


# -- fused update -----------------------------------------------------------------
# On the CPU the fused step runs over slices of this many elements, so that the
# temporaries of a step stay in cache; on a GPU each group is one slice.
_CHUNK = 1 << 16
_loss_scale_of = operator.attrgetter('_loss_scale')
_array_of = operator.attrgetter('_data')
_grad_of = operator.attrgetter('_grad_var._data')


def _fusable_class(cls):
    return (issubclass(cls, ElementwiseRule) and cls.update is UpdateRule.update and
            cls._update is UpdateRule._update and cls.update_core is UpdateRule.update_core and
            cls.update_core_cpu is ElementwiseRule.update_core_cpu and
            cls.update_core_gpu is ElementwiseRule.update_core_gpu)


def _hook_signature(rule):
    return repr([(name, type(h), sorted(vars(h).items()))
                 for name, h in rule._pre_update_hooks.items()])


class _FusedUpdate:
    """Updates parameters whose rules agree on everything but the array in one step per group.

    Rules of the same class, dtype, device, hyperparameters, ``lr_factor``, ``t``,
    saved attributes and pre-update hooks form a group; their states live in
    one flat buffer per key (``rule.state`` holds views into it), and one
    ``step`` call updates many small parameters at once (gathered) or a
    cache-sized slice of a large one (in place). The hooks (elementwise
    built-ins only) and the optimizer's deferred hooks run over the same
    buffers. The arithmetic is elementwise and identical, so results equal the
    per-parameter path bit for bit. Rules with a custom update, other hooks,
    'post' hooks, a disabled flag, factor 0 or a float32 master copy take the
    ordinary path.
    """

    def __init__(self):
        self.ids = None
        self.version = None
        self.groups = []
        self.fusable_classes = {}
        self.rules = None  # of the last update, one per parameter
        self.fused = None  # per parameter: whether a group updates it

    def update(self, params, prep):
        """Updates ``params``, first applying ``prep`` (see ``_fused_pre_hooks``) to
        every grad; returns the parameters updated one at a time (not fused)."""
        rules = [p.update_rule for p in params]
        if (self.version == _settings_version[0] and self.rules is not None and
                len(rules) == len(self.rules) and all(map(operator.is_, rules, self.rules)) and
                all(group.valid() for group in self.groups)):
            return self._repeat(params, prep)
        ids = [id(r) for r in rules if r is not None]
        if len(set(ids)) != len(ids):  # a parameter listed twice: no fusing
            self.rules, self.groups = None, []
            for param, rule in zip(params, rules):
                _prepare_grad(param, prep)
                if rule is not None:
                    rule.update(param)
            return [p for p in params if p.update_rule is not None]
        elementwise = optimizer_hooks.ELEMENTWISE
        entries, others, fused = [], [], []
        fusable = self.fusable_classes
        for param, rule in zip(params, rules):
            ok = rule is not None and fusable.get(type(rule))
            if ok is None:
                ok = fusable[type(rule)] = _fusable_class(type(rule))
            if not (ok and rule._enabled and param._lr_factor != 0 and
                    not rule._post_update_hooks and
                    not (rule._use_fp32_update and param.array.dtype == numpy.float16) and
                    all(type(h) in elementwise for h in rule._pre_update_hooks.values())):
                _prepare_grad(param, prep)
                if rule is not None:
                    rule.update(param)
                    others.append(param)
                fused.append(False)
                continue
            rule._t += 1
            if rule._state is None:
                rule._state = _StateDict()
                with backend.get_device_from_array(param.array):
                    rule.init_state(param)
            entries.append((param, rule))
            fused.append(True)
        ids = [id(r) for _, r in entries]
        if ids != self.ids or self.version != _settings_version[0] or \
                not all(group.valid() for group in self.groups):
            self._plan(entries)
            self.ids, self.version = ids, _settings_version[0]
        self.rules, self.fused = rules, fused
        for group in self.groups:
            group.run(prep)
        return others

    def _repeat(self, params, prep):
        """The update when nothing changed since the last one: no checks per parameter."""
        others = []
        for param, rule, fused in zip(params, self.rules, self.fused):
            if fused:
                rule._t += 1
                continue
            _prepare_grad(param, prep)
            if rule is not None:
                rule.update(param)
                others.append(param)
        for group in self.groups:
            group.run(prep)
        return others

    def _plan(self, entries):
        by_key = {}
        for param, rule in entries:
            a = param.array
            key = (type(rule), a.dtype, type(a), backend.get_device_from_array(a),
                   repr(sorted(rule.hyperparam.get_dict().items())), param._lr_factor, rule._t,
                   repr([getattr(rule, name) for name in rule._saved_attributes]),
                   _hook_signature(rule))
            by_key.setdefault(key, []).append((param, rule))
        # a group with the same members keeps its buffers (e.g. after a new lr)
        old = {tuple(map(id, g.rules)): g for g in self.groups}
        groups = []
        for members in by_key.values():
            group = old.get(tuple(id(r) for _, r in members))
            if group is None or not group.holds([p for p, _ in members]):
                group = _Group(members)
            groups.append(group)
        self.groups = groups


class _Group:
    """One group of the fused update: its state buffers and how to slice them."""

    def __init__(self, entries):
        self.entries = entries
        self.params = [p for p, _ in entries]
        self.rules = [r for _, r in entries]
        self.rep_param, self.rep = entries[0]
        first = self.rep_param.array
        self.xp = backend.get_array_module(first)
        self.factor = self.rep_param._lr_factor
        self.sizes = [p.array.size for p in self.params]
        self.keys = list(self.rep._state)
        total = sum(self.sizes)
        self.flat = {}
        for key in self.keys:
            flat = self.xp.empty(total, dtype=self.rep._state[key].dtype)
            offset = 0
            for param, rule, n in zip(self.params, self.rules, self.sizes):
                view = flat[offset:offset + n]
                view[...] = rule._state[key].ravel()
                rule._state[key] = view.reshape(param.shape)
                offset += n
            self.flat[key] = flat
        self.states = [(r._state, tuple(r._state.values())) for r in self.rules]
        if self.xp is not numpy:
            self._pieces(1 << 62, 1 << 62)
        else:  # a single-pass step needs no cache-sized slices
            self._pieces(_CHUNK, 1 << 62 if self.rep.single_pass_on_cpu() else _CHUNK)

    def _pieces(self, chunk, slice_size):
        """Splits the group into ``direct`` slices ``(i, a, b, o)`` (elements a:b of
        parameter i, flat offset o, updated in place; ``slice_size`` at most) and
        ``batches`` of small parameters i..j-1 (flat range o:e, about ``chunk``
        elements) gathered into buffers of their own."""
        self.direct, self.batches, self.direct_params, self.direct_index = [], [], [], []
        batch, offset = None, 0
        for i, (param, n) in enumerate(zip(self.params, self.sizes)):
            if n >= chunk // 4 and param.array.flags.c_contiguous:
                self.direct += [(i, a, min(a + slice_size, n), offset)
                                for a in range(0, n, slice_size)]
                self.direct_params.append(param)
                self.direct_index.append(i)
                batch = None
            else:
                if batch is None or batch[3] - batch[2] >= chunk:
                    batch = [i, i, offset, offset]
                    self.batches.append(batch)
                batch[1], batch[3] = i + 1, offset + n
            offset += n
        for k, (i, j, o, e) in enumerate(self.batches):
            pbuf = self.xp.empty(e - o, dtype=self.params[i].dtype)
            gbuf = self.xp.empty_like(pbuf)
            views, gviews, start = [], [], 0
            for param in self.params[i:j]:
                views.append(pbuf[start:start + param.size].reshape(param.shape))
                gviews.append(gbuf[start:start + param.size].reshape(param.shape))
                start += param.size
            self.batches[k] = (i, j, o, e, pbuf, gbuf, views, gviews)

    def valid(self):
        """Whether the group still holds; changes of hyperparameters, hooks, flags, ``t``
        and state entries are caught by the settings version instead."""
        factor = self.factor
        for param, rule, (state, _) in zip(self.params, self.rules, self.states):
            if param._lr_factor != factor or rule._state is not state:
                return False
        return all(param.array.flags.c_contiguous for param in self.direct_params)

    def holds(self, params):
        """Whether ``params`` (the members' parameters) can keep this group's buffers."""
        if any(p is not q or p.array.size != n
               for p, q, n in zip(params, self.params, self.sizes)):
            return False
        for rule, (state, views) in zip(self.rules, self.states):
            if rule._state is not state or not all(map(operator.is_, state.values(), views)):
                return False
        self.factor = self.rep_param._lr_factor
        return self.valid()

    def run(self, prep):
        xp, rep, keys, flat = self.xp, self.rep, self.keys, self.flat
        lr = rep.scaled_lr(self.rep_param)
        arrays = list(map(_array_of, self.params))
        grads = list(map(_grad_of, self.params))  # (every grad is set: see update)
        clip, opt_hooks = prep or (None, ())
        hooks = list(rep._pre_update_hooks.values())
        scales = list(map(_loss_scale_of, self.params))
        uniform = scales.count(scales[0]) == len(scales)
        active = clip is not None or opt_hooks or hooks or not uniform or scales[0] is not None

        def prepare(p, g, scale):
            # the per-parameter order: optimizer hooks, loss scale, the rule's hooks
            if clip is not None:
                g *= clip
            for hook in opt_hooks:
                hook.apply_arrays(p, g, scale)
            if scale is not None:
                g /= scale
            for hook in hooks:
                hook.apply_arrays(p, g, scale)

        sliced = not active
        if active:
            # slice by slice while the grads are views; whole otherwise
            sliced = all(grads[i].flags.c_contiguous for i in self.direct_index)
            if not sliced:
                for i in self.direct_index:
                    prepare(arrays[i], grads[i], scales[i])
        for i, a, b, o in self.direct:
            p, g = arrays[i].reshape(-1)[a:b], grads[i].reshape(-1)[a:b]
            if active and sliced:
                prepare(p, g, scales[i])
            rep.step(xp, p, g, {k: flat[k][o + a:o + b] for k in keys}, lr)
        for i, j, o, e, pbuf, gbuf, views, gviews in self.batches:
            xp.concatenate(arrays[i:j], axis=None, out=pbuf)
            xp.concatenate(grads[i:j], axis=None, out=gbuf)
            if active:
                if uniform:
                    prepare(pbuf, gbuf, scales[i])
                else:
                    for p, g, scale in zip(views, gviews, scales[i:j]):
                        prepare(p, g, scale)
                for g, v in zip(grads[i:j], gviews):
                    g[...] = v
            rep.step(xp, pbuf, gbuf, {k: flat[k][o:e] for k in keys}, lr)
            for x, v in zip(arrays[i:j], views):
                x[...] = v
