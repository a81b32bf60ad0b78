import copy

import numpy
import pytest

import chainlite
import chainlite.links as L
import chainlite.functions as F
from chainlite import Chain, ChainList, Link, Parameter, Sequential


class Affine(Link):
    def __init__(self, n_in, n_out):
        super().__init__()
        with self.init_scope():
            self.W = Parameter(chainlite.initializers.Normal(1.0), (n_in, n_out))
            self.b = Parameter(numpy.zeros(n_out, 'f'))
        self.add_persistent('count', 0)
        self.add_persistent('running', numpy.zeros(n_out, 'f'))

    def forward(self, x):
        self.count += 1
        return x @ self.W + self.b


def make_net():
    net = Chain()
    with net.init_scope():
        net.enc = Chain()
        with net.enc.init_scope():
            net.enc.l1 = Affine(3, 4)
        net.dec = ChainList(Affine(4, 2), Affine(2, 1))
    return net


def test_paths_like_chainer():
    net = make_net()
    # Chainer walks a Chain's parameters and children in sorted name order.
    assert [p for p, _ in net.namedparams()] == [
        '/dec/0/W', '/dec/0/b', '/dec/1/W', '/dec/1/b', '/enc/l1/W', '/enc/l1/b']
    assert [p for p, _ in net.namedlinks()] == ['/', '/dec', '/dec/0', '/dec/1', '/enc', '/enc/l1']
    assert [p for p, _ in net.namedlinks(skipself=True)][0] == '/dec'
    assert [c.name for c in net.children()] == ['dec', 'enc']
    assert net.dec[1].path == '/dec/1' and net.enc.l1.path == '/enc/l1' and net.path == '/'
    assert net.enc.l1.W.name == 'W'
    assert net.count_params() == 3 * 4 + 4 + 4 * 2 + 2 + 2 + 1
    assert len(net.dec) == 2 and list(net.dec)[0] is net.dec[0]


def test_fresh_initializer_params_have_nan_grads_until_cleargrads():
    link = Affine(2, 3)
    assert numpy.isnan(link.W.grad).all()
    assert link.b.grad is None  # made from an array, as in Chainer
    link.cleargrads()
    assert link.W.grad is None
    link.zerograds()
    assert (link.W.grad == 0).all()


def test_registration_rules():
    link = Link()
    link.x = Parameter(numpy.ones(2))  # outside init_scope: not registered
    assert list(link.params()) == []
    with link.init_scope():
        link.y = Parameter(numpy.ones(2))
    assert [p for p, _ in link.namedparams()] == ['/y']
    del link.y
    assert list(link.params()) == []
    link.add_param('z', (2, 3))
    assert link.z.shape == (2, 3) and link.z.dtype == numpy.float32
    with pytest.raises(AttributeError):
        link.add_param('z', (1,))
    link.add_param('lazy')
    assert not link.lazy.is_initialized
    assert [p for p, _ in link.namedparams(include_uninit=False)] == ['/z']
    cl = ChainList()
    with pytest.raises(TypeError):
        with cl.init_scope():
            cl.child = Link()
    c = Chain(a=Affine(1, 1))
    assert [p for p, _ in c.namedparams()] == ['/a/W', '/a/b']


def test_copy_modes():
    net = make_net()
    shared = net.copy()
    assert shared.enc.l1.W is not net.enc.l1.W
    assert shared.enc.l1.W.array is net.enc.l1.W.array
    assert shared.name is None and shared.enc.l1.path == '/enc/l1'
    deep = net.copy(mode='copy')
    assert deep.enc.l1.W.array is not net.enc.l1.W.array
    numpy.testing.assert_array_equal(deep.enc.l1.W.array, net.enc.l1.W.array)
    assert deep.dec[1].path == '/dec/1'
    init = net.copy(mode='init')
    assert not numpy.array_equal(init.enc.l1.W.array, net.enc.l1.W.array)
    with pytest.raises(ValueError, match='mode'):
        net.copy(mode='bogus')


def test_copyparams_and_addgrads():
    a, b = make_net(), make_net()
    b.enc.l1.running[...] = 5
    b.enc.l1.count = 7
    a.copyparams(b)
    for (_, p), (_, q) in zip(a.namedparams(), b.namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array)
    assert (a.enc.l1.running == 5).all() and a.enc.l1.count == 7
    a.zerograds()
    for p in b.params():
        p.grad = numpy.ones_like(p.array)
    a.addgrads(b)
    assert all((p.grad == 1).all() for p in a.params())


def test_addgrads_of_a_0d_parameter():
    # PReLU's W is 0-d: NumPy sums two 0-d arrays into a scalar, which must stay an array
    a, b = L.PReLU(), L.PReLU()
    a.W.grad, b.W.grad = numpy.full((), 2, 'f'), numpy.ones((), 'f')
    a.addgrads(b)
    assert isinstance(a.W.grad, numpy.ndarray) and a.W.grad.shape == () and a.W.grad == 3


def test_forward_and_backward_through_chain():
    net = make_net()
    net.cleargrads()
    x = numpy.ones((5, 3), 'f')
    h = net.enc.l1(x)
    y = net.dec[1](net.dec[0](F.sum(h, axis=0, keepdims=True) * 0 + h))
    F.sum(y).backward()
    assert all(p.grad is not None for p in net.params())
    assert net.enc.l1.count == 1


def test_update_switches():
    class Rule:
        enabled = True

    net = make_net()
    assert not net.update_enabled  # no optimizer yet
    for p in net.params():
        p.update_rule = Rule()
        p.update_rule.enabled = True
    net.enc.disable_update()
    assert not net.enc.update_enabled and net.update_enabled
    assert all(not p.update_rule.enabled for p in net.enc.params())
    net.enc.enable_update()
    assert net.enc.update_enabled


def test_serialize_protocol_round_trip():
    class Saver:
        def __init__(self, store, prefix=''):
            self.store, self.prefix = store, prefix

        def __getitem__(self, key):
            return Saver(self.store, self.prefix + key + '/')

        def __call__(self, key, value):
            self.store[self.prefix + key] = copy.deepcopy(value)
            return value

    class Loader(Saver):
        def __getitem__(self, key):
            return Loader(self.store, self.prefix + key + '/')

        def __call__(self, key, value):
            data = self.store[self.prefix + key]
            if value is None or not isinstance(value, numpy.ndarray):
                return data
            value[...] = data
            return value

    src, dst = make_net(), make_net()
    src.enc.l1.count = 3
    store = {}
    src.serialize(Saver(store))
    assert 'enc/l1/W' in store and 'dec/1/running' in store and 'enc/l1/count' in store
    dst.serialize(Loader(store))
    for (_, p), (_, q) in zip(src.namedparams(), dst.namedparams()):
        numpy.testing.assert_array_equal(p.array, q.array)
    assert dst.enc.l1.count == 3
    lazy = Link()
    lazy.add_param('W')
    lazy.serialize(Loader({'W': numpy.ones((2, 2), 'f')}))
    assert lazy.W.shape == (2, 2)


def test_sequential():
    seq = Sequential(Affine(3, 4), F.sum)
    assert len(seq) == 2 and [p for p, _ in seq.namedparams()] == ['/0/W', '/0/b']
    y = seq(numpy.ones((2, 3), 'f'))
    assert y.shape == ()
    seq.insert(0, Affine(3, 3))
    assert [p for p, _ in seq.namedparams()][:2] == ['/0/W', '/0/b']
    assert seq[1].path == '/1'
    rep = Affine(2, 2).repeat(3)
    assert isinstance(rep, Sequential) and len(rep) == 3
    assert not numpy.array_equal(rep[0].W.array, rep[1].W.array)
    assert (seq + Sequential(F.relu if hasattr(F, 'relu') else F.sum)).__len__() == 4
    with pytest.raises(ValueError):  # as Chainer
        Sequential(3)
    flat = Sequential(Sequential(Affine(1, 1), F.sum), F.sum).flatten()
    assert len(flat) == 3


def test_to_device_cpu_and_xp():
    net = make_net().to_cpu()
    assert net.xp is numpy and net.device == chainlite.backend.CpuDevice()
    assert all(isinstance(p.array, numpy.ndarray) for p in net.params())


@pytest.mark.gpu
def test_to_gpu_moves_everything():
    import cupy
    net = make_net().to_gpu()
    assert all(isinstance(p.array, cupy.ndarray) for p in net.params())
    assert isinstance(net.enc.l1.running, cupy.ndarray)
    y = net.enc.l1(cupy.ones((2, 3), 'f'))
    assert isinstance(y.array, cupy.ndarray)
    net.to_cpu()
    assert all(isinstance(p.array, numpy.ndarray) for p in net.params())


def test_link_kwargs_create_params():
    link = Link(W=(2, 3), b=((3,), numpy.float64))
    assert link.W.shape == (2, 3) and link.b.dtype == numpy.float64


def test_forward_not_defined():
    with pytest.raises(AttributeError, match='forward'):  # as Chainer
        Link()(1)


def test_pickle_nested_chain_keeps_parents_and_values():
    import pickle
    net = make_net()
    net2 = pickle.loads(pickle.dumps(net))
    assert net2.dec[1].path == '/dec/1' and net2.enc.l1.path == '/enc/l1'
    for (p, a), (q, b) in zip(net.namedparams(), net2.namedparams()):
        assert p == q
        numpy.testing.assert_array_equal(a.array, b.array)


def test_share_copy_keeps_parameter_flags():
    net = make_net()
    chainlite.freeze(net, 'enc')
    shared = net.copy()
    assert [r['enabled'] for r in chainlite.learnables(shared).rows][-2:] == [False, False]


def test_sequential_list_methods_keep_chainers_parameters():
    a, b, c = L.Linear(2, 2), L.Linear(2, 2), L.Linear(2, 2)
    seq = chainlite.Sequential(a)
    seq.append(layer=b)
    seq.extend(sequential=chainlite.Sequential(c))
    assert list(seq) == [a, b, c]
    assert seq.index(layer=c, start=1, end=3) == 2
    with pytest.raises(ValueError):
        seq.index(a, start=1)
    assert seq.count(layer=b) == 1
    assert seq.pop(i=0) is a and list(seq) == [b, c]
    assert [name for name, _ in seq.namedparams()] == ['/0/W', '/0/b', '/1/W', '/1/b']
    seq.insert(i=0, layer=a)
    assert [p is q for p, q in zip(seq, [a, b, c])] == [True, True, True]


def test_set_creator_takes_a_function_or_its_node():
    class Double(chainlite.Function):
        def forward(self, inputs):
            return inputs[0] * 2,

    f = Double()
    y = f(chainlite.Variable(numpy.ones(2)))
    v = chainlite.Variable(numpy.ones(2))
    v.set_creator(gen_func=f)
    assert v.creator_node is f.node and v.creator is f and v.rank == 1
    v.set_creator_node(fnode=None)
    assert v.creator_node is None and y.creator is f
