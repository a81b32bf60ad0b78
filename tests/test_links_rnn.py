"""Recurrent links against Chainer 7.8.1 (tests/data/rnn.npz from tools/goldens/rnn.py):
parameter paths and seeded draws, forward and parameter gradients with the weights
set explicitly; state handling, sequence sorting, numerical gradients and errors."""
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.initializers as I
import chainlite.links as L
from chainlite import gradient_check

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'rnn.npz'))
IN, OUT = 3, 2


def params_sorted(link):
    return sorted(link.namedparams())


def flat(link, attr):
    return numpy.concatenate([getattr(p, attr).ravel() for _, p in params_sorted(link)])


def set_flat(link, vector):
    offset = 0
    for _, p in params_sorted(link):
        p.array[...] = vector[offset:offset + p.size].reshape(p.shape)
        offset += p.size
    assert offset == vector.size


# --- seed parity and parameter paths ---------------------------------------------------

INIT = {
    'LSTM': lambda: L.LSTM(3, 4),
    'LSTM_init': lambda: L.LSTM(3, 2, lateral_init=I.Uniform(1.0), upward_init=I.Normal(2.0),
                                bias_init=I.Normal(1.0), forget_bias_init=I.Uniform(0.5)),
    'StatelessLSTM': lambda: L.StatelessLSTM(3, 4),
    'GRU': lambda: L.GRU(3, 4),
    'StatelessGRU': lambda: L.StatelessGRU(3, 4),
    'NStepLSTM': lambda: L.NStepLSTM(2, 3, 4, 0.0),
    'NStepBiLSTM': lambda: L.NStepBiLSTM(2, 3, 2, 0.0),
    'NStepGRU': lambda: L.NStepGRU(1, 3, 4, 0.0),
    'NStepBiGRU': lambda: L.NStepBiGRU(2, 3, 2, 0.0),
    'NStepRNNTanh': lambda: L.NStepRNNTanh(2, 3, 4, 0.0),
    'NStepBiRNNReLU': lambda: L.NStepBiRNNReLU(1, 3, 4, 0.0),
    'NStepLSTM_init': lambda: L.NStepLSTM(1, 3, 2, 0.0, initialW=I.Uniform(1.0),
                                          initial_bias=I.Normal(1.0)),
    'StatefulPeepholeLSTM': lambda: L.StatefulPeepholeLSTM(3, 4),
    'StatefulZoneoutLSTM': lambda: L.StatefulZoneoutLSTM(3, 4),
    'StatelessMGU': lambda: L.StatelessMGU(3, 4),
    'StatefulMGU': lambda: L.StatefulMGU(3, 4),
}


@pytest.mark.parametrize('name', sorted(INIT))
def test_namedparams_paths_match_chainer(name):
    link = INIT[name]()
    paths = ['%s %s' % (path, p.shape) for path, p in params_sorted(link)]
    assert paths == list(GOLDEN['paths/' + name])


@pytest.mark.parametrize('seed', [0, 1])
@pytest.mark.parametrize('name', sorted(INIT))
def test_seed_parity(name, seed):
    numpy.random.seed(seed)
    link = INIT[name]()
    after = numpy.random.normal()
    assert flat(link, 'array').dtype == numpy.float32
    numpy.testing.assert_array_equal(flat(link, 'array'), GOLDEN['init/%s/s%d' % (name, seed)])
    assert after == GOLDEN['next/%s/s%d' % (name, seed)]  # the same number of draws


@pytest.mark.parametrize('seed', [0, 1])
def test_lazy_lstm_draws_on_first_call(seed):
    numpy.random.seed(seed)
    link = L.LSTM(2)
    assert link.upward.W.array is None
    link(numpy.ones((1, 3), numpy.float32))
    after = numpy.random.normal()
    numpy.testing.assert_array_equal(flat(link, 'array'), GOLDEN['init/LSTM_lazy/s%d' % seed])
    assert after == GOLDEN['next/LSTM_lazy/s%d' % seed]


def test_lstm_forget_bias_is_one():
    b = L.LSTM(3, 2).upward.b.array.reshape(2, 4)
    numpy.testing.assert_array_equal(b, [[0, 0, 1, 0]] * 2)


# --- forward and gradients against Chainer ---------------------------------------------

def steps(link, inputs):
    return [link(inputs[str(t)]) for t in range(len(inputs))]


def n_step(link, inputs):
    xs = [inputs['xs/%d' % i] for i in range(len(inputs))]
    if isinstance(link, L.NStepLSTMBase):
        hy, cy, ys = link(None, None, xs)
        return [hy, cy] + list(ys)
    hy, ys = link(None, xs)
    return [hy] + list(ys)


N_STEP_LINKS = ('NStepLSTM', 'NStepBiLSTM', 'NStepGRU', 'NStepBiGRU', 'NStepRNNTanh',
                'NStepRNNReLU', 'NStepBiRNNTanh', 'NStepBiRNNReLU')
CASES = {
    'LSTM': (lambda: L.LSTM(IN, OUT), steps, True),
    'StatefulGRU': (lambda: L.StatefulGRU(IN, OUT), steps, True),
    'StatefulMGU': (lambda: L.StatefulMGU(IN, OUT), steps, True),
    'StatefulPeepholeLSTM': (lambda: L.StatefulPeepholeLSTM(IN, OUT), steps, True),
    'StatefulZoneoutLSTM_keep': (lambda: L.StatefulZoneoutLSTM(IN, OUT, 1.0, 1.0), steps, True),
    'StatefulZoneoutLSTM_update': (lambda: L.StatefulZoneoutLSTM(IN, OUT, 0.0, 0.0), steps,
                                   True),
    'StatefulZoneoutLSTM_test': (lambda: L.StatefulZoneoutLSTM(IN, OUT), steps, False),
    'StatelessLSTM': (lambda: L.StatelessLSTM(IN, OUT),
                      lambda link, v: list(link(v['c'], v['h'], v['x'])), True),
    'StatelessGRU': (lambda: L.StatelessGRU(IN, OUT), lambda link, v: [link(v['h'], v['x'])], True),
    'StatelessMGU': (lambda: L.StatelessMGU(IN, OUT), lambda link, v: [link(v['h'], v['x'])], True),
}
CASES.update((name, (lambda name=name: getattr(L, name)(2, IN, OUT, 0.0), n_step, True))
             for name in N_STEP_LINKS)


@pytest.mark.parametrize('case', sorted(CASES))
def test_link_matches_chainer(case):
    make, call, train = CASES[case]
    link = make()
    set_flat(link, GOLDEN['link/%s/param' % case])
    prefix = 'link/%s/in/' % case
    inputs = {k[len(prefix):]: GOLDEN[k] for k in GOLDEN.files if k.startswith(prefix)}
    with chainlite.using_config('train', train):
        ys = call(link, inputs)
    loss = 0
    for k, y in enumerate(ys):
        numpy.testing.assert_allclose(y.array, GOLDEN['link/%s/out/%d' % (case, k)],
                                      rtol=1e-5, atol=1e-6)
        loss = loss + F.sum(y * y)
    assert 'link/%s/out/%d' % (case, len(ys)) not in GOLDEN
    link.cleargrads()
    loss.backward()
    numpy.testing.assert_allclose(flat(link, 'grad'), GOLDEN['link/%s/grad' % case],
                                  rtol=1e-4, atol=1e-5)


# --- numerical gradients (float64 parameters) -----------------------------------------

def make64(make):
    with chainlite.using_config('dtype', numpy.float64):
        return make()


@pytest.mark.parametrize('make, nargs', [
    (lambda: L.StatelessLSTM(3, 2), 3),
    (lambda: L.StatelessGRU(3, 2), 2),
    (lambda: L.StatelessMGU(3, 2), 2),
])
def test_stateless_link_gradients(make, nargs, rng):
    numpy.random.seed(0)
    link = make64(make)
    for p in link.params():
        p.array[...] = rng.uniform(-1, 1, p.shape)
    args = (rng.randn(2, 2), rng.randn(2, 2), rng.randn(2, 3))[-nargs:]
    ys = link(*args)
    gys = tuple(rng.randn(*y.shape) for y in (ys if isinstance(ys, tuple) else (ys,)))
    gradient_check.check_backward(link, args, gys, params=tuple(link.params()),
                                  dtype=numpy.float64)


@pytest.mark.parametrize('make', [lambda: L.StatefulPeepholeLSTM(3, 2),
                                  lambda: L.StatefulZoneoutLSTM(3, 2, 0.0, 0.0),
                                  lambda: L.LSTM(3, 2), lambda: L.StatefulGRU(3, 2),
                                  lambda: L.StatefulMGU(3, 2)])
def test_stateful_link_gradients_over_two_steps(make, rng):
    link = make64(make)
    for p in link.params():
        p.array[...] = rng.uniform(-1, 1, p.shape)

    def two_steps(x0, x1):
        link.reset_state()
        link(x0)
        return link(x1)

    gradient_check.check_backward(two_steps, (rng.randn(2, 3), rng.randn(2, 3)),
                                  rng.randn(2, 2), params=tuple(link.params()),
                                  dtype=numpy.float64)


@pytest.mark.parametrize('name', ['NStepBiLSTM', 'NStepGRU', 'NStepRNNReLU'])
def test_n_step_link_gradients(name, rng):
    link = make64(lambda: getattr(L, name)(2, 2, 2, 0.0))
    xs = (rng.randn(1, 2), rng.randn(3, 2))

    def func(x0, x1):
        out = n_step(link, {'xs/0': x0, 'xs/1': x1})
        return tuple(out)

    gys = tuple(rng.randn(*y.shape) for y in func(*xs))
    gradient_check.check_backward(func, xs, gys, params=tuple(link.params()),
                                  dtype=numpy.float64)


# --- state handling -----------------------------------------------------------------

def test_lstm_state_reset_and_set(rng):
    numpy.random.seed(0)
    lstm = L.LSTM(3, 2)
    stateless = L.StatelessLSTM(3, 2)
    stateless.copyparams(lstm)
    x = rng.randn(4, 3).astype(numpy.float32)
    first = lstm(x).array
    second = lstm(x).array
    assert not numpy.allclose(first, second)
    lstm.reset_state()
    assert lstm.c is None and lstm.h is None
    numpy.testing.assert_array_equal(lstm(x).array, first)
    c, h = rng.randn(4, 2).astype(numpy.float32), rng.randn(4, 2).astype(numpy.float32)
    lstm.set_state(c, h)
    c_ref, h_ref = stateless(c, h, x)
    y = lstm(x)
    numpy.testing.assert_allclose(y.array, h_ref.array, rtol=1e-6)
    numpy.testing.assert_allclose(lstm.c.array, c_ref.array, rtol=1e-6)


def test_lstm_smaller_batch_keeps_the_rest(rng):
    lstm = L.LSTM(3, 2)
    lstm(rng.randn(3, 3).astype(numpy.float32))
    c0, h0 = lstm.c.array.copy(), lstm.h.array.copy()
    y = lstm(rng.randn(2, 3).astype(numpy.float32))
    assert y.shape == (2, 2) and lstm.h.shape == (3, 2)
    numpy.testing.assert_array_equal(lstm.h.array[2:], h0[2:])
    numpy.testing.assert_array_equal(lstm.c.array[2:], c0[2:])
    numpy.testing.assert_array_equal(lstm.h.array[:2], y.array)


def test_lstm_larger_batch_names_the_link(rng):
    model = chainlite.Chain()
    with model.init_scope():
        model.enc = L.LSTM(3, 2)
    model.enc(rng.randn(2, 3).astype(numpy.float32))
    with pytest.raises(TypeError, match=r'LSTM at /enc: .*\(3, 3\).*\(2, 2\)'):
        model.enc(rng.randn(3, 3).astype(numpy.float32))


@pytest.mark.parametrize('make', [lambda: L.StatefulGRU(3, 2), lambda: L.StatefulMGU(3, 2),
                                  lambda: L.StatefulPeepholeLSTM(3, 2),
                                  lambda: L.StatefulZoneoutLSTM(3, 2)])
def test_stateful_batch_change_is_an_error(make, rng):
    link = make()
    y = link(rng.randn(2, 3).astype(numpy.float32))
    assert y.shape == (2, 2)
    with pytest.raises(ValueError, match=r'the batch size of x \(shape \(3, 3\)\)'):
        link(rng.randn(3, 3).astype(numpy.float32))
    link.reset_state()
    assert link(rng.randn(3, 3).astype(numpy.float32)).shape == (3, 2)


def test_gru_is_stateful_and_rejects_two_arguments(rng):
    assert issubclass(L.GRU, L.StatefulGRU)
    gru = L.GRU(3, 2)
    x = rng.randn(2, 3).astype(numpy.float32)
    with pytest.raises(ValueError, match='Use chainlite.links.StatelessGRU'):
        gru(numpy.zeros((2, 2), numpy.float32), x)
    h = rng.randn(2, 2).astype(numpy.float32)
    gru.set_state(h)
    stateless = L.StatelessGRU(3, 2)
    stateless.copyparams(gru)
    numpy.testing.assert_allclose(gru(x).array, stateless(h, x).array, rtol=1e-6)


def test_mgu_set_state_matches_stateless(rng):
    mgu, stateless = L.StatefulMGU(3, 2), L.StatelessMGU(3, 2)
    stateless.copyparams(mgu)
    h, x = rng.randn(2, 2).astype(numpy.float32), rng.randn(2, 3).astype(numpy.float32)
    mgu.set_state(chainlite.Variable(h))
    numpy.testing.assert_allclose(mgu(x).array, stateless(h, x).array, rtol=1e-6)


@pytest.mark.parametrize('c, h, error, match', [
    (numpy.zeros((2, 3), 'f'), numpy.zeros((2, 2), 'f'), ValueError, r'c must be \(batch, 2\)'),
    (numpy.zeros((2, 2), 'f'), numpy.zeros((3, 2), 'f'), ValueError, r'h must be \(batch, 2\)'),
    (numpy.zeros((2, 2), 'f'), 3, TypeError, 'needs a Variable or an array for h'),
])
def test_set_state_checks(c, h, error, match):
    with pytest.raises(error, match='LSTM at /: .*' + match):
        L.LSTM(3, 2).set_state(c, h)


def test_zoneout_keeps_or_updates_each_unit(rng):
    link = L.StatefulZoneoutLSTM(3, 8, c_ratio=0.5, h_ratio=0.5)
    reference = L.StatelessLSTM(3, 8)
    reference.copyparams(link)
    x = rng.randn(4, 3).astype(numpy.float32)
    link(x)
    c0, h0 = link.c.array.copy(), link.h.array.copy()
    numpy.random.seed(1)
    h = link(x).array
    c_new, h_new = reference(c0, h0, x)
    kept, updated = h == h0, numpy.isclose(h, h_new.array, rtol=1e-6)
    assert (kept | updated).all() and kept.any() and updated.any()


def test_to_device_moves_the_state(rng):
    lstm = L.LSTM(3, 2)
    lstm(rng.randn(2, 3).astype(numpy.float32))
    assert lstm.to_device('@numpy') is lstm
    assert isinstance(lstm.h.array, numpy.ndarray) and isinstance(lstm.c.array, numpy.ndarray)


# --- the NStep links ------------------------------------------------------------------

def test_n_step_any_order_of_sequences(rng):
    lstm = L.NStepBiLSTM(2, 3, 2, 0.0)
    xs = [rng.randn(n, 3).astype(numpy.float32) for n in (2, 4, 1)]
    hx = rng.randn(4, 3, 2).astype(numpy.float32)
    cx = rng.randn(4, 3, 2).astype(numpy.float32)
    order = [1, 0, 2]
    hy, cy, ys = lstm(hx, cx, xs)
    hy_s, cy_s, ys_s = lstm(hx[:, order], cx[:, order], [xs[i] for i in order])
    numpy.testing.assert_allclose(hy.array[:, order], hy_s.array, rtol=1e-6)
    numpy.testing.assert_allclose(cy.array[:, order], cy_s.array, rtol=1e-6)
    for i, k in enumerate(order):
        numpy.testing.assert_allclose(ys[k].array, ys_s[i].array, rtol=1e-6)
    assert [y.shape for y in ys] == [(2, 4), (4, 4), (1, 4)]


def test_n_step_each_sequence_runs_alone(rng):
    gru = L.NStepGRU(1, 3, 2, 0.0)
    xs = [rng.randn(n, 3).astype(numpy.float32) for n in (3, 1)]
    hy, ys = gru(None, xs)
    for i, x in enumerate(xs):
        hy_i, (y_i,) = gru(None, [x])
        numpy.testing.assert_allclose(hy.array[:, i], hy_i.array[:, 0], rtol=1e-6)
        numpy.testing.assert_allclose(ys[i].array, y_i.array, rtol=1e-6)


def test_n_step_attributes_and_dropout(rng):
    lstm = L.NStepLSTM(2, 3, 2, 0.5)
    assert (lstm.n_layers, lstm.dropout, lstm.out_size, lstm.direction) == (2, 0.5, 2, 1)
    assert lstm.ws[1][7] is lstm[1].w7 and lstm.bs[0][0] is lstm[0].b0
    assert lstm.init_hx([numpy.zeros((1, 3), 'f')] * 3).shape == (2, 3, 2)
    xs = [rng.randn(3, 3).astype(numpy.float32)]
    with chainlite.using_config('train', False):
        hy_test = lstm(None, None, xs)[0].array
    numpy.random.seed(0)
    hy_train = lstm(None, None, xs)[0].array
    numpy.testing.assert_array_equal(hy_train[0], hy_test[0])
    assert not numpy.allclose(hy_train[1], hy_test[1])


def test_n_step_wrong_feature_size_names_the_link(rng):
    model = chainlite.Chain()
    with model.init_scope():
        model.rnn = L.NStepRNNTanh(1, 3, 2, 0.0)
    with pytest.raises(ValueError, match=r'NStepRNNTanh at /rnn: expected .*3 features, got 4'):
        model.rnn(None, [numpy.zeros((2, 4), numpy.float32)])
    with pytest.raises(TypeError, match='xs must be a non-empty list'):
        model.rnn(None, numpy.zeros((2, 3), numpy.float32))


def test_bad_constructor_keywords():
    with pytest.raises(ValueError, match='use_cudnn argument is not supported'):
        L.NStepLSTM(1, 3, 2, 0.0, use_cudnn=True)
    with pytest.raises(TypeError, match='unexpected keyword'):
        L.NStepGRU(1, 3, 2, 0.0, foo=1)
    with pytest.raises(ValueError, match='train argument is not supported'):
        L.StatefulZoneoutLSTM(3, 2, train=True)


def test_lstm_wrong_feature_size_names_the_path():
    model = chainlite.Chain()
    with model.init_scope():
        model.enc = L.LSTM(3, 2)
    with pytest.raises(ValueError, match=r'/enc/upward: expected .*3 features, got 4'):
        model.enc(numpy.zeros((2, 4), numpy.float32))


@pytest.mark.parametrize('make', [lambda: L.LSTM(3, 2), lambda: L.NStepBiGRU(2, 3, 2, 0.0),
                                  lambda: L.StatefulPeepholeLSTM(3, 2)])
def test_npz_round_trip_and_copy(make, tmp_path):
    from chainlite import serializers
    numpy.random.seed(0)
    source = make()
    numpy.random.seed(1)
    target = make()
    serializers.save_npz(str(tmp_path / 'model.npz'), source)
    with numpy.load(str(tmp_path / 'model.npz')) as saved:
        assert set(saved.files) == {path[1:] for path, _ in source.namedparams()}
    serializers.load_npz(str(tmp_path / 'model.npz'), target)
    numpy.testing.assert_array_equal(flat(target, 'array'), flat(source, 'array'))
    copied = source.copy(mode='copy')
    numpy.testing.assert_array_equal(flat(copied, 'array'), flat(source, 'array'))
    assert all(p is not q for (_, p), (_, q) in zip(params_sorted(copied),
                                                    params_sorted(source)))


def test_n_step_weights_follow_a_shared_copy():
    lstm = L.NStepLSTM(1, 3, 2, 0.0)
    copied = lstm.copy()
    assert copied.ws[0][0] is copied[0].w0 and copied.bs[0][7] is copied[0].b7
    assert copied.ws[0][0] is not lstm.ws[0][0]
    assert copied.ws[0][0].array is lstm.ws[0][0].array


@pytest.mark.gpu
def test_parent_to_device_moves_recurrent_state():
    import cupy
    import chainlite
    net = chainlite.Chain()
    with net.init_scope():
        net.rnn = L.LSTM(2, 3)
    net.rnn(numpy.ones((1, 2), numpy.float32))
    net.to_device('@cupy:0')
    assert isinstance(net.rnn.h.array, cupy.ndarray) and isinstance(net.rnn.c.array, cupy.ndarray)
