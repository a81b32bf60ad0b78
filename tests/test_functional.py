"""Functional updates equal the optimizers; L-BFGS against SciPy on Rosenbrock."""
import numpy
import pytest

import chainlite
from chainlite import functional, optimizer_hooks, optimizers


def tree(rs, dtype=numpy.float32):
    return {'enc': {'W': rs.randn(3, 2).astype(dtype), 'b': rs.randn(2).astype(dtype)},
            'out': [rs.randn(4).astype(dtype)]}


def leaves(t):
    return [t['enc']['W'], t['enc']['b'], t['out'][0]]


def net_from(params):
    net = chainlite.Chain()
    with net.init_scope():
        for i, a in enumerate(leaves(params)):
            setattr(net, 'p%d' % i, chainlite.Parameter(a.copy()))
    return net


@pytest.mark.parametrize('fn,factory,hyper', [
    (functional.sgd_update, lambda: optimizers.SGD(lr=0.1), {'lr': 0.1}),
    (functional.momentum_sgd_update, lambda: optimizers.MomentumSGD(lr=0.1, momentum=0.5),
     {'lr': 0.1, 'momentum': 0.5}),
    (functional.adam_update, lambda: optimizers.Adam(alpha=0.01, amsgrad=True),
     {'alpha': 0.01, 'amsgrad': True}),
    (functional.rmsprop_update, lambda: optimizers.RMSprop(lr=0.01), {'lr': 0.01}),
])
def test_functional_equals_optimizer(fn, factory, hyper):
    rs = numpy.random.RandomState(0)
    params = tree(rs)
    net = net_from(params)
    opt = factory().setup(net)
    state = None
    original = [a.copy() for a in leaves(params)]
    for _ in range(3):
        grads = tree(rs)
        given = [a.copy() for a in leaves(grads)]
        new_params, state = fn(params, grads, state, **hyper)
        for a, b in zip(leaves(grads), given):  # inputs untouched
            numpy.testing.assert_array_equal(a, b)
        for p, g in zip(net.params(), leaves(grads)):
            p.grad = g
        opt.update()
        params = new_params
    for a, p in zip(leaves(params), net.params()):
        numpy.testing.assert_array_equal(a, p.array)
    assert state['t'] == 3
    assert not numpy.array_equal(leaves(params)[0], original[0])


def test_state_structure_and_variables():
    p = {'a': chainlite.Variable(numpy.ones(2, 'f'))}
    g = {'a': chainlite.Variable(numpy.ones(2, 'f'))}
    new, state = functional.adam_update(p, g)
    assert isinstance(new['a'], chainlite.Variable)
    assert sorted(state) == ['m', 't', 'v'] and state['m']['a'].shape == (2,)
    numpy.testing.assert_array_equal(p['a'].array, numpy.ones(2, 'f'))


def test_errors():
    p = {'a': numpy.ones(2, 'f'), 'b': numpy.ones(3, 'f')}
    with pytest.raises(ValueError, match='/b'):
        functional.sgd_update(p, {'a': numpy.ones(2, 'f')})
    with pytest.raises(ValueError, match='/b'):
        functional.sgd_update(p, {'a': numpy.ones(2, 'f'), 'b': numpy.ones(2, 'f')})
    with pytest.raises(ValueError, match='lr'):
        functional.sgd_update(p, p, lr=-1)
    with pytest.raises(AttributeError, match='momentum'):
        functional.sgd_update(p, p, momentum=0.9)


def test_update_maps_and_unzips():
    params = {'x': [numpy.ones(2), numpy.zeros(1)]}
    out = functional.update(lambda a, b: a + b, params, params)
    assert out['x'][0].tolist() == [2.0, 2.0] and isinstance(out['x'], list)
    plus, minus = functional.update(lambda a: (a + 1, a - 1), params)
    assert plus['x'][1].tolist() == [1.0] and minus['x'][1].tolist() == [-1.0]
    with pytest.raises(ValueError, match='structure'):
        functional.update(lambda a, b: a, params, {'y': 1})


def rosen(x):
    return float(numpy.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def rosen_grad(x):
    g = numpy.zeros_like(x)
    g[:-1] = -400 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2 * (1 - x[:-1])
    g[1:] += 200 * (x[1:] - x[:-1] ** 2)
    return g


def test_lbfgs_update_matches_scipy_on_rosenbrock():
    optimize = pytest.importorskip('scipy.optimize')
    x0 = numpy.array([-1.2, 1.0, -0.5, 0.8])
    ref = optimize.minimize(rosen, x0, jac=rosen_grad, method='L-BFGS-B',
                            options={'gtol': 1e-10, 'ftol': 1e-15, 'maxcor': 10})
    params, state, calls = {'x': x0.copy()}, None, 0
    while calls < 200 and not (state or {}).get('converged'):
        params, state = functional.lbfgs_update(
            params, lambda p: (rosen(p['x']), {'x': rosen_grad(p['x'])}), state,
            tolerance_grad=1e-10, tolerance_change=1e-15)
        calls += 1
    numpy.testing.assert_allclose(params['x'], ref.x, atol=1e-6)
    numpy.testing.assert_allclose(params['x'], numpy.ones(4), atol=1e-6)
    assert calls <= 2 * ref.nit + 10


def test_lbfgs_optimizer_on_rosenbrock():
    optimize = pytest.importorskip('scipy.optimize')
    x0 = numpy.array([-1.2, 1.0])
    ref = optimize.minimize(rosen, x0, jac=rosen_grad, method='L-BFGS-B')
    net = chainlite.Chain()
    with net.init_scope():
        net.x = chainlite.Parameter(x0.copy())
    opt = optimizers.LBFGS(max_iter=100, tolerance_grad=1e-9, tolerance_change=1e-15).setup(net)

    def loss():
        x = net.x
        return 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2

    opt.update(loss)
    numpy.testing.assert_allclose(net.x.array, ref.x, atol=1e-4)
    numpy.testing.assert_allclose(net.x.array, [1, 1], atol=1e-6)
    assert opt.t == 1


def test_lbfgs_errors_and_frozen_parameters():
    net = chainlite.Chain()
    with net.init_scope():
        net.a = chainlite.Parameter(numpy.array([2.0]))
        net.b = chainlite.Parameter(numpy.array([2.0]))
    opt = optimizers.LBFGS(max_iter=20).setup(net)
    with pytest.raises(ValueError, match='loss function'):
        opt.update()
    net.b.lr_factor = 0
    opt.update(lambda: chainlite.functions.sum(net.a * net.a + net.b * net.b))
    assert abs(net.a.array[0]) < 1e-6 and net.b.array[0] == 2.0
    opt.add_hook(optimizer_hooks.WeightDecay(0.1))
    with pytest.raises(RuntimeError, match='hooks'):
        opt.update(lambda: chainlite.functions.sum(net.a * net.a))
    with pytest.raises(ValueError, match='line_search'):
        functional.lbfgs_update({'x': numpy.ones(1)}, lambda p: (0.0, {'x': numpy.ones(1)}),
                                line_search='armijo')


def test_lbfgs_checkpoint_resumes_exactly(tmp_path):
    from chainlite import serializers

    def make():
        net = chainlite.Chain()
        with net.init_scope():
            net.x = chainlite.Parameter(numpy.array([-1.2, 1.0, 0.5]))
        return net, optimizers.LBFGS(max_iter=3).setup(net)

    def loss(net):
        x = net.x
        return chainlite.functions.sum(100 * (x[1:] - x[:-1] * x[:-1]) ** 2 + (1 - x[:-1]) ** 2)

    net, opt = make()
    for _ in range(2):
        opt.update(loss, net)
    serializers.save_npz(tmp_path / 'm.npz', net)
    serializers.save_npz(tmp_path / 'o.npz', opt)
    opt.update(loss, net)
    net2, opt2 = make()
    serializers.load_npz(tmp_path / 'm.npz', net2)
    serializers.load_npz(tmp_path / 'o.npz', opt2)
    opt2.update(loss, net2)
    numpy.testing.assert_array_equal(net.x.array, net2.x.array)
