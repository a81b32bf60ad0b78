"""Functional updates for model functions (MATLAB's adamupdate, sgdmupdate, dlupdate...).

Parameters, gradients and states are nested dicts, lists or tuples of arrays
(or Variables). Every function returns new arrays and a new state; nothing
passed in is modified. The arithmetic is the optimizers' own, so the numbers
equal those of ``chainlite.optimizers``.

>>> import numpy
>>> from chainlite import functional
>>> params = {'w': numpy.array([1.0, 2.0])}
>>> grads = {'w': numpy.array([0.5, -0.5])}
>>> params, state = functional.adam_update(params, grads, alpha=0.1)
>>> params['w'].round(6).tolist(), state['t']
([0.9, 2.1], 1)
"""
from chainlite import backend
from chainlite.optimizer import check_rate
from chainlite.optimizers.lbfgs import _default_hyperparam as _lbfgs_defaults
from chainlite.optimizers.lbfgs import lbfgs_iterate
from chainlite.optimizers import adam, momentum_sgd, rmsprop, sgd
from chainlite.variable import Variable

__all__ = ['update', 'sgd_update', 'momentum_sgd_update', 'adam_update', 'rmsprop_update',
           'lbfgs_update']


def _flatten(tree, path=''):
    """Yields ``(path, leaf)`` for a nested dict/list/tuple, dict keys in insertion order."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from _flatten(v, '%s/%s' % (path, k))
    elif isinstance(tree, (list, tuple)):
        for i, v in enumerate(tree):
            yield from _flatten(v, '%s/%d' % (path, i))
    else:
        yield path or '/', tree


def _rebuild(tree, leaves):
    """``tree``'s structure with its leaves replaced, in order, from the iterator ``leaves``."""
    if isinstance(tree, dict):
        return {k: _rebuild(v, leaves) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return type(tree)(_rebuild(v, leaves) for v in tree)
    return next(leaves)


def _leaves_like(name, tree, other, what):
    """The leaves of ``other``, checked to have ``tree``'s structure."""
    a, b = list(_flatten(tree)), list(_flatten(other))
    if [p for p, _ in a] != [p for p, _ in b]:
        missing = sorted(set(p for p, _ in a) ^ set(p for p, _ in b))
        raise ValueError('%s: %s do not have the structure of params; differing paths: %s'
                         % (name, what, ', '.join(missing) or '(order differs)'))
    return [leaf for _, leaf in b]


def update(fn, params, *rest):
    """Applies ``fn(param, *others)`` to corresponding leaves; returns the same structure.

    When ``fn`` returns tuples, returns a tuple of structures, one per element.

    >>> import numpy
    >>> update(lambda p, g: p - 0.1 * g, [numpy.ones(2)], [numpy.ones(2)])[0].tolist()
    [0.9, 0.9]
    """
    paths = [p for p, _ in _flatten(params)]
    columns = [[leaf for _, leaf in _flatten(params)]]
    columns += [_leaves_like('update', params, other, 'arguments') for other in rest]
    results = [fn(*args) for args in zip(*columns)]
    if results and all(isinstance(r, tuple) for r in results):
        widths = {len(r) for r in results}
        if len(widths) != 1:
            raise ValueError('update: fn returned tuples of different lengths %s for %s'
                             % (sorted(widths), ', '.join(paths)))
        return tuple(_rebuild(params, iter(col)) for col in zip(*results))
    return _rebuild(params, iter(results))


class _Leaf:
    """What an update rule's ``init_state`` needs to know of a parameter."""

    def __init__(self, array):
        self.array = self.data = array
        self.shape, self.dtype = array.shape, array.dtype


def _array(x):
    return x.array if isinstance(x, Variable) else x


def _rule_update(name, rule, params, grads, state, hyper):
    for key, value in hyper.items():
        setattr(rule.hyperparam, key, value)
    lr = check_rate(getattr(rule.hyperparam, rule._lr_name), rule._lr_name, name)
    p_leaves = [leaf for _, leaf in _flatten(params)]
    g_leaves = _leaves_like(name, params, grads, 'grads')
    paths = [p for p, _ in _flatten(params)]
    state = state or {}
    rule.t = state.get('t', 0) + 1
    keys = [k for k in state if k != 't']
    slots = [{k: _array(v) for k, v in zip(keys, leaves)}
             for leaves in zip(*[_leaves_like(name, params, state[k], 'state[%r]' % k)
                                 for k in keys])] if keys else [None] * len(p_leaves)
    new_params, new_slots = [], []
    for path, p, g, slot in zip(paths, p_leaves, g_leaves, slots):
        p_arr, g_arr = _array(p), _array(g)
        if g_arr is None or p_arr.shape != g_arr.shape:
            raise ValueError('%s: grad of %s has shape %s, the parameter %s'
                             % (name, path, getattr(g_arr, 'shape', None), p_arr.shape))
        xp = backend.get_array_module(p_arr)
        p_new = p_arr.copy()
        if slot is None:
            rule._state = {}
            rule.init_state(_Leaf(p_new))
            slot = rule._state
        else:
            slot = {k: v.copy() for k, v in slot.items()}
        rule.step(xp, p_new, g_arr, slot, lr)
        new_params.append(Variable(p_new) if isinstance(p, Variable) else p_new)
        new_slots.append(slot)
    new_state = {'t': rule.t}
    for key in (new_slots[0] if new_slots else {}):
        new_state[key] = _rebuild(params, iter([s[key] for s in new_slots]))
    return _rebuild(params, iter(new_params)), new_state


def sgd_update(params, grads, state=None, **hyper):
    """SGD step (``lr``, default 0.01); returns ``(params, state)``."""
    return _rule_update('sgd_update', sgd.SGDRule(), params, grads, state, hyper)


def momentum_sgd_update(params, grads, state=None, **hyper):
    """Momentum SGD step (``lr``, ``momentum``); the state holds the velocities ``v``."""
    return _rule_update('momentum_sgd_update', momentum_sgd.MomentumSGDRule(), params, grads,
                        state, hyper)


def adam_update(params, grads, state=None, **hyper):
    """Adam step with the hyperparameters of :class:`~chainlite.optimizers.Adam`.

    The state holds ``m``, ``v`` (and ``vhat`` with amsgrad) and ``t``.
    """
    return _rule_update('adam_update', adam.AdamRule(), params, grads, state, hyper)


def rmsprop_update(params, grads, state=None, **hyper):
    """RMSprop step (``lr``, ``alpha``, ``eps``, ``eps_inside_sqrt``); state ``ms``."""
    return _rule_update('rmsprop_update', rmsprop.RMSpropRule(), params, grads, state, hyper)


def lbfgs_update(params, lossfun, state=None, **hyper):
    """L-BFGS iterations; ``lossfun(params)`` returns ``(loss, grads)`` with grads like params.

    Hyperparameters are those of :class:`~chainlite.optimizers.LBFGS` (``max_iter``
    iterations per call, 1 by default). Returns ``(params, state)``.

    >>> import numpy
    >>> f = lambda p: (float(((p['x'] - 3) ** 2).sum()), {'x': 2 * (p['x'] - 3)})
    >>> params, state = lbfgs_update({'x': numpy.zeros(2)}, f, max_iter=10)
    >>> params['x'].round(6).tolist()
    [3.0, 3.0]
    """
    from chainlite.optimizer import Hyperparameter
    hp = Hyperparameter(_lbfgs_defaults)
    for key, value in hyper.items():
        setattr(hp, key, value)
    leaves = [_array(leaf) for _, leaf in _flatten(params)]
    if not leaves:
        return params, dict(state or {})
    xp = backend.get_array_module(leaves[0])
    sizes = [a.size for a in leaves]

    def unflatten(x):
        out, offset = [], 0
        for a, n in zip(leaves, sizes):
            out.append(x[offset:offset + n].reshape(a.shape))
            offset += n
        return _rebuild(params, iter(out))

    def loss_and_grad(x):
        loss, grads = lossfun(unflatten(x))
        g = [_array(leaf) for leaf in _leaves_like('lbfgs_update', params, grads, 'grads')]
        return float(_array(loss)), xp.concatenate([a.ravel() for a in g])

    state = {k: (list(v) if k == 'pairs' else v) for k, v in (state or {}).items()}
    x, _ = lbfgs_iterate(xp.concatenate([a.ravel() for a in leaves]), loss_and_grad, state, hp)
    return unflatten(x), state
