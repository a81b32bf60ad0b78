"""Tree-LSTM links against Chainer 7.8.1 (tests/data/tree_lstm_links.npz from
tools/goldens/tree_lstm_links.py): parameter paths and seeded draws, forward values and
parameter gradients with the weights set explicitly, numerical gradients and errors."""
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import gradient_check

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'tree_lstm_links.npz'))
IN, OUT = 3, 2

INIT = {
    'ChildSumTreeLSTM': lambda: L.ChildSumTreeLSTM(3, 4),
    'NaryTreeLSTM': lambda: L.NaryTreeLSTM(3, 4),
    'NaryTreeLSTM_3': lambda: L.NaryTreeLSTM(2, 3, n_ary=3),
    'NaryTreeLSTM_1': lambda: L.NaryTreeLSTM(4, 2, n_ary=1),
}

CALLS = {
    'cs_full': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'cs_leaf': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'cs_one': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'cs_three': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'cs_none': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'cs_all_none': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'cs_x_none': lambda: L.ChildSumTreeLSTM(IN, OUT),
    'nary_full': lambda: L.NaryTreeLSTM(IN, OUT),
    'nary_none': lambda: L.NaryTreeLSTM(IN, OUT),
    'nary_all_none': lambda: L.NaryTreeLSTM(IN, OUT),
    'nary_x_none': lambda: L.NaryTreeLSTM(IN, OUT),
    'nary3': lambda: L.NaryTreeLSTM(IN, OUT, n_ary=3),
    'nary1': lambda: L.NaryTreeLSTM(IN, OUT, n_ary=1),
}


def flat(link, attr):
    return numpy.concatenate([
        (numpy.zeros(p.shape, numpy.float32) if getattr(p, attr) is None
         else getattr(p, attr)).ravel() for _, p in sorted(link.namedparams())])


def set_flat(link, vector):
    offset = 0
    for _, p in sorted(link.namedparams()):
        p.array[...] = vector[offset:offset + p.size].reshape(p.shape)
        offset += p.size
    assert offset == vector.size


def golden_args(case):
    n = int(GOLDEN['call/%s/nargs' % case])
    key = 'call/%s/in/%%d' % case
    return [GOLDEN[key % k] if key % k in GOLDEN else None for k in range(n)]


def test_module_and_classes():
    assert L.ChildSumTreeLSTM.__module__ == 'chainlite.links.rnn.tree_lstm'
    assert L.NaryTreeLSTM.__module__ == 'chainlite.links.rnn.tree_lstm'
    assert issubclass(L.ChildSumTreeLSTM, chainlite.Chain)
    assert issubclass(L.NaryTreeLSTM, chainlite.Chain)


@pytest.mark.parametrize('name', sorted(INIT))
def test_paths(name):
    link = INIT[name]()
    paths = ['%s %s' % (path, p.shape) for path, p in sorted(link.namedparams())]
    assert paths == list(GOLDEN['paths/' + name])


@pytest.mark.parametrize('seed', [0, 1])
@pytest.mark.parametrize('name', sorted(INIT))
def test_seed_parity(name, seed):
    numpy.random.seed(seed)
    link = INIT[name]()
    after = numpy.random.normal()
    numpy.testing.assert_array_equal(flat(link, 'array'), GOLDEN['init/%s/s%d' % (name, seed)])
    assert after == GOLDEN['next/%s/s%d' % (name, seed)]
    for _, p in link.namedparams():
        assert p.dtype == numpy.float32


def test_attributes():
    link = L.NaryTreeLSTM(3, 4, n_ary=3)
    assert (link.in_size, link.state_size, link.n_ary) == (3, 4, 3)
    link = L.ChildSumTreeLSTM(3, 4)
    assert (link.in_size, link.state_size) == (3, 4)
    assert [name for name, _ in sorted(link.namedlinks(skipself=True))] == [
        '/W_h_aio', '/W_h_f', '/W_x']


@pytest.mark.parametrize('case', sorted(CALLS))
def test_forward_and_grads(case):
    link = CALLS[case]()
    set_flat(link, GOLDEN['call/%s/param' % case])
    c, h = link(*golden_args(case))
    assert isinstance(c, chainlite.Variable) and isinstance(h, chainlite.Variable)
    numpy.testing.assert_allclose(c.array, GOLDEN['call/%s/out/c' % case], rtol=1e-5,
                                  atol=1e-6)
    numpy.testing.assert_allclose(h.array, GOLDEN['call/%s/out/h' % case], rtol=1e-5,
                                  atol=1e-6)
    assert c.dtype == h.dtype == numpy.float32
    link.cleargrads()
    (F.sum(c * c) + F.sum(h * h)).backward()
    numpy.testing.assert_allclose(flat(link, 'grad'), GOLDEN['call/%s/grad' % case],
                                  rtol=1e-4, atol=1e-5)


def test_x_none_gradients_are_finite_and_bias_only():
    link = L.NaryTreeLSTM(IN, OUT)
    link.cleargrads()
    c, h = link(numpy.ones((2, OUT), numpy.float32), None, None, None, None)
    (F.sum(c) + F.sum(h)).backward()
    numpy.testing.assert_array_equal(link.W_x.W.grad, 0)
    assert numpy.isfinite(link.W_x.b.grad).all() and abs(link.W_x.b.grad).sum() > 0


def make64(make):
    with chainlite.using_config('dtype', numpy.float64):
        return make()


@pytest.mark.parametrize('make, pattern', [
    (lambda: L.ChildSumTreeLSTM(3, 2), 'cchhx'),
    (lambda: L.ChildSumTreeLSTM(3, 2), 'c-h-x'),
    (lambda: L.ChildSumTreeLSTM(3, 2), 'x'),
    (lambda: L.ChildSumTreeLSTM(3, 2), 'ccchhh-'),
    (lambda: L.NaryTreeLSTM(3, 2), 'cchhx'),
    (lambda: L.NaryTreeLSTM(3, 2), '-ch-x'),
    (lambda: L.NaryTreeLSTM(3, 2, n_ary=3), 'cc-hhh-'),
])
def test_gradient_check(make, pattern, rng):
    link = make64(make)
    for p in link.params():
        p.array[...] = rng.uniform(-1, 1, p.shape)
    slots = [k for k, p in enumerate(pattern) if p != '-']
    inputs = tuple(rng.randn(2, 3 if pattern[k] == 'x' else 2) for k in slots)

    def func(*xs):
        args = [None] * len(pattern)
        for k, x in zip(slots, xs):
            args[k] = x
        return link(*args)

    gys = tuple(rng.randn(2, 2) for _ in range(2))
    gradient_check.check_backward(func, inputs, gys, params=tuple(link.params()),
                                  dtype=numpy.float64)
    c, h = link(*[None if p == '-' else numpy.zeros((2, 3 if p == 'x' else 2))
                  for p in pattern])
    assert c.dtype == h.dtype == numpy.float64


def test_child_sum_argument_count_errors():
    link = L.ChildSumTreeLSTM(3, 2)
    c = numpy.zeros((2, 2), numpy.float32)
    x = numpy.zeros((2, 3), numpy.float32)
    for args in [(c, x), (c, c, c, x)]:
        with pytest.raises(AssertionError):
            link(*args)
    with pytest.raises(IndexError):
        link()


def test_nary_argument_count_errors():
    link = L.NaryTreeLSTM(3, 2)
    c = numpy.zeros((2, 2), numpy.float32)
    x = numpy.zeros((2, 3), numpy.float32)
    for args in [(), (x,), (c, c, x), (c, c, c, x), (c, c, c, c, c, c, x), (None,)]:
        with pytest.raises(AssertionError):
            link(*args)
    with pytest.raises(AssertionError):
        L.NaryTreeLSTM(3, 2, n_ary=0)


@pytest.mark.parametrize('link, n', [(L.ChildSumTreeLSTM(3, 2), 5),
                                     (L.ChildSumTreeLSTM(3, 2), 1),
                                     (L.NaryTreeLSTM(3, 2), 5)])
def test_all_none(link, n):
    with pytest.raises(ValueError, match=r'All inputs \(cs, hs, x\) are None\.'):
        link(*([None] * n))


def test_constructor_signature():
    with pytest.raises(TypeError):
        L.ChildSumTreeLSTM(4)
    with pytest.raises(TypeError):
        L.NaryTreeLSTM(4)
