"""Recurrent functions: Chainer 7.8.1's goldens (tests/data/rnn.npz from tools/goldens/rnn.py),
independent NumPy references, numerical gradients and input validation."""
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import gradient_check
from chainlite.utils import type_check

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'rnn.npz'))


def golden(prefix):
    """The golden arrays under ``prefix`` as a dict keyed by the rest of the key."""
    return {k[len(prefix):]: GOLDEN[k] for k in GOLDEN.files if k.startswith(prefix)}


def sigmoid(x):
    return 1 / (1 + numpy.exp(-x))


# --- the activations -----------------------------------------------------------------

CELLS = {
    'lstm': (F.lstm, ('c', 'x')),
    'lstm_3d': (F.lstm, ('c', 'x')),
    'slstm': (F.slstm, ('c1', 'c2', 'x1', 'x2')),
    'tree_lstm': (F.tree_lstm, ('c1', 'c2', 'x')),
}


@pytest.mark.parametrize('case', sorted(CELLS))
def test_cell_matches_chainer(case):
    fn, names = CELLS[case]
    inputs = golden('fn/%s/in/' % case)
    xs = [chainlite.Variable(inputs[n]) for n in names]
    c, h = fn(*xs)
    numpy.testing.assert_allclose(c.array, GOLDEN['fn/%s/out/c' % case], rtol=1e-12, atol=1e-12)
    numpy.testing.assert_allclose(h.array, GOLDEN['fn/%s/out/h' % case], rtol=1e-12, atol=1e-12)
    loss = F.sum(c * GOLDEN['fn/%s/gy/c' % case]) + F.sum(h * GOLDEN['fn/%s/gy/h' % case])
    loss.backward()
    for n, x in zip(names, xs):
        numpy.testing.assert_allclose(x.grad, GOLDEN['fn/%s/grad/%s' % (case, n)], atol=1e-12)


def test_lstm_numpy_reference_and_passthrough_rows(rng):
    c_prev = rng.randn(4, 3)
    x = rng.randn(2, 12)
    c, h = F.lstm(c_prev, x)
    g = x.reshape(2, 3, 4)
    a, i, f, o = numpy.tanh(g[..., 0]), sigmoid(g[..., 1]), sigmoid(g[..., 2]), sigmoid(g[..., 3])
    c_ref = a * i + f * c_prev[:2]
    numpy.testing.assert_allclose(c.array[:2], c_ref, rtol=1e-12)
    numpy.testing.assert_array_equal(c.array[2:], c_prev[2:])
    numpy.testing.assert_allclose(h.array, o * numpy.tanh(c_ref), rtol=1e-12)


def test_slstm_numpy_reference(rng):
    c1, c2, x1, x2 = rng.randn(2, 3), rng.randn(2, 3), rng.randn(2, 12), rng.randn(2, 12)
    c, h = F.slstm(c1, c2, x1, x2)
    g1, g2 = x1.reshape(2, 3, 4), x2.reshape(2, 3, 4)
    c_ref = (numpy.tanh(g1[..., 0]) * sigmoid(g1[..., 1]) + numpy.tanh(g2[..., 0])
             * sigmoid(g2[..., 1]) + sigmoid(g1[..., 2]) * c1 + sigmoid(g2[..., 2]) * c2)
    numpy.testing.assert_allclose(c.array, c_ref, rtol=1e-12)
    numpy.testing.assert_allclose(h.array, sigmoid(g1[..., 3] + g2[..., 3]) * numpy.tanh(c_ref),
                                  rtol=1e-12)


def test_tree_lstm_numpy_reference_one_child(rng):
    c1, x = rng.randn(2, 3), rng.randn(2, 12)
    c, h = F.tree_lstm(c1, x)
    a, i, o, f = (x[:, 3 * k:3 * k + 3] for k in range(4))
    c_ref = numpy.tanh(a) * sigmoid(i) + sigmoid(f) * c1
    numpy.testing.assert_allclose(c.array, c_ref, rtol=1e-12)
    numpy.testing.assert_allclose(h.array, sigmoid(o) * numpy.tanh(c_ref), rtol=1e-12)


@pytest.mark.parametrize('dtype, tol', [(numpy.float16, 5e-3), (numpy.float32, 1e-6)])
def test_lstm_low_precision_forward(dtype, tol):
    inputs = golden('fn/lstm/in/')
    c, h = F.lstm(inputs['c'].astype(dtype), inputs['x'].astype(dtype))
    assert c.dtype == dtype and h.dtype == dtype
    numpy.testing.assert_allclose(c.array, GOLDEN['fn/lstm/out/c'], rtol=tol, atol=tol)
    numpy.testing.assert_allclose(h.array, GOLDEN['fn/lstm/out/h'], rtol=tol, atol=tol)


CELL_SHAPES = {
    'lstm': (F.lstm, [(3, 2), (2, 8)]),
    'lstm_3d': (F.lstm, [(2, 2, 2), (2, 8, 2)]),
    'slstm': (F.slstm, [(2, 2), (2, 2), (2, 8), (2, 8)]),
    'tree_lstm': (F.tree_lstm, [(2, 2), (2, 2), (2, 2), (2, 12)]),
}


@pytest.mark.parametrize('case', sorted(CELL_SHAPES))
def test_cell_gradients(case, rng):
    fn, shapes = CELL_SHAPES[case]
    xs = tuple(rng.randn(*s) for s in shapes)
    h_shape = (shapes[-1][0],) + shapes[0][1:]
    gys = (rng.randn(*shapes[0]), rng.randn(*h_shape))
    gradient_check.check_backward(fn, xs, gys, dtype=numpy.float64)
    ggxs = tuple(rng.randn(*s) for s in shapes)
    gradient_check.check_double_backward(fn, xs, gys, ggxs, dtype=numpy.float64)


def test_lstm_gradient_of_h_only(rng):
    c_prev, x = rng.randn(3, 2), rng.randn(3, 8)
    gradient_check.check_backward(lambda c, x: F.lstm(c, x)[1], (c_prev, x), rng.randn(3, 2))


@pytest.mark.parametrize('c_shape, x_shape, dtypes, match', [
    ((2, 3), (2, 11), 'ff', r'x.shape\[1\] == 4 \* c.shape\[1\]'),
    ((2, 3), (3, 12), 'ff', r'x.shape\[0\] <= c.shape\[0\]'),
    ((2, 3), (2, 12), 'fd', 'x.dtype == c.dtype'),
    ((2, 3), (2, 12), 'ii', "c.dtype.kind == 'f'"),
    ((2, 3, 2), (2, 12, 3), 'ff', r'x.shape\[2:\] == c.shape\[2:\]'),
])
def test_lstm_bad_input(c_shape, x_shape, dtypes, match):
    c = numpy.zeros(c_shape, dtypes[0])
    x = numpy.zeros(x_shape, dtypes[1])
    with pytest.raises(type_check.InvalidType, match=match) as info:
        F.lstm(c, x)
    assert 'LSTM' in str(info.value)


def test_slstm_and_tree_lstm_bad_input():
    with pytest.raises(type_check.InvalidType, match=r'x1.shape\[0\] == c_prev1.shape\[0\]'):
        F.slstm(numpy.zeros((3, 2)), numpy.zeros((3, 2)), numpy.zeros((2, 8)),
                numpy.zeros((2, 8)))
    with pytest.raises(type_check.InvalidType, match='c_prev2.shape == c_prev1.shape'):
        F.slstm(numpy.zeros((2, 2)), numpy.zeros((2, 3)), numpy.zeros((2, 8)),
                numpy.zeros((2, 8)))
    with pytest.raises(type_check.InvalidType, match=r'x.shape\[1\] == 5 \* c1.shape\[1\]'):
        F.tree_lstm(numpy.zeros((2, 2)), numpy.zeros((2, 2)), numpy.zeros((2, 8)))
    with pytest.raises(type_check.InvalidType, match='tree_lstm'):
        F.tree_lstm(numpy.zeros((2, 8)))


# --- the n-step networks ---------------------------------------------------------------

N_STEP = {  # case: (function, directions, weights per layer, with cell, kwargs)
    'n_step_lstm': (F.n_step_lstm, 1, 8, True, {}),
    'n_step_bilstm': (F.n_step_bilstm, 2, 8, True, {}),
    'n_step_gru': (F.n_step_gru, 1, 6, False, {}),
    'n_step_bigru': (F.n_step_bigru, 2, 6, False, {}),
    'n_step_rnn_tanh': (F.n_step_rnn, 1, 2, False, {}),
    'n_step_rnn_relu': (F.n_step_rnn, 1, 2, False, {'activation': 'relu'}),
    'n_step_birnn_tanh': (F.n_step_birnn, 2, 2, False, {}),
    'n_step_birnn_relu': (F.n_step_birnn, 2, 2, False, {'activation': 'relu'}),
}


def n_step_args(v, n_dir, n_weights, with_c):
    """``(states..., ws, bs, xs)`` from the golden layout (Variables or arrays)."""
    layers = range(2 * n_dir)
    ws = [list(F.separate(v['wx/%d' % k])) + list(F.separate(v['wh/%d' % k])) for k in layers]
    bs = [list(F.separate(v['b/%d' % k])) for k in layers]
    xs = [v['xs/%d' % t] for t in range(3)]
    states = (v['hx'], v['cx']) if with_c else (v['hx'],)
    return states + (ws, bs, xs)


@pytest.mark.parametrize('case', sorted(N_STEP))
def test_n_step_matches_chainer(case):
    fn, n_dir, n_weights, with_c, kwargs = N_STEP[case]
    v = {k: chainlite.Variable(a) for k, a in golden('fn/%s/in/' % case).items()}
    ret = fn(2, 0.0, *n_step_args(v, n_dir, n_weights, with_c), **kwargs)
    outputs = {'hy': ret[0]}
    if with_c:
        outputs['cy'] = ret[1]
    outputs.update(('ys/%d' % t, y) for t, y in enumerate(ret[-1]))
    assert len(outputs) == len(golden('fn/%s/out/' % case))
    loss = 0
    for name, y in outputs.items():
        numpy.testing.assert_allclose(y.array, GOLDEN['fn/%s/out/%s' % (case, name)],
                                      rtol=1e-10, atol=1e-12)
        loss = loss + F.sum(y * GOLDEN['fn/%s/gy/%s' % (case, name)])
    loss.backward()
    for name, x in v.items():
        numpy.testing.assert_allclose(x.grad, GOLDEN['fn/%s/grad/%s' % (case, name)],
                                      rtol=1e-10, atol=1e-12)


def gru_reference(hx, ws, bs, xs):
    """One-layer GRU, one sequence at a time, written from the documented equations."""
    W, b = ws[0], bs[0]
    hy = hx[0].copy()
    ys = [numpy.zeros((len(x), W[0].shape[0])) for x in xs]
    for t, x in enumerate(xs):
        for n in range(len(x)):
            h = hy[n]
            r = sigmoid(W[0] @ x[n] + b[0] + W[3] @ h + b[3])
            z = sigmoid(W[1] @ x[n] + b[1] + W[4] @ h + b[4])
            hbar = numpy.tanh(W[2] @ x[n] + b[2] + r * (W[5] @ h + b[5]))
            hy[n] = ys[t][n] = (1 - z) * hbar + z * h
    return hy[None], ys


def test_n_step_gru_numpy_reference(rng):
    ws = [[rng.randn(3, 2) for _ in range(3)] + [rng.randn(3, 3) for _ in range(3)]]
    bs = [[rng.randn(3) for _ in range(6)]]
    xs = [rng.randn(b, 2) for b in (3, 3, 1)]
    hx = rng.randn(1, 3, 3)
    hy, ys = F.n_step_gru(1, 0.0, hx, ws, bs, xs)
    hy_ref, ys_ref = gru_reference(hx, ws, bs, xs)
    numpy.testing.assert_allclose(hy.array, hy_ref, rtol=1e-12)
    for y, y_ref in zip(ys, ys_ref):
        numpy.testing.assert_allclose(y.array, y_ref, rtol=1e-12)


def small_n_step(rng, n_layers, n_dir, n_weights, in_size=2, out=2, sizes=(2, 1)):
    ws = [[rng.randn(out, (in_size if k < n_dir else out * n_dir) if j < n_weights // 2
                     else out) for j in range(n_weights)] for k in range(n_layers * n_dir)]
    bs = [[rng.randn(out) for _ in range(n_weights)] for _ in range(n_layers * n_dir)]
    xs = [rng.randn(b, in_size) for b in sizes]
    hx = rng.randn(n_layers * n_dir, sizes[0], out)
    return hx, ws, bs, xs


@pytest.mark.parametrize('case', sorted(N_STEP))
def test_n_step_gradients(case, rng):
    fn, n_dir, n_weights, with_c, kwargs = N_STEP[case]
    hx, ws, bs, xs = small_n_step(rng, 2 if n_dir == 1 else 1, n_dir, n_weights)
    n_layers = len(ws) // n_dir
    flat = [hx] + ([rng.randn(*hx.shape)] if with_c else []) + \
        [w for ls in ws for w in ls] + [b for ls in bs for b in ls] + xs
    n_states, n_w = 2 if with_c else 1, len(ws) * n_weights

    def func(*args):
        states, rest = args[:n_states], args[n_states:]
        w = [list(rest[i:i + n_weights]) for i in range(0, n_w, n_weights)]
        b = [list(rest[n_w + i:n_w + i + n_weights]) for i in range(0, n_w, n_weights)]
        ret = fn(n_layers, 0.0, *states, w, b, list(rest[2 * n_w:]), **kwargs)
        return tuple(ret[:-1]) + tuple(ret[-1])

    outputs = func(*[chainlite.Variable(a) for a in flat])
    gys = tuple(rng.randn(*y.shape) for y in outputs)
    gradient_check.check_backward(func, tuple(flat), gys, dtype=numpy.float64)


def test_n_step_double_backward(rng):
    hx, ws, bs, xs = small_n_step(rng, 1, 1, 8, sizes=(2, 1))

    def func(hx, cx, w0, x0, x1):
        w = [[w0] + ws[0][1:]]
        hy, cy, ys = F.n_step_lstm(1, 0.0, hx, cx, w, bs, [x0, x1])
        return (hy, cy) + tuple(ys)

    args = (hx, rng.randn(*hx.shape), ws[0][0], xs[0], xs[1])
    gys = (rng.randn(*hx.shape), rng.randn(*hx.shape), rng.randn(2, 2), rng.randn(1, 2))
    ggxs = tuple(rng.randn(*a.shape) for a in args)
    gradient_check.check_double_backward(func, args, gys, ggxs, dtype=numpy.float64)


def test_n_step_none_states_are_zeros(rng):
    hx, ws, bs, xs = small_n_step(rng, 1, 1, 8)
    zeros = numpy.zeros_like(hx)
    a = F.n_step_lstm(1, 0.0, None, None, ws, bs, xs)
    b = F.n_step_lstm(1, 0.0, zeros, zeros, ws, bs, xs)
    for u, v in zip(a[:2] + tuple(a[2]), b[:2] + tuple(b[2])):
        numpy.testing.assert_array_equal(u.array, v.array)


def test_n_step_dropout_between_layers_only(rng):
    hx, ws, bs, xs = small_n_step(rng, 2, 1, 2, sizes=(2, 2))
    with chainlite.using_config('train', False):
        hy_ref, ys_ref = F.n_step_rnn(2, 0.9, hx, ws, bs, xs)
    with chainlite.using_config('train', True):
        numpy.random.seed(0)
        hy, ys = F.n_step_rnn(2, 0.9, hx, ws, bs, xs)
        hy0, _ = F.n_step_rnn(2, 0.0, hx, ws, bs, xs)
    numpy.testing.assert_array_equal(hy.array[0], hy_ref.array[0])  # the first layer's input
    assert not numpy.allclose(hy.array[1], hy_ref.array[1])  # dropped before the second layer
    numpy.testing.assert_array_equal(hy0.array, hy_ref.array)


@pytest.mark.parametrize('mutate, match', [
    (lambda a: a.update(ws=a['ws'][:1]), 'needs 2 lists of weights'),
    (lambda a: a.update(ws=[w[:7] for w in a['ws']]), r'ws\[0\] and bs\[0\] must hold 8'),
    (lambda a: a.update(xs=a['xs'][::-1]), r'non-increasing .* got \[1, 2\]'),
    (lambda a: a.update(xs=[]), 'at least one time step'),
    (lambda a: a.update(xs=[x[:, :1] for x in a['xs']]), r'must be \(batch, 2\).* got \(2, 1\)'),
    (lambda a: a.update(hx=a['hx'][:, :1]), r'hx must have shape .*\(2, 2, 2\), got \(2, 1, 2\)'),
    (lambda a: a.update(cx=a['cx'][:1]), r'cx must have shape'),
    (lambda a: a.update(n_layers=0), 'n_layers must be a positive int'),
])
def test_n_step_bad_input(mutate, match, rng):
    hx, ws, bs, xs = small_n_step(rng, 2, 1, 8)
    args = dict(n_layers=2, hx=hx, cx=hx, ws=ws, bs=bs, xs=xs)
    mutate(args)
    with pytest.raises(ValueError, match='n_step_lstm: .*' + match):
        F.n_step_lstm(args['n_layers'], 0.0, args['hx'], args['cx'], args['ws'], args['bs'],
                      args['xs'])


def test_n_step_bad_keywords(rng):
    hx, ws, bs, xs = small_n_step(rng, 1, 1, 2)
    with pytest.raises(ValueError, match="activation must be 'tanh' or 'relu'"):
        F.n_step_rnn(1, 0.0, hx, ws, bs, xs, activation='sigmoid')
    with pytest.raises(ValueError, match='train argument is not supported'):
        F.n_step_rnn(1, 0.0, hx, ws, bs, xs, train=True)
    with pytest.raises(TypeError, match='unexpected keyword'):
        F.n_step_rnn(1, 0.0, hx, ws, bs, xs, foo=1)


def test_every_rnn_name_has_a_gradient_test():
    import chainlite.functions.rnn as rnn
    covered = {fn.__name__ for fn, _ in CELL_SHAPES.values()} | \
        {fn.__name__ for fn, *_ in N_STEP.values()}
    assert covered == set(rnn.__all__)


def test_all_names_exported():
    import chainlite.functions.rnn as rnn
    for name in rnn.__all__:
        assert getattr(F, name) is getattr(rnn, name)
    assert set(rnn.__all__) >= {'lstm', 'slstm', 'tree_lstm', 'n_step_lstm', 'n_step_bilstm',
                                'n_step_gru', 'n_step_bigru', 'n_step_rnn', 'n_step_birnn'}
