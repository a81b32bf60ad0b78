"""Core behaviours of Chainer 7.8.1 that a differential probe of Variable, Parameter,
Link, Sequential and the configuration found chainlite getting wrong.

Each ``probe_*`` function takes the framework module (``chainer`` here, ``chainlite`` in
tests/test_parity_core_probe.py) and returns a JSON-able observation; run in the reference
venv, this script stores each as JSON in tests/data/parity_core_probe.npz.

    python tools/make_goldens.py --python /path/to/chainer-venv/bin/python parity_core_probe
"""
import io
import json
import re
import sys
import threading
import warnings

import numpy as np

_INDEXES = {
    'ints': [0, 2], 'empty': [], 'nested': [[0, 1], [1, 2]], 'single_nested': [[0, 1]],
    'bool_nested': [[True, False, True]], 'int_and_list': [0, [1, 2]],
    'np_int': [np.int64(1), 2], 'none': [None, 0], 'ellipsis': [Ellipsis, 1],
    'slice': [slice(1, 2)], 'tuples': [(0, 1), (1, 2)], 'bool_int': [True, 1],
    'tuple_empty': ([],), 'tuple_nested': ([[0, 1], [1, 2]],),
}


def attempt(f):
    """``['ok', result]`` or ``['err', class name, message]``."""
    try:
        return ['ok', f()]
    except Exception as e:  # the error is the observation
        return ['err', type(e).__name__, str(e)]


def texts(f):
    """What ``f()`` returns and the messages of the warnings it gives."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        result = attempt(f)
    return [result, sorted({'%s: %s' % (w.category.__name__, w.message) for w in caught
                            if w.category is not RuntimeWarning})]


def probe_variable_text(ch):
    V = ch.Variable
    out = {}
    for name, shape in [('1d', (0,)), ('2d', (2, 0)), ('3d', (0, 1, 2))]:
        v = V(np.zeros(shape, 'f'), name='e')
        out['empty_' + name] = [repr(v), str(v)]
    out['debug_none'] = V(name='n').debug_print()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # the mean of nothing
        out['debug_empty'] = V(np.zeros(0, 'f'), name='e').debug_print()
    for name, grad in [('zero', [0.0, -0.0]), ('mixed', [0.0, 1.0]), ('nan', [np.nan, 0.0])]:
        v = V(np.ones(2, 'f'), name='g')
        v.grad = np.array(grad, 'f')
        out['debug_grad_' + name] = v.debug_print()
    return out


def probe_variable_refusals(ch):
    v = ch.Variable(np.ones(2, 'f'))
    out = {}
    for op in ['__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__']:
        out[op] = attempt(lambda: getattr(v, op)(v))
    out['bool'] = attempt(lambda: bool(v))
    out['in_list'] = attempt(lambda: v in [ch.Variable(np.ones(1, 'f'))])
    return out


def probe_parameter_dtype(ch):
    init = ch.initializers
    return {
        'float16': str(ch.Parameter(init.Normal(dtype=np.float16)).dtype),
        'int32': str(ch.Parameter(init.Constant(2, dtype=np.int32)).dtype),
        'float64': str(ch.Parameter(init.Constant(1, dtype=np.float64)).dtype),
    }


def probe_get_item_lists(ch):
    x0 = np.arange(60, dtype='f').reshape(3, 4, 5)
    out = {}
    for name, index in _INDEXES.items():
        def run():
            x = ch.Variable(x0.copy())
            y = x[index]
            y.grad = np.arange(y.size, dtype='f').reshape(y.shape) + 1
            y.backward()
            return [list(y.shape), y.array.ravel().tolist(), x.grad.ravel().tolist()]
        out[name] = attempt(run)
    out['slices'] = [repr(ch.functions.get_item(x0, index).creator.slices)
                     for index in (1, slice(1, 2), [0, 1], (0, 1), None, [0, [1, 2]])]
    return out


def probe_arithmetic_nodes(ch):
    v = ch.Variable(np.array([3.0, 4.0], 'f'))
    w = ch.Variable(np.array([2.0, 3.0], 'f'))
    out = {}
    for name, y in [('vv', v // w), ('vs', v // 2), ('sv', 7 // v), ('va', v // np.ones(2, 'f'))]:
        out['floordiv_' + name] = [y.array.tolist(), str(y.dtype), y.creator is None,
                                   y.requires_grad]
    z = (v // 2) * v
    ch.functions.sum(z).backward()
    out['floordiv_backward'] = v.grad.tolist()
    out['pow_node'] = type((v ** w).creator).__name__
    return out


def probe_backward_seeds(ch):
    out = {}
    for loss_scale in (None, 4):
        for retain in (False, True):
            x = ch.Variable(np.array([1.0, 2.0], 'f'))
            y = x * 3
            y.grad = np.ones(2, 'f')
            y.backward(loss_scale=loss_scale, retain_grad=retain)
            key = 'given_ls%s_retain%s' % (loss_scale, retain)
            out[key] = [x.grad.tolist(), None if y.grad is None else y.grad.tolist()]
        x = ch.Variable(np.array([1.0, 2.0], 'f'))
        y = ch.functions.sum(x * 3)
        y.backward(loss_scale=loss_scale, retain_grad=True)
        out['seeded_ls%s' % loss_scale] = [x.grad.tolist(), float(y.grad)]
    x = ch.Variable(np.array([1.0, 2.0], 'f'))
    leaf_grad = np.ones(2, 'f')
    x.grad = leaf_grad
    x.backward(loss_scale=4)
    out['leaf_given'] = x.grad.tolist()
    x = ch.Variable(np.array([1.0, 2.0], 'f'))
    y = ch.functions.sum(x * 3)
    gx, = ch.grad([y], [x], grad_outputs=[np.array(2.0, 'f')], loss_scale=4)
    out['grad_given'] = gx.array.tolist()

    def size_one():
        x = ch.Variable(np.array([[3.0]], 'f'))
        (x * 2).backward()
        return x.grad.tolist()
    out['size_one'] = texts(size_one)

    def zero_d():
        x = ch.Variable(np.array(3.0, 'f'))
        (x * 2).backward()
        return x.grad.tolist()
    out['zero_d'] = texts(zero_d)
    return out


def probe_module_backward(ch):
    """``chainer.backward``: no default grad for a non-scalar, Chainer's refusals."""
    V = ch.Variable
    out = {}

    def run(make_outputs, grad_outputs=None, **kwargs):
        def go():
            x = V(np.array([1.0, 2.0], 'f'))
            ch.backward(make_outputs(x), grad_outputs, **kwargs)
            return None if x.grad is None else x.grad.tolist()
        return texts(go)

    def with_grad(y):
        y.grad = np.ones(y.shape, 'f')
        return y
    ones = V(np.ones(2, 'f'))
    out['nonscalar_no_grad'] = run(lambda x: [x * 2, with_grad(x * 3)])
    out['duplicate'] = run(lambda x: (lambda y: [y, y])(with_grad(x * 2)))
    out['given_none_ignores_grad'] = run(lambda x: [x * 2, with_grad(x * 3)], [ones, None])
    out['given_duplicate'] = run(lambda x: (lambda y: [y, y])(x * 2), [ones, ones])
    out['given_length'] = run(lambda x: [x * 2], [])
    out['loss_scale'] = run(lambda x: [with_grad(x * 2)], loss_scale=2)
    out['retain_grad'] = run(lambda x: [with_grad(x * 2)], retain_grad=True)
    out['not_a_list'] = run(lambda x: with_grad(x * 2))[0][:2]
    out['not_variables'] = run(lambda x: [np.ones(2)])[0][:2]
    return out


def probe_optimizer_loss_scale(ch):
    """An explicit output grad is not scaled, yet the optimizer still divides by the scale."""
    link = ch.Link()
    with link.init_scope():
        link.p = ch.Parameter(np.array([1.0, 2.0], 'f'))
    opt = ch.optimizers.SGD(lr=1.0)
    opt.setup(link)
    link.cleargrads()
    y = link.p * 3
    y.grad = np.ones(2, 'f')
    y.backward(loss_scale=4)
    grad = link.p.grad.tolist()
    opt.update()
    return [grad, link.p.array.tolist()]


def probe_link_registration(ch):
    out = {}
    link = ch.Link()
    link.add_param('W', (2,))
    link.register_persistent('W')
    out['param_made_persistent'] = [[path for path, _ in link.namedparams()],
                                    sorted(link._persistent)]
    out['missing'] = attempt(lambda: ch.Link().register_persistent('nope'))
    lin = ch.links.Linear(2, 2)
    error = attempt(lin.to_gpu)
    out['to_gpu_without_cupy'] = [error[:2], str(lin.device), type(lin.W.array).__name__]
    return out


def probe_sequential_text(ch):
    def make():
        return ch.Sequential(
            ch.links.Linear(1, 1),
            lambda x: x * 2,
            ch.functions.relu)
    return re.sub(r' at 0x[0-9a-f]+', '', str(make())).split('\n')


def probe_config(ch):
    out = {}
    g = ch.configuration.GlobalConfig()
    g.a = 1
    g.longer_name = 'x'
    buf = io.StringIO()
    g.show(buf)
    out['global_show'] = buf.getvalue()
    local = ch.configuration.LocalConfig(g)
    with ch.using_config('zz', 2, local):
        buf = io.StringIO()
        local.show(buf)
    out['local_show'] = buf.getvalue()

    ch.set_debug(True)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(ch.is_debug()))
    thread.start()
    thread.join()
    out['set_debug'] = [ch.is_debug(), ch.config.debug, ch.global_config.debug, seen]
    ch.set_debug(False)
    with ch.using_config('debug', False):
        ch.set_debug(True)
        inside = ch.is_debug()
    out['set_debug_in_using_config'] = [inside, ch.is_debug()]
    ch.set_debug(False)

    def debug_mode():
        with ch.DebugMode(True) as entered:
            return [entered, ch.is_debug()]
    out['debug_mode'] = texts(debug_mode)
    out['cudnn_fast_batch_normalization'] = ch.config.cudnn_fast_batch_normalization
    return out


PROBES = {name[len('probe_'):]: f for name, f in sorted(globals().items())
          if name.startswith('probe_')}


def main(out):
    import chainer
    results = {name: f(chainer) for name, f in PROBES.items()}
    np.savez_compressed(out, **{k: np.array(json.dumps(v)) for k, v in results.items()})


if __name__ == '__main__':
    main(sys.argv[1])
