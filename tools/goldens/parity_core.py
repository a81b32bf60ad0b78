"""Black-box parity probes for the core and training plumbing, recorded from Chainer 7.8.1.

Each ``probe_*`` function takes the framework module (``chainer`` here, ``chainlite`` in
tests/test_parity_core.py and tests/test_parity_training.py) and returns a JSON-able
observation: paths, key sets, reprs, flags, error type names. Run in the reference venv,
this script stores every observation as JSON in tests/data/parity_core.npz; the tests run
the same probes with chainlite and compare.

    python tools/make_goldens.py --python /path/to/chainer-venv/bin/python parity_core
"""
import atexit
import io
import json
import os
import re
import shutil
import sys
import tempfile
import warnings

import numpy as np


_TMPDIRS = []


def _tmpdir():
    """A fresh directory for a trainer's output, removed when the process exits."""
    path = tempfile.mkdtemp(prefix='parity_')
    _TMPDIRS.append(path)
    return path


atexit.register(lambda: [shutil.rmtree(p, ignore_errors=True) for p in _TMPDIRS])


def attempt(f, *args, **kwargs):
    """``['ok', result]`` or ``['err', 'Name|Base|...']`` (the exception's class names).

    The tests accept a chainlite error when Chainer's error class name is among its classes.
    """
    try:
        return ['ok', plain(f(*args, **kwargs))]
    except Exception as e:  # the type names are the observation
        names = [c.__name__ for c in type(e).__mro__
                 if c not in (object, BaseException, Exception)]
        return ['err', '|'.join(names)]


def plain(x):
    """``x`` with anything JSON cannot hold replaced by its type name."""
    if isinstance(x, (list, tuple)):
        return [plain(e) for e in x]
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return '<%s>' % type(x).__name__


def norm(text):
    """``text`` with object addresses and the package name masked."""
    return re.sub(r' (at )?0x[0-9a-f]+', '', text.replace('chainlite', 'chainer'))


def arr(a):
    """A JSON-able summary of an array (or None)."""
    if a is None:
        return None
    a = np.asarray(a)
    return [str(a.dtype), list(a.shape), np.where(np.isnan(a), -999.0, a).ravel().tolist()
            if a.dtype.kind in 'fc' else a.ravel().tolist()]


def chainer_keys(keys):
    """``keys`` less chainlite's per-parameter settings entry (a deliberate addition)."""
    return [k for k in keys if 'chainlite_settings' not in (k if isinstance(k, str) else k[0])]


def ser_keys(ch, link):
    """Keys and shapes a DictionarySerializer records for ``link``."""
    s = ch.serializers.DictionarySerializer()
    s.save(link)
    return sorted([k, None if v is None else list(np.shape(v))] for k, v in s.target.items())


# -- Link / Chain / ChainList / Sequential -------------------------------------------------

def _deep(ch):
    L = ch.links

    class Block(ch.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.z = ch.Parameter(np.zeros(2, 'f'))
                self.conv = L.Linear(2, 2)
                self.a = ch.Parameter(np.ones(1, 'f'))
                self.seq = ch.Sequential(L.Linear(2, 3), ch.functions.relu, L.Linear(3, 1))
            self.add_persistent('count', 0)
            self.add_persistent('stat', np.arange(3, dtype='f'))

    class Top(ch.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.b2 = Block()
                self.lst = ch.ChainList(Block(), L.Linear(None, 2),
                                        ch.ChainList(L.Bias(shape=(2,))))
                self.b1 = Block()
                self.w = ch.Parameter(np.zeros((1, 2), 'f'))
    return Top()


def probe_link_paths(ch):
    m = _deep(ch)
    return {
        'namedparams': [p for p, _ in m.namedparams()],
        'namedparams_init': [p for p, _ in m.namedparams(include_uninit=False)],
        'params_init_n': len(list(m.params(include_uninit=False))),
        'namedlinks': [[p, type(x).__name__] for p, x in m.namedlinks()],
        'namedlinks_skip': [p for p, _ in m.namedlinks(skipself=True)],
        'links_skip': [type(x).__name__ for x in m.links(skipself=True)],
        'children': [type(x).__name__ for x in m.children()],
        'child_names': [x.name for x in m.children()],
        'count_params': m.count_params(),
        'ser_keys': ser_keys(ch, m),
        'lst_child_names': [x.name for x in m.lst.children()],
        'seq_child_names': [x.name for x in m.b1.seq.children()],
        'param_names': [p.name for p in m.params()],
    }


def probe_link_registration(ch):
    out = {}
    link = ch.Link()
    with link.init_scope():
        link.p = ch.Parameter(np.ones(2, 'f'))
    link.add_param('q', (2, 3))
    link.add_param('r')
    link.add_param('s', 3, dtype=np.float64, initializer=ch.initializers.Constant(2.0))
    link.add_param('t', (2,), initializer=np.arange(2, dtype='f'))
    out['names'] = [p for p, _ in link.namedparams()]
    out['q'] = [str(link.q.dtype), list(link.q.shape), arr(link.q.grad)[:2]]
    out['r'] = [link.r.array is None, attempt(lambda: link.r.grad), link.r.is_initialized]
    out['s'] = [arr(link.s.array), arr(link.s.grad)]
    out['t'] = arr(link.t.array)
    out['p_grad'] = arr(link.p.grad)
    out['add_param_exists'] = attempt(link.add_param, 'q', (2,))
    out['add_persistent_exists'] = attempt(link.add_persistent, 'p', 1)
    link.add_persistent('v', np.zeros(2))
    link.add_persistent('n', None)
    out['add_persistent_twice'] = attempt(link.add_persistent, 'v', 1)
    out['register_missing'] = attempt(link.register_persistent, 'nope')
    link.other = 5
    out['register_existing'] = attempt(link.register_persistent, 'other')
    out['register_twice'] = attempt(link.register_persistent, 'other')
    other = ch.Link()
    with other.init_scope():
        other.p = ch.Parameter(np.ones(1, 'f'))
    out['register_param'] = attempt(other.register_persistent, 'p')
    out['keys'] = ser_keys(ch, link)
    del link.q
    out['after_del'] = [p for p, _ in link.namedparams()]
    out['keys_after_del'] = ser_keys(ch, link)
    with link.init_scope():
        link.p = ch.Parameter(np.zeros(1, 'f'))
    out['reassign'] = [p for p, _ in link.namedparams()]
    out['outside_scope'] = attempt(lambda: setattr(link, 'u', ch.Parameter(np.zeros(1))))
    out['after_outside'] = [p for p, _ in link.namedparams()]
    old = ch.Link(W=(2, 3), b=2)
    out['old_style'] = [[p, list(x.shape), str(x.dtype)] for p, x in old.namedparams()]
    c = ch.Chain(l1=ch.links.Linear(2, 3), l0=ch.links.Linear(3, 1))
    out['chain_kwargs'] = [p for p, _ in c.namedparams()]
    out['add_link_exists'] = attempt(c.add_link, 'l1', ch.links.Linear(2, 2))
    out['add_link_nonlink'] = attempt(c.add_link, 'zz', 3)
    c.outside = ch.links.Linear(1, 1)
    out['chain_outside_scope'] = [p for p, _ in c.namedlinks()]

    def reassign(name):
        with c.init_scope():
            setattr(c, name, ch.links.Linear(4, 4))
    out['chain_reassign'] = attempt(reassign, 'l1')
    out['chain_reassign_plain_attr'] = attempt(reassign, 'outside')
    out['chain_after_reassign'] = [[p, list(x.shape)] for p, x in c.namedparams()]
    del c.l1
    out['chain_del'] = [p for p, _ in c.namedlinks()]
    cl = ch.ChainList()

    def scope_assign():
        with cl.init_scope():
            cl.x = ch.links.Linear(1, 1)
    out['chainlist_scope_link'] = attempt(scope_assign)
    out['chainlist_add_nonlink'] = attempt(cl.add_link, 3)
    out['chainlist_append_nonlink'] = attempt(cl.append, 3)
    cl = ch.ChainList()
    cl.append(ch.links.Linear(1, 2))
    cl.add_link(ch.links.Linear(2, 2))
    out['chainlist_index'] = [cl[-1].name, cl[0].name, len(cl),
                              type(cl[0:2]).__name__, attempt(lambda: cl[5])[0]]
    out['chainlist_iter'] = [x.name for x in cl]
    out['within'] = [link.within_init_scope]
    with link.init_scope():
        out['within'].append(link.within_init_scope)
    return out


def probe_link_copy(ch):
    out = {}
    for mode in ('share', 'copy', 'init'):
        model = ch.Chain()
        with model.init_scope():
            model.l = ch.links.Linear(2, 3)
            model.bn = ch.links.BatchNormalization(3)
            model.u = ch.links.Linear(None, 2)
        model.l.W.grad = np.ones((3, 2), 'f')
        opt = ch.optimizers.SGD().setup(model)
        model.name = 'top'
        c = model.copy(mode)
        W, cW = model.l.W, c.l.W
        out[mode] = {
            'same_link': c.l is model.l, 'same_param': cW is W,
            'shares_data': bool(np.shares_memory(cW.array, W.array)),
            'equal_data': bool((cW.array == W.array).all()),
            'grad': None if cW.grad is None else
            [bool(np.shares_memory(cW.grad, W.grad)), arr(cW.grad)[2][:2]],
            'b_grad': arr(c.l.b.grad),
            'rule_same': cW.update_rule is W.update_rule,
            'rule_none': cW.update_rule is None,
            'names': [c.name, c.l.name, cW.name],
            'paths': [p for p, _ in c.namedparams()],
            'bn_avg_shared': bool(np.shares_memory(c.bn.avg_mean, model.bn.avg_mean)),
            'bn_N': c.bn.N,
            'uninit': [c.u.W.array is None, c.u.W is model.u.W],
            'optimizer_target_same': opt.target is model,
        }
    out['bad_mode'] = attempt(ch.links.Linear(1, 1).copy, 'deep')
    return out


def probe_link_copyparams_addgrads(ch):
    out = {}
    a = ch.Chain()
    with a.init_scope():
        a.l = ch.links.Linear(2, 2)
        a.bn = ch.links.BatchNormalization(2)
    b = a.copy('copy')
    b.l.W.array[...] = 5
    b.bn.avg_mean[...] = 3
    b.bn.N = 7
    a.copyparams(b)
    out['copy_persistent'] = [arr(a.l.W.array)[2], arr(a.bn.avg_mean)[2], a.bn.N]
    b.bn.avg_mean[...] = 4
    a.copyparams(b, copy_persistent=False)
    out['no_persistent'] = arr(a.bn.avg_mean)[2]
    a.zerograds()
    b.zerograds()
    b.l.W.grad[...] = 1
    a.addgrads(b)
    a.addgrads(b)
    out['addgrads'] = arr(a.l.W.grad)
    b.cleargrads()
    out['addgrads_src_none'] = attempt(lambda: a.addgrads(b) or arr(a.l.W.grad))
    out['zerograds_nan'] = [arr(ch.links.Linear(1, 1).W.grad)]
    u = ch.links.Linear(None, 2)
    u.zerograds()
    u.cleargrads()
    out['uninit_grad'] = [u.W.grad is None]
    u(np.zeros((1, 3), 'f'))
    out['uninit_after_call_grad'] = arr(u.W.grad)
    return out


def probe_link_repeat(ch):
    out = {}
    base = ch.links.Linear(2, 2)
    base.W.grad = np.ones((2, 2), 'f')
    for mode in ('share', 'copy', 'init'):
        r = base.repeat(3, mode=mode)
        out[mode] = [type(r).__name__, len(r), [p for p, _ in r.namedparams()],
                     bool(np.shares_memory(r[0].W.array, base.W.array)),
                     bool(np.shares_memory(r[0].W.array, r[1].W.array)),
                     [x.name for x in r.children()], r[1].W.grad is None]
    out['zero'] = [type(base.repeat(0)).__name__, len(base.repeat(0))]
    out['neg'] = attempt(lambda: len(base.repeat(-1)))
    out['default_mode'] = bool(np.shares_memory(base.repeat(2)[0].W.array, base.W.array))
    c = ch.Chain()
    with c.init_scope():
        c.l = ch.links.Linear(2, 2)
    out['chain'] = [p for p, _ in c.repeat(2).namedparams()]
    return out


def probe_link_serialize(ch):
    out = {}
    m = _deep(ch)
    s = ch.serializers.DictionarySerializer()
    s.save(m)
    out['keys'] = sorted(s.target)
    out['uninit_value'] = repr(s.target['lst/1/W'])
    out['persistent_int'] = [type(s.target['b1/count']).__name__, np.shape(s.target['b1/count'])]
    # Lazy parameters are created by loading.
    src = ch.links.Linear(3, 2)
    dst = ch.links.Linear(None, 2)
    d = ch.serializers.DictionarySerializer()
    d.save(src)
    ch.serializers.NpzDeserializer(d.target).load(dst)
    out['lazy_loaded'] = [dst.W.is_initialized if hasattr(dst.W, 'is_initialized') else None,
                          list(dst.W.shape), bool((dst.W.array == src.W.array).all()),
                          arr(dst.W.grad)[:2]]
    bn = ch.links.BatchNormalization(2)
    d = ch.serializers.DictionarySerializer()
    d.save(bn)
    out['bn_keys'] = sorted([k, str(np.asarray(v).dtype), list(np.shape(v))]
                            for k, v in d.target.items())
    return out


def probe_sequential(ch):
    L, F = ch.links, ch.functions
    out = {}
    l1, l2, l3 = L.Linear(2, 3), L.Linear(3, 3), L.Linear(3, 1)
    s = ch.Sequential(l1, F.relu, l2)
    out['len'] = len(s)
    out['paths'] = [p for p, _ in s.namedparams()]
    out['names'] = [x.name for x in s.children()]
    s.insert(1, l3)
    out['insert_paths'] = [p for p, _ in s.namedparams()]
    out['insert_names'] = [getattr(x, 'name', None) for x in s if isinstance(x, ch.Link)]
    out['remove'] = attempt(s.remove, l3)
    out['after_remove'] = [p for p, _ in s.namedparams()]
    out['remove_missing'] = attempt(s.remove, l3)
    out['pop'] = type(s.pop()).__name__
    out['pop_paths'] = [p for p, _ in s.namedparams()]
    s.append(l2)
    out['slice'] = [type(s[0:2]).__name__, len(s[0:2]),
                    [x is y for x, y in zip(s[1:], list(s)[1:])]]
    out['getitem_neg'] = type(s[-1]).__name__
    out['getitem_out'] = attempt(lambda: s[10])
    t = ch.Sequential(L.Linear(1, 1))
    out['add'] = [type(s + t).__name__, len(s + t), [p for p, _ in (s + t).namedparams()]]
    out['add_link'] = attempt(lambda: len(s + L.Linear(1, 1)))
    out['add_func'] = attempt(lambda: len(s + F.relu))
    out['iadd'] = attempt(lambda: len(s.__iadd__(t)))
    out['radd'] = attempt(lambda: len(F.relu + s))
    out['mul'] = attempt(lambda: len(s * 2))
    nested = ch.Sequential(L.Linear(1, 1), ch.Sequential(F.relu, ch.Sequential(L.Linear(1, 1))))
    out['nested_paths'] = [p for p, _ in nested.namedparams()]
    flat = nested.flatten()
    out['flatten'] = [len(flat), [p for p, _ in flat.namedparams()],
                      flat[0] is nested[0]]
    out['repr'] = norm(repr(ch.Sequential(L.Linear(1, 2), F.relu)))
    out['repr_empty'] = norm(repr(ch.Sequential()))
    out['str'] = norm(str(ch.Sequential(F.relu, ch.Sequential(F.relu), ch.ChainList(ch.Link()))))
    out['count'] = [s.count(l1), s.index(l1)]
    s.clear() if hasattr(s, 'clear') else None
    out['clear_len'] = len(s)
    out['nonlink'] = attempt(ch.Sequential, 3)
    seq = ch.Sequential(lambda x: (x, x), lambda a, b: a + b)
    out['tuple_pass'] = arr(np.asarray(getattr(seq(np.ones(2, 'f')), 'array', None)))
    s2 = ch.Sequential(L.Linear(1, 1), L.Linear(1, 1))

    def delitem():
        del s2[0]
        return [len(s2), [x.name for x in s2.children()]]
    out['delitem'] = attempt(delitem)
    s3 = ch.Sequential(L.Linear(1, 1), L.Linear(1, 1))

    def setitem():
        s3[0] = F.relu
        return [len(s3), [p for p, _ in s3.namedparams()]]
    out['setitem'] = attempt(setitem)
    out['copy_share'] = [p for p, _ in ch.Sequential(L.Linear(1, 1), F.relu,
                                                     L.Linear(1, 1)).copy().namedparams()]
    out['eq_len_call'] = attempt(lambda: arr(ch.Sequential()(np.ones(1, 'f'))))
    return out


def probe_link_call(ch):
    out = {}

    class WithForward(ch.Link):
        def forward(self, x):
            return x + 1

    class WithCall(ch.Link):
        def __call__(self, x):
            return x + 2

    class Neither(ch.Link):
        pass
    out['forward'] = WithForward()(1)
    out['call'] = WithCall()(1)
    out['call_forward'] = attempt(lambda: WithCall().forward(1))
    out['has_forward'] = [hasattr(ch.Link(), 'forward'), hasattr(ch.Chain(), 'forward'),
                          hasattr(ch.ChainList(), 'forward')]
    out['neither'] = attempt(Neither(), 1)
    out['neither_forward'] = attempt(lambda: Neither().forward(1))
    link = ch.links.Linear(1, 1)
    out['xp'] = link.xp is np
    out['device'] = [str(link.device), repr(link.device)]
    out['to_cpu'] = link.to_cpu() is link
    out['to_device'] = link.to_device('@numpy') is link
    out['to_device_int'] = attempt(lambda: link.to_device(-1) is link)
    out['update_enabled'] = [link.update_enabled]
    ch.optimizers.SGD().setup(link)
    out['update_enabled'].append(link.update_enabled)
    link.disable_update()
    out['update_enabled'].append(link.update_enabled)
    out['rules'] = [p.update_rule.enabled for p in link.params()]
    link.enable_update()
    out['update_enabled'].append(link.update_enabled)
    out['link_name'] = [link.name, ch.Chain().name]
    return out


# -- Variable ----------------------------------------------------------------------------------

def texts(v):
    return [attempt(lambda: f(v) if not isinstance(f(v), str) else norm(f(v)))
            for f in (repr, str, lambda v: v.label, lambda v: v.name, lambda v: v.summary())]


def probe_variable_repr(ch):
    V = ch.Variable
    cases = {
        'f32_2d': V(np.arange(6, dtype='f').reshape(2, 3)),
        'f64_1d': V(np.array([1.5, -2.0])),
        '0d': V(np.array(3.0, 'f')),
        'f16': V(np.array([1, 2], np.float16)),
        'int': V(np.array([1, 2], np.int32)),
        'named': V(np.zeros(2, 'f'), name='x'),
        'none': V(None),
        'none_named': V(name='y'),
        'empty': V(np.zeros((0, 2), 'f')),
        'bool': V(np.array([True, False])),
    }
    out = {}
    for k, v in cases.items():
        out[k] = texts(v)
    out['param'] = texts(ch.Parameter(np.ones(2, 'f'), name='W'))
    out['param_uninit'] = texts(ch.Parameter())
    g = V(np.ones((2, 2), 'f'))
    g.grad = np.full((2, 2), 0.5, 'f')
    out['with_grad'] = texts(g)
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    try:
        r = V(np.array([1.0, 2.0], 'f')).debug_print()
    finally:
        sys.stdout = old
    out['debug_print'] = [norm(r) if isinstance(r, str) else r, buf.getvalue()]
    return out


def probe_variable_grad(ch):
    V = ch.Variable
    out = {}
    v = V(np.zeros(3, 'f'))
    out['grad_none'] = [v.grad is None, v.grad_var is None]
    out['set_f64'] = attempt(setattr, v, 'grad', np.zeros(3))
    out['set_shape'] = attempt(setattr, v, 'grad', np.zeros(2, 'f'))
    out['set_list'] = attempt(setattr, v, 'grad', [0.0, 0.0, 0.0])
    out['set_int_on_int'] = attempt(setattr, V(np.zeros(2, 'i')), 'grad', np.zeros(2, 'i'))
    out['set_ok'] = attempt(lambda: (setattr(v, 'grad', np.ones(3, 'f')), arr(v.grad))[1])
    out['grad_var'] = [type(v.grad_var).__name__, v.grad_var.requires_grad]
    out['set_grad_var_var'] = attempt(lambda: (setattr(v, 'grad_var', V(np.ones(3, 'f'))),
                                               arr(v.grad))[1])
    out['set_grad_var_arr'] = attempt(setattr, v, 'grad_var', np.ones(3, 'f'))
    v.cleargrad()
    out['cleargrad'] = v.grad is None
    with warnings.catch_warnings(record=True):
        warnings.simplefilter('always')
        v.zerograd()
    out['zerograd'] = arr(v.grad)
    n = V(None)
    out['zerograd_none'] = attempt(n.zerograd)
    out['cleargrad_none'] = attempt(n.cleargrad)
    a, b = V(np.ones(2, 'f')), V(np.full(2, 2.0, 'f'))
    b.grad = np.full(2, 3.0, 'f')
    a.addgrad(b)
    out['addgrad_to_none'] = arr(a.grad)
    a.addgrad(b)
    out['addgrad_twice'] = arr(a.grad)
    c = V(np.ones(2, 'f'))
    out['addgrad_src_none'] = attempt(lambda: (c.addgrad(V(np.ones(2, 'f'))), arr(c.grad))[1])
    out['addgrad_shape'] = attempt(a.addgrad, V(np.ones(3, 'f')))
    out['copydata'] = attempt(lambda: (a.copydata(V(np.full(2, 7.0))), arr(a.array))[1])
    out['copydata_shape'] = attempt(a.copydata, V(np.zeros(3, 'f')))
    u = V(None)
    out['copydata_to_none'] = attempt(lambda: (u.copydata(V(np.ones(2, 'f'))), arr(u.array))[1])
    out['to_cpu'] = attempt(lambda: a.to_cpu() is None)
    out['to_device'] = attempt(lambda: a.to_device('@numpy') is None)
    out['requires_grad'] = [V(np.ones(1)).requires_grad,
                            V(np.ones(1), requires_grad=False).requires_grad]
    out['rg_set_grad'] = attempt(setattr, V(np.ones(1), requires_grad=False), 'grad', np.ones(1))
    out['int_var_grad_default'] = attempt(lambda: V(np.ones(2, 'i')).requires_grad)
    out['item'] = attempt(lambda: V(np.array([2.5], 'f')).item())
    out['item_multi'] = attempt(lambda: V(np.ones(2)).item())
    out['len'] = [len(V(np.ones((3, 2)))), attempt(len, V(np.array(1.0)))[0]]
    out['array_setter_shape'] = attempt(lambda: (setattr(a, 'array', np.zeros(5, 'f')),
                                                 list(a.shape))[1])
    out['data_setter'] = attempt(lambda: (setattr(a, 'data', np.zeros(2)), str(a.dtype))[1])
    out['bad_data'] = attempt(V, [1, 2])
    out['bad_data_scalar'] = attempt(V, 3.0)
    out['node'] = [type(V(np.ones(1)).node).__name__, V(np.ones(1)).rank]
    out['T'] = list(V(np.ones((2, 3))).T.shape)
    return out


def probe_variable_shape_ops(ch):
    v = ch.Variable(np.arange(24, dtype='f').reshape(2, 3, 4))
    out = {}
    for k, args in {'tuple': ((6, 4),), 'ints': (4, 6), 'neg': (-1,), 'neg2': ((2, -1),),
                    'list': ([3, 8],), 'bad': (5, 5), 'none': ()}.items():
        out['reshape_' + k] = attempt(lambda: list(v.reshape(*args).shape))
    for k, args in {'none': (), 'tuple': ((2, 0, 1),), 'ints': (1, 0, 2), 'neg': (-1, 0, 1),
                    'None': (None,), 'bad': (0, 1)}.items():
        out['transpose_' + k] = attempt(lambda: list(v.transpose(*args).shape))
    for k, kw in {'none': {}, 'ax0': {'axis': 0}, 'axt': {'axis': (0, 2)},
                  'neg': {'axis': -1}, 'keep': {'axis': 1, 'keepdims': True},
                  'weights': {'axis': 2, 'weights': np.arange(4, dtype='f')}}.items():
        out['mean_' + k] = attempt(lambda: arr(v.mean(**kw).array))
    out['ndim_size'] = [v.ndim, v.size, str(v.dtype)]
    return out


def probe_backward(ch):
    F = ch.functions
    V = ch.Variable
    out = {}
    x = V(np.array([1.0, 2.0, 3.0]))
    h = x * 2
    y = F.sum(h * h)
    y.backward()
    out['no_retain'] = [arr(x.grad), h.grad is None, arr(y.grad)]
    x.cleargrad()
    h = x * 2
    y = F.sum(h * h)
    y.backward(retain_grad=True)
    out['retain'] = [arr(x.grad), arr(h.grad), arr(y.grad)]
    y.backward()
    out['twice'] = arr(x.grad)
    x.cleargrad()
    y = F.sum(x * x)
    y.backward(loss_scale=4.0)
    out['loss_scale'] = arr(x.grad)
    leaf = V(np.array([1.0, 2.0]))
    out['leaf_vec'] = attempt(lambda: (leaf.backward(), arr(leaf.grad))[1])
    leaf0 = V(np.array(2.0))
    out['leaf_scalar'] = attempt(lambda: (leaf0.backward(), arr(leaf0.grad))[1])
    out['nonscalar'] = attempt(lambda: (x * 2).backward())
    vec = x * 2
    vec.grad = np.ones(3)
    x.cleargrad()
    vec.backward()
    out['nonscalar_with_grad'] = arr(x.grad)
    one = x[0:1] * 3
    x.cleargrad()
    out['size1'] = attempt(lambda: (one.backward(), arr(x.grad))[1])
    nr = V(np.array([1.0, 2.0]), requires_grad=False)
    w = V(np.array([3.0, 4.0]))
    F.sum(nr * w).backward()
    out['requires_grad_false'] = [nr.grad is None, arr(w.grad)]
    a = V(np.array([1.0, 2.0]))
    b = a * 2
    c = b * 3
    d = F.sum(c)
    c.unchain_backward()
    out['unchain_backward'] = [c.creator is None, b.creator is not None, d.creator is not None]
    d.backward()
    out['unchain_backward_grad'] = [a.grad is None, arr(c.grad)]
    e = a * 2
    e.unchain()
    out['unchain'] = e.creator is None
    f = V(np.array(1.0))
    g = f * f
    g.backward()
    g.backward()
    out['accumulate_leaf'] = arr(f.grad)
    with ch.no_backprop_mode():
        z = V(np.array([1.0])) * 2
    out['no_backprop'] = [z.creator is None, z.requires_grad]
    out['no_backprop_backward'] = attempt(lambda: F.sum(z).backward())
    ib = V(np.array([1.0, 2.0]))
    with ch.no_backprop_mode():
        zz = ib * 2
    out['no_backprop_node'] = [zz.creator is None, zz.requires_grad, zz.rank]
    xs = V(np.array([2.0]))
    y2 = xs * xs * xs
    y2.backward(enable_double_backprop=True)
    gx = xs.grad_var
    xs.cleargrad()
    gx.backward()
    out['double'] = arr(xs.grad)
    return out


def probe_parameter(ch):
    out = {}
    P = ch.Parameter
    p = P()
    out['empty'] = [p.array is None, attempt(lambda: p.grad),
                    p.shape if p.array is not None else None,
                    p.is_initialized, type(p.initializer).__name__ if p.initializer is not None
                    else None]
    p2 = P(ch.initializers.Constant(3.0), (2,))
    out['init_shape'] = [arr(p2.array), arr(p2.grad), p2.is_initialized]
    p3 = P(2.0, (2,))
    out['scalar_init'] = [arr(p3.array), arr(p3.grad)]
    p4 = P(np.ones(2, 'f'))
    out['array'] = [arr(p4.array), p4.grad is None, p4.requires_grad]
    p5 = P(ch.initializers.Constant(1.0))
    out['lazy'] = [p5.array is None, attempt(lambda: list(p5.shape))[0]]
    p5.initialize((3,))
    out['lazy_init'] = [arr(p5.array), arr(p5.grad)]
    p7 = P(None, (2,))
    out['none_init_shape'] = attempt(lambda: [arr(p7.array), str(p7.dtype)])
    p8 = P(np.arange(3, dtype='f'), name='w')
    import copy
    import pickle
    p8.grad = np.ones(3, 'f')
    d = copy.deepcopy(p8)
    out['deepcopy'] = [arr(d.array), arr(d.grad), d.name, type(d).__name__]
    q = pickle.loads(pickle.dumps(p8))
    out['pickle'] = [arr(q.array), arr(q.grad), q.name, type(q).__name__]
    lazy = P(ch.initializers.Constant(2.0))
    ql = pickle.loads(pickle.dumps(lazy))
    out['pickle_lazy'] = [ql.array is None, type(ql.initializer).__name__]
    ql.initialize((2,))
    out['pickle_lazy_init'] = arr(ql.array)
    out['cleargrad_uninit'] = attempt(lambda: (P().cleargrad(), None)[1])
    pz = P(ch.initializers.Constant(1.0))
    with warnings.catch_warnings(record=True):
        warnings.simplefilter('always')
        pz.zerograd()
    out['zerograd_uninit'] = attempt(lambda: pz.grad)
    pz.initialize((2,))
    out['zerograd_uninit_then_init'] = arr(pz.grad)
    pc = P(ch.initializers.Constant(1.0))
    pc.cleargrad()
    pc.initialize((2,))
    out['cleargrad_then_init'] = attempt(lambda: arr(pc.grad))
    pa = P(ch.initializers.Constant(1.0))
    out['copydata_uninit'] = attempt(lambda: (pa.copydata(P(np.ones(2, 'f'))), arr(pa.array))[1])
    pb = P(ch.initializers.Constant(1.0))
    src = P(np.ones(2, 'f'))
    src.grad = np.full(2, 2.0, 'f')
    out['addgrad_uninit'] = attempt(lambda: (pb.addgrad(src), arr(pb.array), arr(pb.grad))[1:])
    out['dtype_init'] = [str(P(ch.initializers.Constant(1.0, dtype=np.float64), (1,)).dtype),
                         str(P(np.float16(1.0) * np.ones(1, np.float16)).dtype)]
    out['update_no_rule'] = attempt(lambda: P(np.ones(1, 'f')).update())
    return out


# -- Function / FunctionNode / grad -------------------------------------------------------------

def probe_function_nodes(ch):
    out = {}
    F = ch.functions

    class Square(ch.FunctionNode):
        def forward(self, inputs):
            self.retain_inputs((0,))
            return inputs[0] ** 2,

        def backward(self, indexes, gys):
            x, = self.get_retained_inputs()
            return 2 * x * gys[0],

    class Mul(ch.FunctionNode):
        def forward(self, inputs):
            self.retain_inputs((0, 1))
            self.retain_outputs((0,))
            return inputs[0] * inputs[1],

        def backward(self, indexes, gys):
            a, b = self.get_retained_inputs()
            out['mul_retained_out'] = [arr(y.array) for y in self.get_retained_outputs()]
            out['mul_indexes'] = list(indexes)
            return b * gys[0], a * gys[0]

    x = ch.Variable(np.array([1.0, 2.0]))
    y, = Square().apply((x,))
    out['apply_type'] = [type(y).__name__, y.creator is not None, type(y.creator).__name__,
                         y.creator.label, y.rank, x.rank]
    F.sum(y).backward()
    out['square_grad'] = arr(x.grad)
    a = np.array([3.0, 4.0])
    b = ch.Variable(np.array([5.0, 6.0]))
    z, = Mul().apply((a, b))
    out['mixed'] = [type(z).__name__, z.requires_grad]
    F.sum(z).backward()
    out['mixed_grad'] = arr(b.grad)
    z2, = Mul().apply((np.ones(1), np.ones(1)))
    out['all_arrays'] = [z2.requires_grad, z2.creator is not None]
    with ch.no_backprop_mode():
        z3, = Mul().apply((a, b))
    out['no_backprop'] = [z3.requires_grad, z3.creator is None]
    z4, = Mul().apply((ch.Variable(np.ones(1), requires_grad=False), np.ones(1)))
    out['no_requires_grad_inputs'] = [z4.requires_grad, z4.creator is not None]

    class NoBackward(ch.FunctionNode):
        def forward(self, inputs):
            return inputs[0] * 1,
    w = ch.Variable(np.ones(2))
    nb, = NoBackward().apply((w,))
    out['no_backward'] = attempt(lambda: F.sum(nb).backward())

    class Bad(ch.FunctionNode):
        def forward(self, inputs):
            return [inputs[0]]
    out['list_output'] = attempt(lambda: type(Bad().apply((np.ones(1),))[0]).__name__)

    class NotRetained(ch.FunctionNode):
        def forward(self, inputs):
            return inputs[0] * 2,

        def backward(self, indexes, gys):
            return self.get_retained_inputs()
    out['get_retained_none'] = attempt(lambda: (F.sum(NotRetained().apply(
        (ch.Variable(np.ones(1)),))[0]).backward()))

    class OldSquare(ch.Function):
        def forward(self, inputs):
            self.retain_inputs((0,))
            return inputs[0] ** 2,

        def backward(self, inputs, gys):
            return 2 * inputs[0] * gys[0],
    xo = ch.Variable(np.array([1.0, 3.0]))
    yo = OldSquare()(xo)
    out['old_type'] = [type(yo).__name__, type(yo.creator).__name__,
                       type(getattr(yo.creator, 'function', None)).__name__, yo.creator.label]
    F.sum(yo).backward()
    out['old_grad'] = arr(xo.grad)

    class OldTwo(ch.Function):
        def forward(self, inputs):
            return inputs[0] + inputs[1], inputs[0] - inputs[1]

        def backward(self, inputs, gys):
            g0 = (0 if gys[0] is None else gys[0]) + (0 if gys[1] is None else gys[1])
            g1 = (0 if gys[0] is None else gys[0]) - (0 if gys[1] is None else gys[1])
            return g0 * np.ones_like(inputs[0]), g1 * np.ones_like(inputs[1])
    p, q = ch.Variable(np.ones(2)), ch.Variable(np.ones(2))
    r = OldTwo()(p, q)
    out['old_two'] = [type(r).__name__, len(r)]
    F.sum(r[0]).backward()
    out['old_two_grad'] = [arr(p.grad), arr(q.grad)]
    return out


def probe_grad(ch):
    out = {}
    V = ch.Variable
    x = V(np.array([1.0, 2.0]))
    y = x * x * x
    out['basic'] = attempt(lambda: [arr(g.array) for g in ch.grad([y], [x])])
    out['basic_grad_outputs'] = attempt(lambda: [arr(g.array) for g in ch.grad(
        [y], [x], [V(np.array([1.0, 0.5]))])])
    out['x_grad_untouched'] = x.grad is None
    gx, = ch.grad([y], [x], [V(np.ones(2))], enable_double_backprop=True)
    out['double'] = attempt(lambda: [arr(g.array) for g in ch.grad(
        [gx], [x], [V(np.ones(2))])])
    out['set_grad'] = attempt(lambda: (ch.grad([y], [x], [V(np.ones(2))], set_grad=True),
                                       arr(x.grad))[1])
    x.cleargrad()
    h = x * 2
    z = h * h
    ch.grad([z], [x], [V(np.ones(2))], retain_grad=True)
    out['retain_grad'] = [h.grad is None, x.grad is None]
    gi = V(np.array([10.0, 10.0]))
    out['grad_inputs'] = attempt(lambda: [arr(g.array) for g in ch.grad(
        [z], [x], [V(np.ones(2))], grad_inputs=[gi])])
    out['loss_scale'] = attempt(lambda: [arr(g.array) for g in ch.grad(
        [ch.functions.sum(z)], [x], loss_scale=2.0)])
    out['unrelated'] = attempt(lambda: [g for g in ch.grad([z], [V(np.ones(2))],
                                                           [V(np.ones(2))])])
    out['unrelated'][1] = [g is None for g in out['unrelated'][1]] \
        if out['unrelated'][0] == 'ok' else out['unrelated'][1]
    out['not_list'] = attempt(lambda: len(ch.grad(z, [x])))
    out['nonscalar_no_go'] = attempt(lambda: [arr(g.array) for g in ch.grad([z], [x])])
    out['bad_len'] = attempt(ch.grad, [z], [x], [V(np.ones(2)), V(np.ones(2))])
    out['inputs_tuple'] = attempt(lambda: len(ch.grad((z,), (x,), (V(np.ones(2)),))))
    out['array_go'] = attempt(lambda: [arr(g.array) for g in ch.grad([z], [x], [np.ones(2)])])
    out['type'] = type(ch.grad([ch.functions.sum(z)], [x])).__name__
    out['go_none'] = attempt(lambda: [arr(g.array) for g in ch.grad(
        [ch.functions.sum(z)], [x], [None])])
    return out


# -- Reporter / Summary -----------------------------------------------------------------------

def probe_reporter(ch):
    out = {}
    s = ch.reporter.Summary()
    for v in (1.0, 2.0, np.float32(4.0)):
        s.add(v)
    out['summary'] = [float(s.compute_mean()), [float(t) for t in s.make_statistics()]]
    s.add(np.array(3.0, 'f'), weight=2)
    out['summary_weight'] = [float(s.compute_mean()), [float(t) for t in s.make_statistics()]]
    d = ch.serializers.DictionarySerializer()
    s.serialize(d)
    out['summary_keys'] = sorted([k, repr(np.asarray(v).dtype)] for k, v in d.target.items())
    s2 = ch.reporter.Summary()
    s2.serialize(ch.serializers.NpzDeserializer(d.target))
    out['summary_load'] = float(s2.compute_mean())
    ds = ch.reporter.DictSummary()
    ds.add({'a': 1.0, 'b': ch.Variable(np.array(2.0, 'f')), 'd': 3})
    ds.add({'a': 3.0, 'b': np.array(4.0, 'f')})
    out['dict_mean'] = sorted([k, float(v)] for k, v in ds.compute_mean().items())
    out['dict_stats'] = sorted([k, float(v)] for k, v in ds.make_statistics().items())
    out['dict_mean_types'] = sorted([k, type(v).__name__] for k, v in ds.compute_mean().items())
    d = ch.serializers.DictionarySerializer()
    ds.serialize(d)
    out['dict_keys'] = sorted(d.target)
    ds2 = ch.reporter.DictSummary()
    ds2.serialize(ch.serializers.NpzDeserializer(d.target))
    out['dict_load'] = sorted([k, float(v)] for k, v in ds2.compute_mean().items())
    arrays = ch.reporter.Summary()
    arrays.add(np.array([1.0, 2.0]))
    arrays.add(np.array([3.0, 6.0]), weight=3)
    out['summary_arrays'] = [arr(arrays.compute_mean()),
                             [arr(v) for v in arrays.make_statistics()]]
    ds_arrays = ch.reporter.DictSummary()
    ds_arrays.add({'a': np.array([1.0, 2.0]), 'b': (2.0, 3), 'c': np.int32(3), 'd': True})
    out['dict_skips'] = sorted([k, float(v)] for k, v in ds_arrays.compute_mean().items())
    empty = ch.reporter.Summary()
    out['empty_mean'] = attempt(lambda: float(empty.compute_mean()))
    r = ch.Reporter()
    link = ch.links.Linear(1, 1)
    r.add_observer('main', link)
    r.add_observers('sub', [('a', ch.links.Linear(1, 1))])
    obs = {}
    with r.scope(obs):
        r.report({'x': 1.0})
        r.report({'y': 2.0}, link)
        ch.report({'z': 3.0}, link)
        ch.report({'w': 4.0})
    out['report_keys'] = sorted(obs)
    out['report_outside'] = attempt(ch.report, {'x': 1.0})
    obs2 = {}
    with r.scope(obs2):
        ch.report({'v': ch.Variable(np.array(1.0))})
    out['report_variable'] = [type(obs2['v']).__name__]
    obs3 = {}
    with r, ch.reporter.report_scope(obs3):
        ch.report({'u': 1.0})
    out['report_scope'] = sorted(obs3)
    return out


# -- Training -----------------------------------------------------------------------------

def _setup(ch, out, epochs=2, batch=4, stop=None):
    rng = np.random.RandomState(3)
    x = rng.rand(10, 4).astype('f')
    t = rng.randint(0, 3, 10).astype('i')
    model = ch.links.Classifier(ch.links.Linear(4, 3))
    model.predictor.W.array[...] = rng.normal(size=(3, 4)).astype('f')
    model.predictor.b.array[...] = 0
    opt = ch.optimizers.MomentumSGD(lr=0.1).setup(model)
    data = ch.datasets.TupleDataset(x, t)
    it = ch.iterators.SerialIterator(data, batch, shuffle=False)
    updater = ch.training.updaters.StandardUpdater(it, opt)
    trainer = ch.training.Trainer(updater, stop or (epochs, 'epoch'), out=out)
    return trainer, model, data


def _trigger_repr(trigger):
    if isinstance(trigger, tuple):
        return list(trigger)
    name = type(trigger).__name__
    if name == 'IntervalTrigger':
        return [name, trigger.period, trigger.unit]
    return [name]


def probe_training_extension_defaults(ch):
    E = ch.training.extensions
    out = {}
    model = ch.links.Classifier(ch.links.Linear(2, 2))
    it = ch.iterators.SerialIterator([(np.zeros(2, 'f'), 0)], 1, repeat=False)
    factories = {
        'Evaluator': lambda: E.Evaluator(it, model),
        'LogReport': lambda: E.LogReport(),
        'PrintReport': lambda: E.PrintReport(['epoch']),
        'ProgressBar': lambda: E.ProgressBar(),
        'PlotReport': lambda: E.PlotReport(['main/loss']),
        'snapshot': lambda: E.snapshot(),
        'snapshot_object': lambda: E.snapshot_object(model, 'm_{.updater.iteration}'),
        'ExponentialShift': lambda: E.ExponentialShift('lr', 0.5),
        'LinearShift': lambda: E.LinearShift('lr', (1.0, 0.1), (0, 10)),
        'StepShift': lambda: E.StepShift('lr', 0.5, 2),
        'MultistepShift': lambda: E.MultistepShift('lr', 0.5, [1, 2], 1.0),
        'PolynomialShift': lambda: E.PolynomialShift('lr', 0.5, 10),
        'WarmupShift': lambda: E.WarmupShift('lr', 0.1, 3, 1.0),
        'InverseShift': lambda: E.InverseShift('lr', 0.1, 0.5),
        'observe_lr': lambda: E.observe_lr(),
        'observe_value': lambda: E.observe_value('v', lambda t: 1),
        'FailOnNonNumber': lambda: E.FailOnNonNumber(),
        'DumpGraph': lambda: E.DumpGraph('main/loss'),
        'MicroAverage': lambda: E.MicroAverage('a', 'b', 'c'),
        'unchain_variables': lambda: E.unchain_variables(),
        'ParameterStatistics': lambda: E.ParameterStatistics(model),
    }
    for name, make in factories.items():
        def describe():
            ext = make()
            default = getattr(ext, 'default_name', None)
            return {'default_name': default if isinstance(default, str) else repr(default),
                    'name': getattr(ext, 'name', None),
                    'priority': getattr(ext, 'priority', None),
                    # Chainer's unchain_variables.trigger returns None (never fires), a bug
                    # chainlite does not copy.
                    'trigger': None if name == 'unchain_variables' else
                    _trigger_repr(getattr(ext, 'trigger', None))}
        out[name] = attempt(describe)
    trainer, _, _ = _setup(ch, _tmpdir())
    for ext in (E.LogReport(), E.LogReport(), E.observe_lr(), E.observe_value('x', lambda t: 1),
                E.snapshot(), E.snapshot(filename='s2')):
        trainer.extend(ext)
    trainer.extend(E.LogReport(), name='mine')
    trainer.extend(E.LogReport(), name='mine')
    out['registered'] = sorted(
        n for n in ('LogReport', 'LogReport_1', 'LogReport_2', 'LogReport_3', '_observe_value',
                    '_observe_value_1', '_observe_value_2', '_Snapshot', '_Snapshot_1',
                    '_Snapshot_2', 'mine', 'mine_1', 'mine_2')
        if attempt(trainer.get_extension, n)[0] == 'ok')
    out['get_missing'] = attempt(trainer.get_extension, 'nope')
    out['reserved'] = attempt(trainer.extend, E.LogReport(), name='training')
    out['priorities'] = [ch.training.PRIORITY_WRITER, ch.training.PRIORITY_EDITOR,
                         ch.training.PRIORITY_READER]
    base = ch.training.Extension()
    out['base'] = [base.default_name, base.priority, _trigger_repr(base.trigger), base.name]

    @ch.training.make_extension()
    def plain(trainer):
        pass
    out['make_extension'] = [plain.default_name, plain.priority, _trigger_repr(plain.trigger)]
    return out


def probe_training_snapshot_keys(ch):
    E = ch.training.extensions
    out_dir = _tmpdir()
    trainer, model, data = _setup(ch, out_dir)
    val = ch.iterators.SerialIterator(data, 5, repeat=False, shuffle=False)
    trainer.extend(E.Evaluator(val, model))
    trainer.extend(E.ExponentialShift('lr', 0.5), trigger=(1, 'epoch'))
    trainer.extend(E.observe_lr())
    trainer.extend(E.LogReport(trigger=(3, 'iteration')))
    trainer.extend(E.PrintReport(['epoch', 'main/loss'], out=io.StringIO()))
    trainer.extend(E.snapshot(), trigger=(1, 'epoch'))
    trainer.extend(E.FailOnNonNumber(),
                   trigger=ch.training.triggers.MinValueTrigger('main/loss', (2, 'iteration')))
    trainer.run()
    s = ch.serializers.DictionarySerializer()
    trainer.serialize(s)
    # Strings (the JSON log) vary in length with the elapsed times in them: keep only the kind.
    keys = sorted([k, list(np.shape(v)), str(np.asarray(v).dtype)
                   if np.asarray(v).dtype.kind != 'U' else 'str']
                  for k, v in s.target.items() if '_snapshot_elapsed_time' not in k)
    out = {'keys': chainer_keys(keys), 'has_elapsed': '_snapshot_elapsed_time' in s.target}
    out['files'] = sorted(os.listdir(out_dir))
    with np.load(os.path.join(out_dir, 'snapshot_iter_3')) as f:
        out['snapshot_file_keys'] = chainer_keys(sorted(f.files))
    with open(os.path.join(out_dir, 'log')) as f:
        log = json.load(f)
    out['log_keys'] = [sorted(e) for e in log]
    out['log_values'] = [[e['epoch'], e['iteration'], round(e['main/loss'], 5),
                          e.get('lr')] for e in log]
    with open(os.path.join(out_dir, 'log')) as f:
        text = f.read()
    out['log_layout'] = [text[:2], text.count('\n'), text.count('    "epoch"')]
    lr = trainer.get_extension('LogReport')
    out['logreport_log_type'] = type(lr.log).__name__
    return out


def probe_training_print_report(ch):
    E = ch.training.extensions
    out_dir = _tmpdir()
    trainer, model, data = _setup(ch, out_dir)
    buf = io.StringIO()
    trainer.extend(E.LogReport(trigger=(1, 'epoch')))
    trainer.extend(E.observe_value('const', lambda t: 123456.78901))
    trainer.extend(E.PrintReport(['epoch', 'iteration', 'main/loss', 'missing', 'a-very-long-'
                                  'column-name-here', 'const'], out=buf))
    trainer.extend(E.observe_value('a-very-long-column-name-here', lambda t: 3))
    trainer.run()
    lines = buf.getvalue().split('\n')
    out = {'header': lines[0], 'n_lines': len(lines),
           'row_shapes': [re.sub(r'\d', '9', line) for line in lines[1:]]}
    buf2 = io.StringIO()
    trainer2, _, _ = _setup(ch, _tmpdir(), epochs=1)
    trainer2.extend(E.LogReport(trigger=(1, 'iteration')))
    trainer2.extend(E.PrintReport(['iteration', 'main/accuracy'], out=buf2))
    trainer2.run()
    out['iteration_rows'] = buf2.getvalue().split('\n')[:2]
    return out


def probe_training_triggers(ch):
    T = ch.training.triggers
    out = {}

    class Fake:
        def __init__(self, it_per_epoch):
            self.it_per_epoch = it_per_epoch
            self.iteration = 0
            self.epoch = 0
            self.epoch_detail = 0.0
            self.is_new_epoch = False

    class FakeTrainer:
        def __init__(self, n):
            self.updater = Fake(n)
            self.observation = {}

        def step(self):
            u = self.updater
            u.iteration += 1
            u.epoch_detail = u.iteration / u.it_per_epoch
            new_epoch = int(u.epoch_detail)
            u.is_new_epoch = new_epoch != u.epoch
            u.epoch = new_epoch

    def fire(trigger, n=3, steps=12, values=None):
        t = FakeTrainer(n)
        seq = []
        for i in range(steps):
            t.step()
            t.observation = {} if values is None else {'main/loss': values[i]}
            seq.append(int(bool(trigger(t))))
        return seq
    out['interval_iter'] = fire(T.IntervalTrigger(3, 'iteration'))
    out['interval_epoch'] = fire(T.IntervalTrigger(1, 'epoch'), n=3)
    out['interval_epoch2'] = fire(T.IntervalTrigger(2, 'epoch'), n=2)
    out['interval_bad_unit'] = attempt(T.IntervalTrigger, 1, 'day')
    out['interval_repr'] = attempt(lambda: norm(str(T.IntervalTrigger(2, 'epoch'))))
    out['interval_attrs'] = [T.IntervalTrigger(2, 'epoch').period,
                             T.IntervalTrigger(2, 'epoch').unit]
    out['interval_state'] = [attempt(lambda: T.IntervalTrigger(1, 'epoch').get_training_length())]
    out['manual_iter'] = fire(T.ManualScheduleTrigger([2, 5, 5, 9], 'iteration'))
    out['manual_epoch'] = fire(T.ManualScheduleTrigger([1, 3], 'epoch'), n=2)
    out['manual_int'] = fire(T.ManualScheduleTrigger(4, 'iteration'))
    m = T.ManualScheduleTrigger([2, 4], 'iteration')
    fire(m, steps=5)
    out['manual_finished'] = attempt(lambda: m.finished)
    vals = [5.0, 4.0, 6.0, 3.0, 3.0, 2.5, 7.0, 1.0, 1.0, 0.5, 4.0, 0.1]
    out['min_iter'] = fire(T.MinValueTrigger('main/loss', (2, 'iteration')), values=vals)
    out['max_iter'] = fire(T.MaxValueTrigger('main/loss', (2, 'iteration')), values=vals)
    out['min_every'] = fire(T.MinValueTrigger('main/loss', (1, 'iteration')), values=vals)
    out['min_epoch'] = fire(T.MinValueTrigger('main/loss'), values=vals, n=3)
    out['once'] = fire(T.OnceTrigger())
    out['once_call_on_resume'] = fire(T.OnceTrigger(call_on_resume=True))
    out['early'] = attempt(lambda: fire(T.EarlyStoppingTrigger(
        check_trigger=(1, 'iteration'), monitor='main/loss', patience=2,
        max_trigger=(100, 'iteration')),
        values=[3.0, 2.0, 2.5, 2.6, 2.7, 1.0, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0]))
    out['get_trigger'] = [type(ch.training.get_trigger((1, 'epoch'))).__name__,
                          attempt(lambda: ch.training.get_trigger(None)(None)),
                          ch.training.get_trigger(len) is len]
    d = ch.serializers.DictionarySerializer()
    tr = T.IntervalTrigger(2, 'iteration')
    fire(tr, steps=3)
    tr.serialize(d)
    out['interval_ser_keys'] = sorted(d.target)
    d = ch.serializers.DictionarySerializer()
    mv = T.MinValueTrigger('main/loss', (2, 'iteration'))
    fire(mv, steps=3, values=vals)
    mv.serialize(d)
    out['min_ser_keys'] = sorted(d.target)
    d = ch.serializers.DictionarySerializer()
    ms = T.ManualScheduleTrigger([2], 'iteration')
    fire(ms, steps=3)
    ms.serialize(d)
    out['manual_ser_keys'] = sorted(d.target)
    return out


def probe_training_updater(ch):
    trainer, model, data = _setup(ch, _tmpdir(), stop=(3, 'iteration'))
    trainer.run()
    u = trainer.updater
    s = ch.serializers.DictionarySerializer()
    u.serialize(s)
    out = {'keys': chainer_keys(sorted(s.target)),
           'state': [u.iteration, u.epoch, round(u.epoch_detail, 5), u.is_new_epoch,
                     u.previous_epoch_detail]}
    out['optimizers'] = sorted(u.get_all_optimizers())
    out['get_optimizer'] = type(u.get_optimizer('main')).__name__
    out['get_iterator'] = type(u.get_iterator('main')).__name__
    out['observation'] = sorted(trainer.observation)
    obs = {}
    with trainer.reporter.scope(obs):
        ch.report({'v': 1.0}, model.predictor)
        ch.report({'v': 1.0}, model)
    out['reporter_names'] = sorted(obs)
    out['trainer_attrs'] = [trainer.out == trainer.out, trainer.is_before_training,
                            type(trainer.elapsed_time).__name__]
    return out


def probe_training_value_shifts(ch):
    E = ch.training.extensions
    shifts = {
        'exp': lambda: E.ExponentialShift('lr', 0.5),
        'exp_target': lambda: E.ExponentialShift('lr', 0.5, init=0.4, target=0.1),
        'exp_up_target': lambda: E.ExponentialShift('lr', 2.0, target=0.5),
        'linear': lambda: E.LinearShift('lr', (0.2, 0.0), (1, 4)),
        'step': lambda: E.StepShift('lr', 0.5, 2),
        'step_target': lambda: E.StepShift('lr', 0.5, 2, target=0.04),
        'multistep': lambda: E.MultistepShift('lr', 0.5, [2, 4], 0.3),
        'poly': lambda: E.PolynomialShift('lr', 0.5, 6),
        'poly_init': lambda: E.PolynomialShift('lr', 2.0, 6, init=0.3),
        'warmup': lambda: E.WarmupShift('lr', 0.01, 3, 0.1),
        'inverse': lambda: E.InverseShift('lr', 0.5, 2.0),
        'inverse_target': lambda: E.InverseShift('lr', 0.5, 2.0, target=0.05),
    }
    out = {}
    for name, make in shifts.items():
        def run():
            trainer, model, _ = _setup(ch, _tmpdir(), stop=(6, 'iteration'))
            opt = trainer.updater.get_optimizer('main')
            lrs = []
            trainer.extend(make())
            trainer.extend(lambda t: lrs.append(round(float(opt.lr), 7)), name='spy',
                           priority=0)
            trainer.run()
            return [round(float(opt.lr), 7)] + lrs
        out[name] = attempt(run)
    return out


def probe_training_log_and_evaluator(ch):
    E = ch.training.extensions
    out = {}
    out_dir = _tmpdir()
    trainer, model, data = _setup(ch, out_dir, stop=(5, 'iteration'))
    val = ch.iterators.SerialIterator(data, 4, repeat=False, shuffle=False)
    trainer.extend(E.Evaluator(val, model), trigger=(2, 'iteration'))
    trainer.extend(E.Evaluator(val, model, eval_func=lambda x, t: model(x, t) * 2),
                   name='val2', trigger=(2, 'iteration'))
    trainer.extend(E.LogReport(keys=['main/loss', 'validation/main/loss'],
                               trigger=(2, 'iteration'), log_name='mylog'))

    def post(summary):
        summary['extra'] = 1
    trainer.extend(E.LogReport(postprocess=post, log_name=None, trigger=(3, 'iteration')),
                   name='nolog')
    trainer.run()
    lr = trainer.get_extension('LogReport')
    out['keys_filter'] = [sorted(e) for e in lr.log]
    out['keys_filter_values'] = [[e['iteration'], e['epoch'],
                                  round(e.get('validation/main/loss', -1), 5)] for e in lr.log]
    out['postprocess'] = [sorted(e) for e in trainer.get_extension('nolog').log]
    out['files'] = sorted(os.listdir(out_dir))
    ev = trainer.get_extension('validation')
    result = ev()
    out['evaluate'] = sorted([k, round(float(v), 5)] for k, v in result.items())
    out['val2'] = sorted(trainer.get_extension('val2')())
    out['evaluate_alone'] = attempt(lambda: sorted(ev.evaluate()))
    ev3 = E.Evaluator({'main': val, 'other': val}, model)
    out['iterators_dict'] = sorted(ev3._iterators) if hasattr(ev3, '_iterators') else None
    out['get_iterator'] = [type(ev3.get_iterator('main')).__name__,
                           type(ev3.get_target('main')).__name__,
                           sorted(ev3.get_all_targets()), sorted(ev3.get_all_iterators())]
    out['eval_hook'] = []
    ev4 = E.Evaluator(val, model, eval_hook=lambda e: out['eval_hook'].append(type(e).__name__))
    ev4()
    d = ch.serializers.DictionarySerializer()
    lr.serialize(d)
    out['log_report_ser'] = sorted(d.target)
    return out


def probe_link_edge_cases(ch):
    L = ch.links
    out = {}
    shared = L.Linear(1, 1)
    c = ch.Chain()
    with c.init_scope():
        c.a = shared
        c.b = shared
    out['shared_link_paths'] = [p for p, _ in c.namedparams()]
    out['shared_link_params'] = len(list(c.params()))
    out['shared_link_count'] = c.count_params()
    out['shared_link_names'] = [p for p, _ in c.namedlinks()]
    link = ch.Link()
    p = ch.Parameter(np.ones(2, 'f'))
    with link.init_scope():
        link.x = p
        link.y = p
    out['shared_param_paths'] = [q for q, _ in link.namedparams()]
    out['shared_param_name'] = p.name
    out['getitem'] = [type(c['a']).__name__, attempt(lambda: c['zz'])]
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        n = L.Linear(None, 2).count_params()
    out['count_uninit'] = [n, len(w) > 0]
    a, b = L.Linear(2, 2), L.Linear(3, 2)
    out['copyparams_shape'] = attempt(a.copyparams, b)
    m1 = ch.Chain(l=L.Linear(1, 1))
    m2 = ch.Chain(k=L.Linear(1, 1))
    out['copyparams_structure'] = attempt(m1.copyparams, m2)
    out['addgrads_structure'] = attempt(m1.addgrads, m2)
    out['to_gpu'] = attempt(lambda: L.Linear(1, 1).to_gpu())
    out['bad_init_kwargs'] = attempt(lambda: ch.Chain(x=3))
    out['link_init_kwarg_dtype'] = attempt(lambda: [str(ch.Link(W=((2,), np.float64)).W.dtype)])
    bn = L.BatchNormalization(2)
    out['persistents_moved'] = [type(bn.avg_mean).__name__, type(bn.N).__name__]
    u = L.Linear(None, 2)
    s = ch.serializers.DictionarySerializer()
    s.save(u)
    out['uninit_saved'] = sorted([k, repr(v)] for k, v in s.target.items() if v is None or
                                 np.asarray(v).dtype == object)
    out['uninit_loaded_into_uninit'] = attempt(
        lambda: ch.serializers.NpzDeserializer(s.target).load(L.Linear(None, 2)))
    out['uninit_loaded_into_init'] = attempt(
        lambda: ch.serializers.NpzDeserializer(s.target).load(L.Linear(3, 2)))
    out['enable_update_no_rules'] = [L.Linear(1, 1).update_enabled]
    frozen = L.Linear(1, 1)
    frozen.disable_update()
    ch.optimizers.SGD().setup(frozen)
    out['disable_before_setup'] = [frozen.update_enabled,
                                   [q.update_rule.enabled for q in frozen.params()]]
    return out


def probe_variable_misc(ch):
    V = ch.Variable
    out = {}
    v = V(np.array([1.0, 2.0], 'f'))
    out['np_left_mul'] = [type(np.float32(2) * v).__name__, type(np.ones(2, 'f') * v).__name__,
                          type(np.ones(2, 'f') + v).__name__]
    out['bool'] = [attempt(bool, V(np.array([1.0]))), attempt(bool, V(np.array([1.0, 2.0])))]
    out['iter'] = attempt(lambda: [type(x).__name__ for x in V(np.ones(2))])
    out['hash'] = attempt(lambda: isinstance(hash(v), int))
    out['eq'] = attempt(lambda: type(v == v).__name__)
    out['float'] = [attempt(float, V(np.array(2.0))), attempt(int, V(np.array(2.0)))]
    out['neg_abs_pow'] = [arr((-v).array), arr(abs(-v).array), arr((v ** 2).array),
                          arr((2 ** v).array), arr((v @ v).array)]
    out['div'] = [arr((v / 2).array), arr((1 / v).array), arr((v // 1.5).array)]
    out['dtype_mix'] = attempt(lambda: str((v + np.ones(2, 'd')).dtype))
    out['scalar_mix'] = [str((v * 2).dtype), str((v * 2.5).dtype), str((v + np.float64(1)).dtype)]
    out['retain_data'] = attempt(lambda: (v.retain_data(), None)[1])
    w = v * 2
    out['node'] = [w.node.creator is w.creator, w.node.data is not None,
                   type(w.node).__name__, w.node.requires_grad]
    out['creator_inputs'] = [type(w.creator.inputs[0]).__name__, len(w.creator.inputs),
                             type(w.creator.outputs[0]).__name__]
    out['array_none'] = attempt(lambda: (setattr(v, 'array', None), v.shape)[1])
    out['xp_device'] = [V(np.ones(1)).xp is np, str(V(np.ones(1)).device)]
    n = V(None)
    out['none_attrs'] = [attempt(lambda: n.shape), attempt(lambda: n.dtype),
                         attempt(lambda: n.ndim),
                         attempt(lambda: n.size), attempt(lambda: len(n)), n.xp is np]
    out['T_1d'] = list(V(np.ones(3)).T.shape)
    out['getitem'] = [arr(V(np.arange(6.).reshape(2, 3))[1, ::2].array),
                      arr(V(np.arange(6.).reshape(2, 3))[np.array([1, 0])].array),
                      attempt(lambda: arr(V(np.arange(6.).reshape(2, 3))[None, 1].array)),
                      attempt(lambda: arr(V(np.arange(6.))[[True] * 3 + [False] * 3].array))]
    out['setitem'] = attempt(lambda: v.__setitem__(0, 1.0))
    return out


def probe_function_node_misc(ch):
    out = {}
    F = ch.functions

    class Id(ch.FunctionNode):
        def forward(self, inputs):
            return inputs[0].copy(),

        def backward(self, indexes, gys):
            return gys[0],

    x = ch.Variable(np.ones(2))
    node = Id()
    y, = node.apply((x,))
    out['label'] = node.label
    out['inputs'] = [type(node.inputs[0]).__name__, node.inputs[0] is x.node]
    out['outputs'] = [type(node.outputs[0]).__name__]
    out['rank'] = [node.rank, x.rank, y.rank]
    out['stack'] = attempt(lambda: node.stack)
    out['apply_twice'] = attempt(lambda: node.apply((x,)))
    out['output_data_none'] = attempt(lambda: node.output_data)

    class Typed(ch.FunctionNode):
        def check_type_forward(self, in_types):
            ch.utils.type_check._argname(in_types, ('x',))
            ch.utils.type_check.expect(in_types[0].dtype.kind == 'f', in_types[0].ndim == 2)

        def forward(self, inputs):
            return inputs[0],
    out['typecheck_ok'] = attempt(lambda: list(Typed().apply((np.ones((1, 1)),))[0].shape))
    out['typecheck_bad'] = attempt(lambda: Typed().apply((np.ones(1),)))
    out['typecheck_count'] = attempt(lambda: Typed().apply((np.ones((1, 1)), np.ones((1, 1)))))
    try:
        Typed().apply((np.ones(1),))
    except Exception as e:
        out['typecheck_msg'] = str(e).splitlines()

    class Two(ch.FunctionNode):
        def forward(self, inputs):
            return inputs[0] * 2, inputs[0] * 3

        def backward(self, indexes, gys):
            out['two_gys'] = [g is None for g in gys]
            g = 0
            if gys[0] is not None:
                g = g + 2 * gys[0]
            if gys[1] is not None:
                g = g + 3 * gys[1]
            return g,
    x = ch.Variable(np.ones(2))
    a, b = Two().apply((x,))
    F.sum(a).backward()
    out['two_grad'] = arr(x.grad)

    class Scalar(ch.FunctionNode):
        def forward(self, inputs):
            return np.float64(inputs[0].sum()),
    out['numpy_scalar_output'] = attempt(
        lambda: type(Scalar().apply((np.ones(2),))[0].array).__name__)

    class Wrong(ch.FunctionNode):
        def forward(self, inputs):
            return inputs[0]
    out['non_tuple_output'] = attempt(lambda: Wrong().apply((np.ones(2),)))
    with ch.using_config('enable_backprop', False):
        y = ch.Variable(np.ones(1)) * 2
    out['enable_backprop_false'] = [y.creator is None]
    with ch.force_backprop_mode():
        with ch.no_backprop_mode():
            y = ch.Variable(np.ones(1)) * 2
    out['nested_modes'] = [y.creator is None]
    return out


def _dot_summary(text):
    """A Graphviz dump as (layout, sorted node attributes, sorted edges by attributes).

    Chainer writes nodes in set order, so only the content and layout are compared.
    """
    nodes = dict(re.findall(r'(\d+) \[([^\]]*)\];', text))
    edges = re.findall(r'(\d+) -> (\d+);', text)
    skeleton = re.sub(r'\d+ \[[^\]]*\];|\d+ -> \d+;', '', text)
    return [skeleton, sorted(nodes.values()),
            sorted([nodes[a], nodes[b]] for a, b in edges)]


def probe_computational_graph(ch):
    F = ch.functions
    C = ch.computational_graph
    x = ch.Variable(np.ones((2, 3), 'f'), name='x')
    W = ch.Parameter(np.ones((4, 3), 'f'), name='W')
    h = F.linear(x, W)
    y = F.relu(h) * 2 + h
    y.name = 'y'
    out = {
        'default': _dot_summary(C.build_computational_graph([y]).dump()),
        'no_vars': _dot_summary(C.build_computational_graph([y], remove_variable=True).dump()),
        'styles': _dot_summary(C.build_computational_graph(
            [y], variable_style={'shape': 'box', 'a': '1'}, function_style={'z': 'q'},
            rankdir='LR', show_name=False).dump()),
        'none_styles': _dot_summary(C.build_computational_graph(
            [y], variable_style=None, function_style=None).dump()),
        'label_style': _dot_summary(C.build_computational_graph(
            [y], variable_style={'label': 'Q'}).dump()),
        'single': _dot_summary(C.build_computational_graph(y).dump()),
        'bad_rankdir': attempt(C.build_computational_graph, [y], rankdir='XX'),
        'bad_format': attempt(lambda: C.build_computational_graph([y]).dump(format='png')),
    }
    g = C.build_computational_graph([y])
    out['counts'] = [len(g.nodes), len(g.edges),
                     sorted(type(n).__name__ for n in g.nodes)]
    return out


def probe_training_trainer(ch):
    out = {}
    calls = []

    class Ext(ch.training.Extension):
        def __init__(self, tag, priority):
            self.tag = tag
            self.priority = priority

        def initialize(self, trainer):
            calls.append('init-' + self.tag)

        def __call__(self, trainer):
            calls.append('%s@%d' % (self.tag, trainer.updater.iteration))

        def finalize(self):
            calls.append('fin-' + self.tag)

    trainer, model, data = _setup(ch, _tmpdir(), stop=(2, 'iteration'))
    trainer.extend(Ext('a', 100))
    trainer.extend(Ext('b', 300))
    trainer.extend(Ext('c', 100), name='c')
    trainer.extend(Ext('d', 200), call_before_training=True)
    trainer.extend(lambda t: calls.append('lambda@%d' % t.updater.iteration))

    def plain_function(t):
        calls.append('plain')
    trainer.extend(plain_function, trigger=(2, 'iteration'))
    out['elapsed_before'] = attempt(lambda: trainer.elapsed_time)
    trainer.run()
    out['calls'] = calls
    out['names'] = sorted(n for n in ('Ext', 'Ext_1', 'Ext_2', 'c', '<lambda>', 'plain_function')
                          if attempt(trainer.get_extension, n)[0] == 'ok')
    out['run_twice'] = attempt(trainer.run)
    out['is_before_training'] = trainer.is_before_training

    class NoName:
        def __call__(self, trainer):
            pass
    out['callable_object'] = attempt(lambda: trainer.extend(NoName()))
    errors = []

    class OnError(ch.training.Extension):
        def __call__(self, trainer):
            raise ValueError('boom')

        def on_error(self, trainer, exc, tb):
            errors.append(type(exc).__name__)

        def finalize(self):
            errors.append('finalized')
    t2, _, _ = _setup(ch, _tmpdir(), stop=(2, 'iteration'))
    t2.extend(OnError())
    err = io.StringIO()
    old = sys.stderr
    sys.stderr = err
    try:
        out['raises'] = attempt(t2.run)
    finally:
        sys.stderr = old
    out['on_error'] = errors
    out['stderr_head'] = err.getvalue().splitlines()[:1]
    t3, _, _ = _setup(ch, _tmpdir(), stop=(2, 'iteration'))
    out['quiet'] = attempt(t3.extend, OnError())
    sys.stderr = err = io.StringIO()
    try:
        attempt(t3.run, show_loop_exception_msg=False)
    finally:
        sys.stderr = old
    out['quiet_stderr'] = err.getvalue()
    return out


def probe_training_updater_options(ch):
    out = {}
    rng = np.random.RandomState(0)
    data = ch.datasets.TupleDataset(rng.rand(6, 3).astype('f'), rng.randint(0, 2, 6).astype('i'))
    model = ch.links.Classifier(ch.links.Linear(3, 2))
    opt = ch.optimizers.SGD().setup(model)
    seen = []

    def converter(batch, device=None):
        seen.append([len(batch), device])
        return ch.dataset.concat_examples(batch, device)

    def loss_func(x, t):
        seen.append(['loss', x.shape[0]])
        return model(x, t)
    it = ch.iterators.SerialIterator(data, 4, shuffle=False)
    u = ch.training.updaters.StandardUpdater(it, opt, converter=converter, loss_func=loss_func)
    u.update()
    u.update()
    out['seen'] = seen
    out['state'] = [u.iteration, u.epoch, round(u.epoch_detail, 5), u.is_new_epoch,
                    opt.t, opt.epoch]
    u2 = ch.training.updaters.StandardUpdater({'main': ch.iterators.SerialIterator(data, 2)},
                                              {'main': ch.optimizers.SGD().setup(model)})
    out['dicts'] = [sorted(u2.get_all_optimizers()), type(u2.get_iterator('main')).__name__]
    out['missing_main'] = attempt(ch.training.updaters.StandardUpdater,
                                  {'other': ch.iterators.SerialIterator(data, 2)}, opt)
    dict_data = ch.datasets.DictDataset(x=data._datasets[0] if hasattr(data, '_datasets') else
                                        rng.rand(6, 3).astype('f'),
                                        t=rng.randint(0, 2, 6).astype('i'))
    u3 = ch.training.updaters.StandardUpdater(
        ch.iterators.SerialIterator(dict_data, 3), ch.optimizers.SGD().setup(model))
    out['dict_batch'] = attempt(u3.update)
    return out


def probe_training_snapshots(ch):
    E = ch.training.extensions
    out = {}
    out_dir = _tmpdir()
    trainer, model, data = _setup(ch, out_dir, stop=(6, 'iteration'))
    trainer.extend(E.snapshot(filename='snap_{.updater.iteration}', n_retains=2),
                   trigger=(1, 'iteration'))
    trainer.extend(E.snapshot_object(model, 'model_{.updater.epoch}'), trigger=(2, 'iteration'))
    trainer.extend(E.snapshot_object(model.predictor, 'pred_{.updater.iteration}',
                                     condition=lambda: False), trigger=(1, 'iteration'))
    trainer.extend(E.snapshot(target=model.predictor, filename='target_{.updater.iteration}'),
                   trigger=(3, 'iteration'))
    trainer.run()
    out['files'] = sorted(os.listdir(out_dir))
    with np.load(os.path.join(out_dir, 'model_2')) as f:
        out['object_keys'] = chainer_keys(sorted(f.files))
    with np.load(os.path.join(out_dir, 'target_6')) as f:
        out['target_keys'] = sorted(f.files)
    resumed, model2, _ = _setup(ch, _tmpdir(), stop=(6, 'iteration'))
    ch.serializers.load_npz(os.path.join(out_dir, 'snap_6'), resumed)
    out['resumed'] = [resumed.updater.iteration, resumed.updater.epoch,
                      bool((model2.predictor.W.array == model.predictor.W.array).all())]
    return out


def probe_old_function(ch):
    out = {}
    F = ch.functions

    class Mul(ch.Function):
        def forward_cpu(self, inputs):
            self.retain_inputs((1,))
            return inputs[0] * inputs[1],

        def backward_cpu(self, inputs, gys):
            out['backward_inputs'] = [x is None for x in inputs]
            return gys[0] * inputs[1], None

    a = ch.Variable(np.array([1.0, 2.0]))
    b = ch.Variable(np.array([3.0, 4.0]))
    f = Mul()
    y = f(a, b)
    out['call'] = [type(y).__name__, f.label, type(f.inputs[0]).__name__,
                   type(f.outputs[0]).__name__, f.rank, attempt(lambda: type(f.node).__name__)]
    F.sum(y).backward()
    out['grads'] = [arr(a.grad), b.grad is None]
    out['arrays'] = attempt(lambda: type(Mul()(np.ones(1), np.ones(1))).__name__)

    class Multi(ch.Function):
        def forward(self, inputs):
            return inputs[0] + 1, inputs[0] + 2

        def backward(self, inputs, gys):
            out['multi_gys'] = [g is None for g in gys]
            return gys[0] if gys[0] is not None else gys[1],
    x = ch.Variable(np.ones(2))
    p, q = Multi()(x)
    F.sum(q).backward()
    out['multi_grad'] = arr(x.grad)

    class Typed(ch.Function):
        def check_type_forward(self, in_types):
            ch.utils.type_check.expect(in_types.size() == 1, in_types[0].dtype == np.float32)

        def forward(self, inputs):
            return inputs[0],
    out['typed_ok'] = attempt(lambda: type(Typed()(np.ones(1, 'f'))).__name__)
    out['typed_bad'] = attempt(lambda: Typed()(np.ones(1)))

    class NoForward(ch.Function):
        pass
    out['no_forward'] = attempt(lambda: NoForward()(np.ones(1)))

    class NoBackward(ch.Function):
        def forward(self, inputs):
            return inputs[0] * 2,
    z = ch.Variable(np.ones(2))
    w = NoBackward()(z)
    out['no_backward'] = attempt(lambda: F.sum(w).backward())
    out['no_backward_grad'] = None if z.grad is None else arr(z.grad)

    class ScalarBackward(ch.Function):
        def forward(self, inputs):
            return inputs[0] * 2,

        def backward(self, inputs, gys):
            return 2 * gys[0],
    s = ch.Variable(np.ones(2, 'f'))
    F.sum(ScalarBackward()(s)).backward()
    out['backward_dtype'] = str(s.grad.dtype)
    return out


def probe_training_misc_extensions(ch):
    E = ch.training.extensions
    T = ch.training.triggers
    out = {}
    trainer, model, data = _setup(ch, _tmpdir(), stop=(2, 'iteration'))
    trainer.extend(E.observe_lr(), trigger=(1, 'iteration'))
    trainer.extend(E.observe_lr(observation_key='lr2'), trigger=(1, 'iteration'))
    trainer.extend(E.observe_value('custom', lambda t: t.updater.iteration * 1.5),
                   trigger=(1, 'iteration'))
    trainer.extend(E.LogReport(trigger=(1, 'iteration')))
    trainer.run()
    out['observed'] = [[e.get('lr'), e.get('lr2'), e.get('custom')]
                       for e in trainer.get_extension('LogReport').log]
    out['observe_names'] = sorted(n for n in ('observe_lr', '_observe_value', '_observe_value_1',
                                              '_observe_value_2', 'lr')
                                  if attempt(trainer.get_extension, n)[0] == 'ok')
    t2, model2, _ = _setup(ch, _tmpdir(), stop=(3, 'iteration'))
    model2.predictor.W.array[0, 0] = np.nan
    t2.extend(E.FailOnNonNumber())
    old = sys.stderr
    sys.stderr = io.StringIO()
    try:
        out['fail_on_nan'] = attempt(t2.run)
    finally:
        sys.stderr = old
    out['fail_iteration'] = t2.updater.iteration
    out['plot_available'] = attempt(lambda: type(E.PlotReport.available()).__name__)
    tt = T.TimeTrigger(1000.0)

    class U:
        iteration = 1

    class Tr:
        updater = U()
        elapsed_time = 0.5
    out['time_trigger'] = [attempt(tt, Tr())]
    d = ch.serializers.DictionarySerializer()
    tt.serialize(d)
    out['time_trigger_keys'] = sorted(d.target)
    es = T.EarlyStoppingTrigger(monitor='main/loss', patience=3, max_trigger=(5, 'epoch'))
    out['early_attrs'] = attempt(lambda: [es.patience, _trigger_repr(es.check_trigger)])
    out['early_serialize'] = hasattr(es, 'serialize')
    return out


def probe_chainlist_sequence(ch):
    L, F = ch.links, ch.functions
    out = {}

    def names(x):
        return [[c.name, int(c.W.shape[0])] for c in x.children()], \
            [p for p, _ in x.namedparams()]
    a, b, c = L.Linear(1, 1), L.Linear(1, 2), L.Linear(1, 3)
    cl = ch.ChainList(a, b)
    steps = [('insert', lambda: cl.insert(0, c)),
             ('setitem', lambda: cl.__setitem__(0, L.Linear(1, 4))),
             ('delitem', lambda: cl.__delitem__(1)),
             ('pop', lambda: type(cl.pop()).__name__),
             ('remove_missing', lambda: cl.remove(c)),
             ('extend', lambda: cl.extend([L.Linear(1, 5)])),
             ('iadd', lambda: type(cl.__iadd__([L.Linear(1, 6)])).__name__),
             ('reverse', lambda: cl.reverse())]
    for name, step in steps:
        out[name] = [attempt(step), names(cl)]
    out['reversed'] = [x.name for x in reversed(cl)]
    out['contains'] = [b in cl, cl[0] in cl]
    out['index_count'] = [attempt(cl.index, b), cl.count(b), cl.index(cl[1])]
    out['slice'] = [x.name for x in cl[0:2]]
    out['bad_index'] = [attempt(lambda: cl[7]), attempt(lambda: cl['x'])]
    cl.clear()
    out['clear'] = names(cl)
    s = ch.Sequential(L.Linear(1, 1), F.relu, L.Linear(1, 2))
    s.reverse()
    out['seq_reverse'] = [[type(x).__name__ for x in s], [x.name for x in s.children()]]
    out['seq_by_type'] = [s.count_by_layer_type('Linear'), s.count_by_layer_type('relu'),
                          attempt(s.remove_by_layer_type, 'Linear'), len(s)]
    s = ch.Sequential(L.Linear(1, 1), F.relu, L.Linear(1, 2))
    for mode in ('share', 'copy', 'init'):
        c2 = s.copy(mode)
        out['seq_copy_' + mode] = [c2[1] is F.relu, c2[0] is s[0],
                                   [p for p, _ in c2.namedparams()],
                                   [x.name for x in c2.children()]]
    out['seq_pop0'] = [type(s.pop(0)).__name__, len(s), [x.name for x in s.children()]]
    out['seq_str'] = norm(str(ch.Sequential(ch.Link(), ch.ChainList(ch.Link()))))
    out['chain_str'] = norm(str(ch.Chain(b=ch.Link(), a=ch.ChainList())))
    return out


def probe_warnings(ch):
    """Warnings (category and message start) that common calls emit."""
    L = ch.links

    def caught(f):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter('always')
            result = attempt(f)
        return [result[0], sorted(set((w.category.__name__, str(w.message)[:60]) for w in rec))]
    return {
        'link_zerograds': caught(lambda: L.Linear(1, 1).zerograds()),
        'link_to_cpu': caught(lambda: L.Linear(1, 1).to_cpu()),
        'link_to_device': caught(lambda: L.Linear(1, 1).to_device('@numpy')),
        'count_params': caught(lambda: L.Linear(None, 1).count_params()),
        'cleargrads': caught(lambda: L.Linear(1, 1).cleargrads()),
        'chain_kwargs': caught(lambda: ch.Chain(l=L.Linear(1, 1))),
        'repeat': caught(lambda: L.Linear(1, 1).repeat(2)),
        'variable_zerograd': caught(lambda: ch.Variable(np.ones(2)).zerograd()),
    }


def probe_training_real_triggers(ch):
    """Trigger firings in a real run: 10 examples, batch 4 (epochs end mid-batch)."""
    T = ch.training.triggers
    out = {}
    specs = {
        'epoch': lambda: (1, 'epoch'),
        'epoch2': lambda: (2, 'epoch'),
        'iter3': lambda: (3, 'iteration'),
        'interval_epoch': lambda: T.IntervalTrigger(1, 'epoch'),
        'manual_epoch': lambda: T.ManualScheduleTrigger([1, 2], 'epoch'),
        'manual_float': lambda: T.ManualScheduleTrigger([0.5, 1.5], 'epoch'),
        'min_epoch': lambda: T.MinValueTrigger('main/loss', (1, 'epoch')),
        'max_iter': lambda: T.MaxValueTrigger('main/accuracy', (2, 'iteration')),
        'once': lambda: T.OnceTrigger(),
    }
    for name, make in specs.items():
        trainer, _, _ = _setup(ch, _tmpdir(), stop=(4, 'epoch'))
        fired = []
        trainer.extend(lambda t: fired.append(t.updater.iteration), trigger=make(),
                       name='spy')
        trainer.run()
        out[name] = fired
    trainer, _, _ = _setup(ch, _tmpdir(), stop=T.ManualScheduleTrigger([3], 'iteration'))
    trainer.run()
    out['manual_stop'] = trainer.updater.iteration
    trainer, _, _ = _setup(ch, _tmpdir(), stop=(7, 'iteration'))
    trainer.extend(ch.training.extensions.LogReport(trigger=(1, 'epoch')))
    trainer.run()
    out['log_epochs'] = [[e['epoch'], e['iteration']]
                         for e in trainer.get_extension('LogReport').log]
    return out


def probe_persistent_round_trip(ch):
    def make():
        link = ch.Link()
        link.add_persistent('i', 3)
        link.add_persistent('f', 1.5)
        link.add_persistent('b', True)
        link.add_persistent('a', np.arange(2, dtype='f'))
        link.add_persistent('n32', np.float32(2.5))
        return link
    src = make()
    src.i, src.f, src.b, src.a[...], src.n32 = 7, 2.5, False, 9, np.float32(4.5)
    d = ch.serializers.DictionarySerializer()
    d.save(src)
    out = {'saved': sorted([k, type(v).__name__, str(np.asarray(v).dtype)]
                           for k, v in d.target.items())}
    dst = make()
    a_before = dst.a
    ch.serializers.NpzDeserializer(d.target).load(dst)
    out['loaded'] = [[k, type(getattr(dst, k)).__name__, np.asarray(getattr(dst, k)).tolist()]
                     for k in ('i', 'f', 'b', 'a', 'n32')]
    out['array_in_place'] = dst.a is a_before
    path = os.path.join(_tmpdir(), 'p.npz')
    ch.serializers.save_npz(path, src)
    dst2 = make()
    ch.serializers.load_npz(path, dst2)
    out['npz_loaded'] = [[k, type(getattr(dst2, k)).__name__,
                          np.asarray(getattr(dst2, k)).tolist()]
                         for k in ('i', 'f', 'b', 'a', 'n32')]
    return out


def probe_parameter_forms(ch):
    """Parameter and add_param with array, scalar and initializer arguments."""
    def show(make):
        def run():
            p = make()
            return None if p.array is None else arr(p.array)
        return attempt(run)

    def added(**kwargs):
        link = ch.Link()
        link.add_param('p', **kwargs)
        return link.p
    return {
        'add_array_shape': show(lambda: added(shape=(2,), initializer=np.arange(2.0))),
        'add_array_bad_shape': show(lambda: added(shape=(3,), initializer=np.arange(2.0))),
        'add_array_no_shape': show(lambda: added(initializer=np.arange(2.0))),
        'add_scalar': show(lambda: added(shape=(2,), initializer=1.5)),
        'add_dtype': show(lambda: added(shape=(2,), dtype=np.float64)),
        'add_f16_scalar': show(lambda: added(shape=(2,), initializer=np.float16(2))),
        'add_init_dtype': show(lambda: added(shape=2, dtype='f', initializer=ch.initializers
                                             .Constant(3.0, dtype=np.float64))),
        'param_int_scalar': show(lambda: ch.Parameter(1, (2,))),
        'param_f64_scalar': show(lambda: ch.Parameter(np.float64(2), (2,))),
        'param_int_array_shape': show(lambda: ch.Parameter(np.arange(2, dtype='i'), (2,))),
        'param_int_array': show(lambda: ch.Parameter(np.arange(2, dtype='i'))),
    }


def matches(expected, got):
    """True when chainlite's observation ``got`` matches Chainer's ``expected``.

    Errors match when Chainer's error class name is one of chainlite's error classes.
    """
    if isinstance(expected, list) and len(expected) == 2 and expected[0] == 'err':
        return isinstance(got, list) and len(got) == 2 and got[0] == 'err' and \
            expected[1].split('|')[0] in got[1].split('|')
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and \
            all(matches(e, g) for e, g in zip(expected, got))
    if isinstance(expected, dict):
        return isinstance(got, dict) and set(got) == set(expected) and \
            all(matches(expected[k], got[k]) for k in expected)
    return expected == got


PROBES = {name[len('probe_'):]: f for name, f in sorted(globals().items())
          if name.startswith('probe_')}


def run_all(ch):
    return {name: f(ch) for name, f in PROBES.items()}


def main(out):
    import chainer
    results = run_all(chainer)
    np.savez_compressed(out, **{k: np.array(json.dumps(v)) for k, v in results.items()})


if __name__ == '__main__':
    main(sys.argv[1])
