"""What every link shares: Chainer's default draws, paths, copies, serialization, devices."""
import os

import numpy
import pytest

import chainlite
import chainlite.links as L
from test_links_golden import CASES as GOLDEN_CASES
from test_links_golden import inputs as golden_inputs

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'initializers.npz'))

DEFAULTS = {
    'Linear': lambda: L.Linear(3, 4),
    'Linear_nobias': lambda: L.Linear(3, 4, nobias=True),
    'Convolution2D': lambda: L.Convolution2D(3, 4, 2),
    'Deconvolution2D': lambda: L.Deconvolution2D(3, 4, 2),
    'EmbedID': lambda: L.EmbedID(5, 3),
    'BatchNormalization': lambda: L.BatchNormalization(3),
}


@pytest.mark.parametrize('seed', [0, 1, 7])
@pytest.mark.parametrize('name', sorted(DEFAULTS))
def test_default_parameters_are_chainers_draws(name, seed):
    numpy.random.seed(seed)
    link = DEFAULTS[name]()
    assert numpy.random.normal() == GOLDEN['next/link/%s/s%d' % (name, seed)]
    prefix = 'link/%s/s%d' % (name, seed)
    expected = {k[len(prefix):] for k in GOLDEN if k.startswith(prefix + '/')}
    persistents = {'/' + p for p in link._persistent}
    assert {path for path, _ in link.namedparams()} | persistents == expected
    for path, param in link.namedparams():
        assert param.dtype == numpy.float32
        numpy.testing.assert_array_equal(param.array, GOLDEN[prefix + path])
    for name in link._persistent:
        numpy.testing.assert_array_equal(getattr(link, name), GOLDEN['%s/%s' % (prefix, name)])


@pytest.mark.parametrize('seed', [0, 1, 7])
def test_lazy_linear_draws_chainers_values_on_first_call(seed):
    numpy.random.seed(seed)
    link = L.Linear(4)
    link(numpy.ones((2, 3), numpy.float32))
    numpy.testing.assert_array_equal(link.W.array, GOLDEN['link/Linear_lazy/s%d/W' % seed])
    assert numpy.random.normal() == GOLDEN['next/link/Linear_lazy/s%d' % seed]


def make_model():
    model = chainlite.Chain()
    with model.init_scope():
        model.encoder = chainlite.Chain()
        with model.encoder.init_scope():
            model.encoder.l1 = L.Linear(3, 4)
            model.encoder.bn = L.BatchNormalization(4)
        model.head = chainlite.ChainList(L.Linear(2), L.Scale(W_shape=(2,), bias_term=True))
    return model


def forward(model, x):
    h = model.encoder.bn(model.encoder.l1(x))
    return model.head[1](model.head[0](h))


def test_namedparams_paths():
    model = make_model()
    assert {p for p, _ in model.namedparams()} == {
        '/encoder/l1/W', '/encoder/l1/b', '/encoder/bn/gamma', '/encoder/bn/beta',
        '/head/0/W', '/head/0/b', '/head/1/W', '/head/1/bias/b'}
    assert model.encoder.l1.path == '/encoder/l1' and model.head[1].bias.path == '/head/1/bias'
    assert {p for p, _ in L.MLPConvolution2D(3, (4, 5), 3).namedparams()} == {
        '/0/W', '/0/b', '/1/W', '/1/b'}
    assert {p for p, _ in L.Inception(3, 1, 1, 1, 1, 1, 1).namedparams()} == {
        '/%s/%s' % (c, p) for c in ('conv1', 'proj3', 'conv3', 'proj5', 'conv5', 'projp')
        for p in 'Wb'}


class DictSerializer:
    """A serializer that saves into, or loads from, a flat dict keyed by path."""

    def __init__(self, store, loading, prefix=''):
        self.store, self.loading, self.prefix = store, loading, prefix

    def __getitem__(self, key):
        return DictSerializer(self.store, self.loading, self.prefix + key + '/')

    def __call__(self, key, value):
        key = self.prefix + key
        if not self.loading:
            self.store[key] = None if value is None else numpy.array(value)
            return value
        loaded = self.store[key]
        if value is None:
            return loaded
        if isinstance(value, numpy.ndarray):
            value[...] = loaded
            return value
        return type(value)(loaded)


def test_serialize_round_trip_restores_params_and_persistents():
    x = numpy.random.RandomState(0).standard_normal((5, 3)).astype(numpy.float32)
    src = make_model()
    forward(src, x)                       # draws head/0 lazily, moves the BN statistics
    src.encoder.bn.N = 3
    store = {}
    src.serialize(DictSerializer(store, loading=False))
    assert 'encoder/bn/avg_mean' in store and 'head/1/bias/b' in store

    numpy.random.seed(123)
    dst = make_model()
    assert dst.head[0].W.array is None
    dst.serialize(DictSerializer(store, loading=True))
    src_params, dst_params = dict(src.namedparams()), dict(dst.namedparams())
    for path in src_params:
        numpy.testing.assert_array_equal(dst_params[path].array, src_params[path].array)
    numpy.testing.assert_array_equal(dst.encoder.bn.avg_var, src.encoder.bn.avg_var)
    assert dst.encoder.bn.N == 3 and isinstance(dst.encoder.bn.N, int)
    with chainlite.using_config('train', False):
        numpy.testing.assert_array_equal(forward(dst, x).array, forward(src, x).array)


def test_copy_modes():
    model = make_model()
    forward(model, numpy.ones((2, 3), numpy.float32))
    shared = model.copy()
    assert shared.encoder.l1.W.array is model.encoder.l1.W.array
    assert shared.encoder.l1.W is not model.encoder.l1.W
    assert shared.encoder.l1.path == '/encoder/l1'
    deep = model.copy('copy')
    assert deep.encoder.l1.W.array is not model.encoder.l1.W.array
    numpy.testing.assert_array_equal(deep.encoder.l1.W.array, model.encoder.l1.W.array)
    numpy.testing.assert_array_equal(deep.encoder.bn.avg_mean, model.encoder.bn.avg_mean)
    fresh = model.copy('init')
    assert fresh.encoder.l1.W.shape == (4, 3)
    assert not numpy.array_equal(fresh.encoder.l1.W.array, model.encoder.l1.W.array)
    lazy = L.Linear(2).copy('copy')
    lazy(numpy.ones((1, 5), numpy.float32))
    assert lazy.W.shape == (2, 5)


def test_to_device_cpu_keeps_working():
    model = make_model().to_device('@numpy')
    y = forward(model, numpy.ones((2, 3), numpy.float32))
    assert isinstance(y.array, numpy.ndarray) and model.device == chainlite.backend.CPU


@pytest.mark.gpu
def test_to_device_gpu():
    cupy = chainlite.backend.cupy
    model = make_model()
    model.to_device('@cupy:0')
    y = forward(model, cupy.ones((2, 3), numpy.float32))   # head/0 is drawn on the GPU
    assert isinstance(y.array, cupy.ndarray)
    assert isinstance(model.head[0].W.array, cupy.ndarray)
    assert isinstance(model.encoder.bn.avg_mean, cupy.ndarray)


@pytest.mark.parametrize('name', sorted(GOLDEN_CASES))
def test_every_link_serializes_and_copies(name):
    numpy.random.seed(0)
    link = GOLDEN_CASES[name]()
    xs = golden_inputs(name)
    numpy.random.seed(3)
    link(*xs)                                       # draws any lazy parameter
    store = {}
    link.serialize(DictSerializer(store, loading=False))
    numpy.random.seed(99)
    other = GOLDEN_CASES[name]()
    other.serialize(DictSerializer(store, loading=True))
    deep = link.copy('copy')
    for target in (other, deep):
        params = dict(target.namedparams())
        assert set(params) == {path for path, _ in link.namedparams()}
        for path, param in link.namedparams():
            numpy.testing.assert_array_equal(params[path].array, param.array)
        links = dict(target.namedlinks())
        for lpath, sub in link.namedlinks():
            for pname in sub._persistent:
                numpy.testing.assert_array_equal(getattr(links[lpath], pname),
                                                 getattr(sub, pname))
    assert all(p.array is not q.array for p, q in zip(deep.params(), link.params()))


def test_str_of_common_links_matches_chainer():
    """The text is what Chainer 7.8.1 prints for the same Sequential."""
    import chainlite
    net = chainlite.Sequential(L.Linear(3, 4), L.Convolution2D(2, 3, 3), L.BatchNormalization(3),
                               L.Linear(None, 2, nobias=True))
    assert str(net) == (
        'Sequential(\n'
        '  (0): Linear(in_size=3, out_size=4, nobias=False),\n'
        '  (1): Convolution2D(in_channels=2, out_channels=3, ksize=3, stride=(1, 1), '
        'pad=(0, 0), nobias=False, dilate=(1, 1), groups=1),\n'
        '  (2): BatchNormalization(size=3, decay=0.9, eps=2e-05, dtype=float32, '
        'use_gamma=True, use_beta=True),\n'
        '  (3): Linear(in_size=None, out_size=2, nobias=True),\n'
        ')')
