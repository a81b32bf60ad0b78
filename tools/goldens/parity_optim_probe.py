"""Golden numbers for optimizer details a differential probe found (Chainer 7.8.1).

Each function takes the framework module (``chainer`` here, ``chainlite`` in
tests/test_parity_optim_probe.py) and adds arrays to ``out``. Run inside the
reference environment, :func:`observe` writes them to the npz named by argv[1]:

    adam16/<case>/param     float16 Adam (and variants): the two parameters flattened
                            and concatenated after each of STEPS updates
    adam16/<case>/<key>     the state ``key`` after the last update, flattened likewise
    rmsprop16/message       the error of a float16 RMSprop step whose eps rounds to 0
    rmsprop16/counts        [opt.t, rule.t] after that error (the second update)
    rmsprop16/ms            the rule's state after it (the failed step changed nothing)
    rmsprop16/ok/<eps>      the parameter after one step with eps 0 and 3e-8 (no error)
    adabound/param          AdaBound whose alpha changes between setup and the first
                            update, and on a rule: the parameter after each update
    adabound_ckpt/<key>     the optimizer checkpoint Chainer saved after 2 updates
    adabound_ckpt/w0        the parameter then
    adabound_ckpt/param     after loading it into AdaBound(alpha=0.03), setting
                            alpha = 0.05 and updating twice
"""
import os
import sys

import numpy

STEPS = 5
ADAM16 = {
    'plain': ('Adam', {'alpha': 0.02, 'beta1': 0.7}),
    'decay': ('Adam', {'alpha': 0.01, 'beta1': 0.8, 'beta2': 0.95, 'eps': 1e-4, 'eta': 0.7,
                       'weight_decay_rate': 0.05}),
    'amsbound': ('Adam', {'alpha': 0.01, 'amsgrad': True, 'adabound': True, 'final_lr': 0.02,
                          'gamma': 0.01}),
    'adamw': ('AdamW', {'alpha': 0.02, 'weight_decay_rate': 0.1}),
}


def net_of(ch, arrays):
    """A chain holding one Parameter per array, named a, b, ..."""
    net = ch.Chain()
    with net.init_scope():
        for name, array in zip('abc', arrays):
            setattr(net, name, ch.Parameter(array.copy()))
    return net


def adam16_arrays():
    rs = numpy.random.RandomState(0)
    return [rs.uniform(-1, 1, shape).astype(numpy.float16) for shape in ((7,), (2, 3))]


def grads_of(net, rs):
    for p in net.params():
        p.grad = rs.normal(0, 1, p.shape).astype(p.dtype)


def flat(arrays):
    return numpy.concatenate([a.ravel() for a in arrays])


def adam16(ch, out):
    for case, (cls, kw) in ADAM16.items():
        net = net_of(ch, adam16_arrays())
        opt = getattr(ch.optimizers, cls)(**kw).setup(net)
        rs = numpy.random.RandomState(1)
        rows = []
        for _ in range(STEPS):
            grads_of(net, rs)
            opt.update()
            rows.append(flat([net.a.array, net.b.array]))
        out['adam16/%s/param' % case] = numpy.array(rows)
        for key in net.a.update_rule.state:
            out['adam16/%s/%s' % (case, key)] = flat(
                [net.a.update_rule.state[key], net.b.update_rule.state[key]])


def rmsprop16(ch, out):
    net = net_of(ch, [numpy.linspace(-1, 1, 4).astype(numpy.float16)])
    opt = ch.optimizers.RMSprop(lr=0.01, eps=1e-3).setup(net)
    net.a.grad = numpy.ones(4, numpy.float16)
    opt.update()
    opt.eps = 1e-8
    net.a.grad = numpy.ones(4, numpy.float16)
    try:
        opt.update()
    except ValueError as e:
        out['rmsprop16/message'] = numpy.array(str(e))
    out['rmsprop16/counts'] = numpy.array([opt.t, net.a.update_rule.t])
    out['rmsprop16/ms'] = net.a.update_rule.state['ms']
    for eps in (0.0, 3e-8):
        net = net_of(ch, [numpy.linspace(-1, 1, 4).astype(numpy.float16)])
        opt = ch.optimizers.RMSprop(lr=0.01, eps=eps).setup(net)
        net.a.grad = numpy.ones(4, numpy.float16)
        opt.update()
        out['rmsprop16/ok/%r' % eps] = net.a.array


def adabound(ch, out):
    rs = numpy.random.RandomState(2)
    arrays = [rs.uniform(-1, 1, (5,)).astype(numpy.float32),
              rs.uniform(-1, 1, (3,)).astype(numpy.float32)]
    net = net_of(ch, arrays)
    opt = ch.optimizers.AdaBound(alpha=0.01, final_lr=0.05, gamma=0.1).setup(net)
    opt.alpha = 0.02  # after setup: the bounds still scale with the alpha at setup
    net.b.update_rule.hyperparam.alpha = 0.04
    rows = []
    for _ in range(3):
        grads_of(net, rs)
        opt.update()
        rows.append(flat([net.a.array, net.b.array]))
    out['adabound/param'] = numpy.array(rows)


def adabound_ckpt(ch, out, path, saved=None):
    """``saved``: the checkpoint arrays to load (Chainer's, in the tests) instead of
    the one this framework saves."""
    rs = numpy.random.RandomState(3)
    net = net_of(ch, [rs.uniform(-1, 1, (6,)).astype(numpy.float32)])
    opt = ch.optimizers.AdaBound(alpha=0.01, final_lr=0.05, gamma=0.1).setup(net)
    for _ in range(2):
        grads_of(net, rs)
        opt.update()
    ckpt = path + '.ckpt.npz'
    if saved is None:
        ch.serializers.save_npz(ckpt, opt)
        with numpy.load(ckpt) as saved:
            for key in saved.files:
                out['adabound_ckpt/' + key] = saved[key]
    else:
        numpy.savez(ckpt, **saved)
    out['adabound_ckpt/w0'] = net.a.array.copy()
    net2 = net_of(ch, [net.a.array])
    opt2 = ch.optimizers.AdaBound(alpha=0.03, final_lr=0.05, gamma=0.1).setup(net2)
    ch.serializers.load_npz(ckpt, opt2)
    os.remove(ckpt)
    opt2.alpha = 0.05
    rows = []
    for _ in range(2):
        grads_of(net2, rs)
        opt2.update()
        rows.append(net2.a.array.copy())
    out['adabound_ckpt/param'] = numpy.array(rows)


def observe(ch, path, saved=None):
    """Every observation; ``path`` names a scratch file (see :func:`adabound_ckpt`)."""
    out = {}
    adam16(ch, out)
    rmsprop16(ch, out)
    adabound(ch, out)
    adabound_ckpt(ch, out, path, saved)
    return out


def main():
    import chainer
    numpy.savez_compressed(sys.argv[1], **observe(chainer, sys.argv[1]))


if __name__ == '__main__':
    main()
