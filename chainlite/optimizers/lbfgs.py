"""L-BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithms 7.4, 3.5 and 3.6).

The optimizer needs a loss closure: ``opt.update(lossfun)``. Each call runs up
to ``max_iter`` iterations over the parameters whose rules are enabled and
whose ``lr_factor`` is not 0, seen as one flat vector.
"""
import math

import numpy

from chainlite import backend, optimizer

_default_hyperparam = optimizer.Hyperparameter()
_default_hyperparam.lr = 1.0
_default_hyperparam.max_iter = 1
_default_hyperparam.history_size = 10
_default_hyperparam.tolerance_grad = 1e-7
_default_hyperparam.tolerance_change = 1e-9
_default_hyperparam.line_search = 'strong_wolfe'


def _cubic_min(t1, f1, d1, t2, f2, d2, lo, hi):
    """Minimizer in [lo, hi] of the cubic through (t1, f1, d1) and (t2, f2, d2)."""
    e1 = d1 + d2 - 3 * (f1 - f2) / (t1 - t2)
    disc = e1 * e1 - d1 * d2
    if disc >= 0:
        e2 = math.copysign(math.sqrt(disc), t2 - t1)
        t = t2 - (t2 - t1) * (d2 + e2 - e1) / (d2 - d1 + 2 * e2)
        if math.isfinite(t):
            return min(max(t, lo), hi)
    return (lo + hi) / 2


def _strong_wolfe(evaluate, f0, gtd0, t, c1=1e-4, c2=0.9, max_evals=25):
    """Finds a step ``t`` along the direction meeting the strong Wolfe conditions.

    ``evaluate(t)`` returns ``(f, g, gtd)`` at ``x + t d``. Returns ``(t, f, g)``.
    """
    prev = (0.0, f0, None, gtd0)
    evals = 0
    while True:
        f, g, gtd = evaluate(t)
        evals += 1
        cur = (t, f, g, gtd)
        if f > f0 + c1 * t * gtd0 or (evals > 1 and f >= prev[1]):
            lo, hi = prev, cur
            break
        if abs(gtd) <= -c2 * gtd0:
            return t, f, g
        if gtd >= 0:
            lo, hi = cur, prev
            break
        if evals >= max_evals:
            return t, f, g
        t_next = _cubic_min(prev[0], prev[1], prev[3], t, f, gtd, t + 0.01 * (t - prev[0]),
                            t * 10)
        prev, t = cur, t_next
    # zoom: lo satisfies the sufficient decrease, the minimizer lies between lo and hi
    while evals < max_evals and abs(hi[0] - lo[0]) > 1e-12 * max(1.0, abs(lo[0])):
        a, b = sorted((lo[0], hi[0]))
        t = _cubic_min(lo[0], lo[1], lo[3], hi[0], hi[1], hi[3], a + 0.1 * (b - a),
                       b - 0.1 * (b - a))
        f, g, gtd = evaluate(t)
        evals += 1
        cur = (t, f, g, gtd)
        if f > f0 + c1 * t * gtd0 or f >= lo[1]:
            hi = cur
        else:
            if abs(gtd) <= -c2 * gtd0:
                return t, f, g
            if gtd * (hi[0] - lo[0]) >= 0:
                hi = lo
            lo = cur
    if lo[2] is None:  # nothing better than the start was found
        return 0.0, f0, None
    return lo[0], lo[1], lo[2]


def _direction(g, state):
    """``-H g`` by the two-loop recursion over the stored curvature pairs."""
    q = -g
    alphas = []
    for s, y, rho in reversed(state['pairs']):
        a = rho * float(s.dot(q))
        alphas.append(a)
        q -= a * y
    q *= state['h_diag']
    for (s, y, rho), a in zip(state['pairs'], reversed(alphas)):
        b = rho * float(y.dot(q))
        q += (a - b) * s
    return q


def lbfgs_iterate(x, loss_and_grad, state, hp):
    """Runs up to ``hp.max_iter`` L-BFGS iterations from the flat vector ``x``.

    ``loss_and_grad(x)`` returns ``(loss, grad)`` (a float and an array like
    ``x``). ``state`` (a dict, empty at first) carries the curvature history.
    Returns ``(x, loss)``; ``state['converged']`` tells whether it stopped
    on a tolerance.
    """
    state.setdefault('pairs', [])
    state.setdefault('h_diag', 1.0)
    state.setdefault('n_iter', 0)
    lr = optimizer.check_rate(hp.lr, 'lr', 'LBFGS')
    f, g = loss_and_grad(x)
    state['converged'] = float(abs(g).max()) <= hp.tolerance_grad if g.size else True
    for _ in range(hp.max_iter):
        if state['converged']:
            break
        if 'g' in state:
            y = g - state['g']
            s = state['s']
            ys = float(y.dot(s))
            if ys > 1e-10:
                if len(state['pairs']) == hp.history_size:
                    state['pairs'].pop(0)
                state['pairs'].append((s, y, 1.0 / ys))
                state['h_diag'] = ys / float(y.dot(y))
        first = state['n_iter'] == 0
        d = _direction(g, state)
        gtd = float(g.dot(d))
        if gtd > -hp.tolerance_change:
            state['converged'] = True
            break
        t = lr * min(1.0, 1.0 / float(abs(g).sum())) if first else lr
        f_prev = f
        if hp.line_search == 'strong_wolfe':
            def evaluate(step):
                fv, gv = loss_and_grad(x + step * d)
                return fv, gv, float(gv.dot(d))
            t, f_new, g_new = _strong_wolfe(evaluate, f, gtd, t)
            if g_new is None:
                state['converged'] = True
                break
        elif hp.line_search is None:
            f_new, g_new = loss_and_grad(x + t * d)
        else:
            raise ValueError("LBFGS: line_search must be 'strong_wolfe' or None, got %r"
                             % (hp.line_search,))
        x = x + t * d
        state['g'], state['s'] = g, t * d
        f, g = f_new, g_new
        state['n_iter'] += 1
        state['converged'] = (float(abs(g).max()) <= hp.tolerance_grad or
                              float(abs(t * d).max()) <= hp.tolerance_change or
                              abs(f - f_prev) < hp.tolerance_change)
    return x, f


class LBFGSRule(optimizer.UpdateRule):
    """Holds per-parameter settings for :class:`LBFGS`; the update is global."""

    def update(self, param):
        raise RuntimeError('LBFGS updates all parameters together: call optimizer.update(lossfun)')


class LBFGS(optimizer.GradientMethod):
    """Limited-memory BFGS; ``update(lossfun, *args)`` runs ``max_iter`` iterations.

    Hooks are not supported (the line search needs gradients that match the
    loss). ``lr_factor`` 0 or a disabled rule leaves a parameter out.

    >>> import numpy, chainlite, chainlite.optimizers
    >>> net = chainlite.Chain()
    >>> with net.init_scope():
    ...     net.x = chainlite.Parameter(numpy.array([3.0, -2.0]))
    >>> opt = chainlite.optimizers.LBFGS(max_iter=20).setup(net)
    >>> opt.update(lambda: chainlite.functions.sum((net.x - 1.0) ** 2))
    >>> numpy.round(net.x.array, 6).tolist()
    [1.0, 1.0]
    """

    lr = optimizer.HyperparameterProxy('lr')
    max_iter = optimizer.HyperparameterProxy('max_iter')
    history_size = optimizer.HyperparameterProxy('history_size')
    tolerance_grad = optimizer.HyperparameterProxy('tolerance_grad')
    tolerance_change = optimizer.HyperparameterProxy('tolerance_change')
    line_search = optimizer.HyperparameterProxy('line_search')

    def __init__(self, lr=1.0, max_iter=1, history_size=10, tolerance_grad=1e-7,
                 tolerance_change=1e-9, line_search='strong_wolfe'):
        super().__init__()
        self._set_hyperparams(lr=lr, max_iter=max_iter, history_size=history_size,
                              tolerance_grad=tolerance_grad, tolerance_change=tolerance_change,
                              line_search=line_search)
        self._lbfgs_state = {}

    def create_update_rule(self):
        return LBFGSRule(self.hyperparam)

    def serialize(self, serializer):
        """Also saves or loads the curvature history (under ``lbfgs/``)."""
        super().serialize(serializer)
        st, sub = self._lbfgs_state, serializer['lbfgs']
        arrays = {}
        if st.get('pairs'):
            xp = backend.get_array_module(st['g'])
            arrays['pairs_s'] = xp.stack([p[0] for p in st['pairs']])
            arrays['pairs_y'] = xp.stack([p[1] for p in st['pairs']])
        if 'g' in st:
            arrays.update(g=st['g'], s=st['s'], h_diag=numpy.array(st['h_diag']),
                          n_iter=numpy.array(st['n_iter']))
        if not optimizer._is_deserializer(serializer):
            for key, value in arrays.items():
                sub(key, value)
            return
        loaded = {}
        for key in ('g', 's', 'h_diag', 'n_iter', 'pairs_s', 'pairs_y'):
            try:
                value = sub(key, None)
            except KeyError:
                value = None
            if value is not None:
                loaded[key] = value
        if 'g' not in loaded:  # a checking pass, or no history saved
            return
        pairs = [(s_, y, 1.0 / float(y.dot(s_)))
                 for s_, y in zip(loaded.get('pairs_s', ()), loaded.get('pairs_y', ()))]
        self._lbfgs_state = {'g': loaded['g'], 's': loaded['s'], 'pairs': pairs,
                             'h_diag': float(loaded['h_diag']), 'n_iter': int(loaded['n_iter'])}

    def update(self, lossfun=None, *args, **kwds):
        self._check_set_up()
        if lossfun is None:
            raise ValueError('LBFGS.update needs a loss function: opt.update(lossfun, *args)')
        params = [p for p in self.target.params(include_uninit=False)
                  if p.update_rule is not None and p.update_rule.enabled and p.lr_factor != 0]
        if self._pre_update_hooks or self._post_update_hooks or \
                any(p.update_rule._hook_items() for p in params):
            raise RuntimeError('LBFGS does not support hooks: the line search needs gradients '
                               'that match the loss')
        if not params:
            return
        xp = backend.get_array_module(params[0].array)
        sizes = [p.size for p in params]

        def assign(x):
            offset = 0
            for p, n in zip(params, sizes):
                p.array[...] = x[offset:offset + n].reshape(p.shape)
                offset += n

        def loss_and_grad(x):
            assign(x)
            loss = lossfun(*args, **kwds)
            self.target.cleargrads()
            loss.backward()
            grads = [xp.zeros_like(p.array) if p.grad is None else p.grad for p in params]
            return float(loss.array), xp.concatenate([g.ravel() for g in grads])

        x0 = xp.concatenate([p.array.ravel() for p in params])
        x, _ = lbfgs_iterate(x0, loss_and_grad, self._lbfgs_state, self.hyperparam)
        assign(x)
        self.t += 1
        for p in params:
            p.update_rule.t += 1
