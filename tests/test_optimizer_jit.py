"""The optional numba kernel of Adam (``chainlite[fast]``): bit for bit equal to NumPy."""
import numpy
import pytest

import chainlite
from chainlite import optimizer_hooks, optimizers
from chainlite.optimizers import _jit

numba = pytest.importorskip('numba')


def _net(dtype, seed=0):
    rng = numpy.random.default_rng(seed)
    net = chainlite.Chain()
    with net.init_scope():
        # one large parameter (updated in place) and small ones (gathered)
        for i, shape in enumerate([(300, 400), (7,), (3, 5), (2000,)]):
            setattr(net, 'p%d' % i, chainlite.Parameter(rng.standard_normal(shape).astype(dtype)))
    return net


def _train(dtype, kernel, fused, steps=4, **hyper):
    counter = []
    build = _jit._build_adam()
    assert build is not None

    def counted(*args):
        counter.append(1)
        return build(*args)

    saved = _jit._adam
    _jit._adam = counted if kernel else None
    try:
        net = _net(dtype)
        opt = optimizers.Adam(**hyper)
        opt.fused = fused
        opt.setup(net)
        net.p1.update_rule.hyperparam.alpha = 0.05  # its own group
        net.p2.update_rule.add_hook(optimizer_hooks.WeightDecay(1e-3))
        rng = numpy.random.default_rng(1)
        for _ in range(steps):
            for p in net.params():
                p.grad = rng.standard_normal(p.shape).astype(dtype)
            opt.update()
    finally:
        _jit._adam = saved
    arrays = {name: p.array.copy() for name, p in net.namedparams()}
    arrays.update({name + '/' + k: v.copy() for name, p in net.namedparams()
                   for k, v in p.update_rule.state.items()})
    return arrays, len(counter)


@pytest.mark.parametrize('dtype', [numpy.float32, numpy.float64])
@pytest.mark.parametrize('fused', [True, False])
@pytest.mark.parametrize('hyper', [{}, {'weight_decay_rate': 1e-3, 'eta': 0.5}])
def test_kernel_equals_numpy_bit_for_bit(dtype, fused, hyper):
    want, calls = _train(dtype, False, fused, **hyper)
    assert calls == 0
    got, calls = _train(dtype, True, fused, **hyper)
    assert calls > 0  # the kernel did run
    assert want.keys() == got.keys()
    for key in want:
        assert want[key].dtype == got[key].dtype
        assert numpy.array_equal(want[key].view(numpy.uint8), got[key].view(numpy.uint8)), key


def test_kernel_refuses_what_numpy_computes_differently():
    p = numpy.ones(4, numpy.float32)
    args = [numpy.ones(4, numpy.float32) for _ in range(3)]
    scalars = [0.1, 0.001, 0.001, 1e-8, 1.0, 1.0]
    assert _jit.adam_step(p, *args, *scalars)
    before = p.copy()
    # a NumPy float64 scalar is not weak under NumPy 2: NumPy computes in float64
    assert not _jit.adam_step(p, *args, *scalars[:3], numpy.float64(1e-8), *scalars[4:])
    assert not _jit.adam_step(p, args[0][::2], *args[1:], *scalars)  # not contiguous
    assert not _jit.adam_step(p.astype(numpy.float16), *args, *scalars)
    numpy.testing.assert_array_equal(p, before)


def test_amsgrad_and_adabound_keep_the_numpy_path():
    rule = optimizers.Adam(amsgrad=True).create_update_rule()
    assert not rule.single_pass_on_cpu()
    assert optimizers.Adam().create_update_rule().single_pass_on_cpu()


def test_environment_turns_the_kernel_off(monkeypatch):
    monkeypatch.setenv('CHAINLITE_JIT', '0')
    assert _jit._build_adam() is None
