"""npz/HDF5 serializers: Chainer's key layout, Chainer-written files, safety (no pickle,
atomic saves, all-or-nothing loads naming every offending key)."""
import io
import os
import pathlib
import zipfile

import numpy
import pytest

import chainlite
import chainlite.links as L
from chainlite import serializers
from chainlite.serializers import hdf5 as hdf5_module

DATA = pathlib.Path(__file__).parent / 'data'


class Linear(chainlite.Link):
    def __init__(self, n_in, n_out):
        super().__init__()
        with self.init_scope():
            self.W = chainlite.Parameter(numpy.zeros((n_out, n_in), numpy.float32))
            self.b = chainlite.Parameter(numpy.zeros(n_out, numpy.float32))


class BatchNorm(chainlite.Link):
    def __init__(self, size):
        super().__init__()
        with self.init_scope():
            self.gamma = chainlite.Parameter(numpy.ones(size, numpy.float32))
            self.beta = chainlite.Parameter(numpy.zeros(size, numpy.float32))
        self.add_persistent('avg_mean', numpy.zeros(size, numpy.float32))
        self.add_persistent('avg_var', numpy.zeros(size, numpy.float32))
        self.add_persistent('N', 0)


class Net(chainlite.Chain):
    """The layout of the Chainer model in tools/goldens/serializers.py."""

    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = Linear(3, 4)
            self.bn = BatchNorm(4)
            self.l2 = Linear(4, 2)


@pytest.fixture(scope='module')
def golden():
    with numpy.load(DATA / 'serializers.npz') as z:
        return {k: z[k] for k in z.files}


def _flat(obj):
    s = serializers.DictionarySerializer()
    s.save(obj)
    return {k: numpy.array(v, copy=True) for k, v in s.target.items()}


def _assert_same(a, b):
    assert sorted(a) == sorted(b)
    for key in a:
        numpy.testing.assert_array_equal(a[key], b[key], key)
        assert a[key].dtype == b[key].dtype, key


def _randomized(seed=0):
    net = Net()
    rng = numpy.random.RandomState(seed)
    for _, p in net.namedparams():
        p.array[...] = rng.uniform(-1, 1, p.shape)
    net.bn.avg_mean[...] = rng.uniform(size=4)
    net.bn.N = 7
    return net


# -- layout and Chainer-written files -------------------------------------------------------

def test_loads_a_chainer_written_model(golden):
    net = Net()
    serializers.load_npz(DATA / 'chainer_model.npz', net)
    for key in golden['model_keys']:
        expected = golden['model/' + key]
        link, name = key.split('/')
        value = getattr(getattr(net, link), name)
        value = getattr(value, 'array', value)
        numpy.testing.assert_array_equal(value, expected, key)
    assert net.bn.N == golden['model/bn/N'] and isinstance(net.bn.N, int)


def test_saved_keys_and_dtypes_match_chainers(golden, tmp_path):
    net = Net()
    serializers.load_npz(DATA / 'chainer_model.npz', net)
    serializers.save_npz(tmp_path / 'net.npz', net)
    with numpy.load(tmp_path / 'net.npz') as ours, numpy.load(DATA / 'chainer_model.npz') as theirs:
        assert sorted(ours.files) == sorted(theirs.files) == sorted(golden['model_keys'])
        for key in theirs.files:
            assert ours[key].dtype == theirs[key].dtype and ours[key].shape == theirs[key].shape
            numpy.testing.assert_array_equal(ours[key], theirs[key])


def test_round_trip_compressed_and_not(tmp_path):
    original = _randomized()
    for compression in (True, False):
        path = tmp_path / ('net_%s.npz' % compression)
        serializers.save_npz(str(path), original, compression=compression)
        with zipfile.ZipFile(path) as z:
            kinds = {info.compress_type for info in z.infolist()}
        assert kinds == {zipfile.ZIP_DEFLATED if compression else zipfile.ZIP_STORED}
        loaded = Net()
        serializers.load_npz(path, loaded)
        _assert_same(_flat(loaded), _flat(original))


def test_save_to_a_path_without_extension_and_to_file_objects(tmp_path):
    original = _randomized()
    serializers.save_npz(tmp_path / 'checkpoint', original)
    assert os.listdir(tmp_path) == ['checkpoint']
    buffer = io.BytesIO()
    serializers.save_npz(buffer, original)
    buffer.seek(0)
    loaded = Net()
    serializers.load_npz(buffer, loaded)
    _assert_same(_flat(loaded), _flat(original))


def test_path_and_ignore_names(tmp_path):
    class Outer(chainlite.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.model = _randomized()

    serializers.save_npz(tmp_path / 'outer.npz', Outer())
    loaded = Net()
    serializers.load_npz(tmp_path / 'outer.npz', loaded, path='model/')
    _assert_same(_flat(loaded), _flat(_randomized()))
    for ignore in ('model/l1/W', lambda key: key.endswith('l1/W'), ['x', 'model/l1/W']):
        fresh = Net()
        serializers.load_npz(tmp_path / 'outer.npz', fresh, path='model/', ignore_names=ignore)
        assert not fresh.l1.W.array.any() and fresh.l1.b.array.any()


def test_strict_false_skips_missing_keys(tmp_path):
    serializers.save_npz(tmp_path / 'l.npz', Linear(4, 2))

    class Bigger(chainlite.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.l2 = Linear(4, 2)

    target = Net()
    serializers.load_npz(tmp_path / 'l.npz', target.l2)
    bigger = Bigger()
    bigger.l2.W.array[...] = 5
    with pytest.raises(KeyError):
        serializers.load_npz(tmp_path / 'l.npz', bigger)
    serializers.load_npz(tmp_path / 'l.npz', bigger, path='', strict=False)
    assert (bigger.l2.W.array == 5).all()


def test_uninitialized_parameter_is_initialized_from_the_file(tmp_path):
    serializers.save_npz(tmp_path / 'l.npz', Linear(3, 2))

    class Lazy(chainlite.Link):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.W = chainlite.Parameter()
                self.b = chainlite.Parameter()

    lazy = Lazy()
    serializers.load_npz(tmp_path / 'l.npz', lazy)
    assert lazy.W.shape == (2, 3) and lazy.b.shape == (2,)


def test_uninitialized_parameters_save_and_load_as_in_chainer(tmp_path):
    # Chainer saves an uninitialized parameter as a 0-d object array holding None;
    # loading it leaves the target parameter as it is (initialized or not).
    serializers.save_npz(tmp_path / 'lazy.npz', L.Linear(None, 3))
    with numpy.load(tmp_path / 'lazy.npz', allow_pickle=True) as f:
        assert f['W'].dtype == object and f['W'][()] is None
    lazy = L.Linear(None, 3)
    serializers.load_npz(tmp_path / 'lazy.npz', lazy)
    assert lazy.W.array is None
    ready = L.Linear(2, 3)
    before = ready.W.array.copy()
    serializers.load_npz(tmp_path / 'lazy.npz', ready)
    numpy.testing.assert_array_equal(ready.W.array, before)


def test_saving_python_objects_is_refused_and_writes_nothing(tmp_path):
    link = chainlite.Link()
    link.add_persistent('table', {'a': 1})
    with pytest.raises(ValueError, match='cannot save table without pickling'):
        serializers.save_npz(tmp_path / 'table.npz', link)
    assert os.listdir(tmp_path) == []


def test_object_members_other_than_none_are_refused_unread(tmp_path):
    class Payload:
        def __reduce__(self):
            return (os.remove, (str(tmp_path / 'canary'),))

    (tmp_path / 'canary').write_text('still here')
    for value in (Payload(), 5, [None]):
        stored = numpy.empty((), object)
        stored[()] = value
        numpy.savez(tmp_path / 'bad.npz', W=stored, b=numpy.zeros(3, 'f'))
        with pytest.raises(serializers.LoadError, match='W: holds an object array'):
            serializers.load_npz(tmp_path / 'bad.npz', L.Linear(2, 3))
    assert (tmp_path / 'canary').read_text() == 'still here'


# -- all or nothing -------------------------------------------------------------------------

def _snapshot(net):
    return {k: numpy.array(v, copy=True) for k, v in _flat(net).items()}


def test_failed_load_changes_nothing_and_names_every_problem(tmp_path):
    source = _randomized()
    source.l2.b.array = numpy.zeros(3, numpy.float32)  # wrong shape
    serializers.save_npz(tmp_path / 'src.npz', source)
    with numpy.load(tmp_path / 'src.npz') as z:
        arrays = {k: z[k] for k in z.files if k not in ('l1/b', 'bn/avg_var')}  # two missing
    arrays['bn/gamma'] = arrays['bn/gamma'].astype(numpy.complex64)  # cannot cast to float32
    arrays['bn/N'] = numpy.array(2.5)  # a float for an int persistent
    numpy.savez(tmp_path / 'bad.npz', **arrays)

    target = _randomized(seed=1)
    before = _snapshot(target)
    with pytest.raises(serializers.LoadError) as info:
        serializers.load_npz(tmp_path / 'bad.npz', target)
    _assert_same(_snapshot(target), before)
    keys = [key for key, _ in info.value.problems]
    assert sorted(keys) == ['bn/N', 'bn/avg_var', 'bn/gamma', 'l1/b', 'l2/b']
    message = str(info.value)
    assert 'nothing was changed' in message and "'" + str(tmp_path / 'bad.npz') + "'" in message
    assert 'l2/b: shape (3,) in the file, (2,) in the target' in message
    assert 'l1/b: missing from the file' in message
    assert 'bn/gamma: dtype complex64 in the file cannot be cast' in message
    # Chainer-compatible catching: a missing key is a KeyError, a mismatch a ValueError/TypeError.
    assert isinstance(info.value, (KeyError, ValueError, TypeError))


def test_same_kind_dtype_conversion_is_allowed(tmp_path):
    source = _randomized()
    arrays = {k: (v.astype(numpy.float64) if v.dtype == numpy.float32 else v)
              for k, v in _flat(source).items()}
    numpy.savez(tmp_path / 'f64.npz', **arrays)
    target = Net()
    serializers.load_npz(tmp_path / 'f64.npz', target)
    assert target.l1.W.dtype == numpy.float32
    _assert_same(_flat(target), _flat(source))


class _Sentinel:
    """Unpickling this creates a file: proof that a load ran pickle."""

    path = None

    def __reduce__(self):
        return (open, (self.path, 'w'))


def test_object_arrays_are_never_unpickled(tmp_path):
    sentinel = _Sentinel()
    sentinel.path = str(tmp_path / 'pwned')
    arrays = _flat(_randomized())
    arrays['l1/W'] = numpy.array([sentinel], dtype=object)
    numpy.savez(tmp_path / 'evil.npz', **arrays)
    target = _randomized(seed=1)
    before = _snapshot(target)
    with pytest.raises(ValueError, match='l1/W: holds an object array'):
        serializers.load_npz(tmp_path / 'evil.npz', target)
    assert not os.path.exists(sentinel.path)
    _assert_same(_snapshot(target), before)
    # An object array nobody asks for is left alone (Chainer saves None values that way).
    arrays['unused'] = arrays.pop('l1/W')
    arrays['l1/W'] = _flat(_randomized())['l1/W']
    numpy.savez(tmp_path / 'extra.npz', **arrays)
    serializers.load_npz(tmp_path / 'extra.npz', target)
    assert not os.path.exists(sentinel.path)


def _corruptions(good):
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        info = z.infolist()[0]
    data_start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    flipped = bytearray(good)
    flipped[data_start + info.compress_size // 2] ^= 0xFF
    return {'zero-length': b'', 'truncated': good[:len(good) // 2], 'not a zip': b'hello' * 50,
            'bad crc': bytes(flipped)}


def test_corrupt_files_give_clear_errors_and_change_nothing(tmp_path):
    buffer = io.BytesIO()
    serializers.save_npz(buffer, _randomized())
    for name, data in _corruptions(buffer.getvalue()).items():
        path = tmp_path / (name.replace(' ', '_') + '.npz')
        path.write_bytes(data)
        target = _randomized(seed=1)
        before = _snapshot(target)
        with pytest.raises(ValueError) as info:
            serializers.load_npz(path, target)
        assert str(path) in str(info.value), name
        _assert_same(_snapshot(target), before)


def test_header_size_lies_are_caught_before_allocating(tmp_path):
    header = b"{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000,), }"
    header += b' ' * (118 - len(header)) + b'\n'
    with zipfile.ZipFile(tmp_path / 'huge.npz', 'w') as z:
        z.writestr('l1/W.npy', b'\x93NUMPY\x01\x00' + len(header).to_bytes(2, 'little') + header)
    with pytest.raises(ValueError, match='declares'):
        serializers.load_npz(tmp_path / 'huge.npz', Net())


# -- atomic saving ----------------------------------------------------------------------------

def test_interrupted_save_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / 'model.npz'
    first = _randomized(seed=0)
    serializers.save_npz(path, first)

    def crash(f, **arrays):
        f.write(b'PK\x03\x04 partial data')
        raise KeyboardInterrupt('killed mid-save')

    monkeypatch.setattr(numpy, 'savez_compressed', crash)
    with pytest.raises(KeyboardInterrupt):
        serializers.save_npz(path, _randomized(seed=1))
    assert os.listdir(tmp_path) == ['model.npz']
    loaded = Net()
    serializers.load_npz(path, loaded)
    _assert_same(_flat(loaded), _flat(first))


def test_save_replaces_the_file_keeping_its_permissions(tmp_path):
    path = tmp_path / 'model.npz'
    serializers.save_npz(path, _randomized(seed=0))
    os.chmod(path, 0o600)
    serializers.save_npz(path, _randomized(seed=1))
    assert os.stat(path).st_mode & 0o777 == 0o600
    loaded = Net()
    serializers.load_npz(path, loaded)
    _assert_same(_flat(loaded), _flat(_randomized(seed=1)))


# -- the serializer objects -------------------------------------------------------------------

def test_dictionary_serializer_and_npz_deserializer_protocol():
    s = serializers.DictionarySerializer()
    child = s['x']['y']
    assert child.path == 'x/y/'
    for key, value in (('a', 1), ('b', 2.5), ('c', True), ('f', 'str')):
        assert child(key, value) == value
    array = numpy.arange(3)
    assert child('g', array) is array
    assert s.target['x/y/a'].dtype.kind == 'i' and s.target['x/y/g'] is array

    d = serializers.NpzDeserializer(s.target)['x']['y']
    assert d('a', 0) == 1 and type(d('a', 0)) is int
    assert d('b', 0.) == 2.5 and d('c', False) is True and d('f', '') == 'str'
    target = numpy.zeros(3, numpy.float32)
    assert d('g', target) is target and target.tolist() == [0, 1, 2]
    assert d('g', None).tolist() == [0, 1, 2]
    with pytest.raises(KeyError, match="'x/y/missing' is not in"):
        d('missing', 1)
    assert serializers.NpzDeserializer(s.target, strict=False)('missing', 4) == 4
    with pytest.raises(TypeError, match='cannot be safely converted'):
        d('b', 0)
    with pytest.raises(ValueError, match='shape'):
        d('g', numpy.zeros(4))
    prefixed = serializers.NpzDeserializer({'p/x/a': numpy.ones(1)}, path='p/')
    assert prefixed['x']('a', None).tolist() == [1.0]
    assert prefixed['x'].path == 'p/x/'


# -- optimizers (written by another helper) ---------------------------------------------------

def _adam():
    optimizers = pytest.importorskip('chainlite.optimizers')
    if not hasattr(optimizers, 'Adam'):
        pytest.skip('chainlite.optimizers.Adam is not available yet')
    net = Net()
    opt = optimizers.Adam(alpha=0.01)
    opt.setup(net)
    return net, opt


def test_loads_a_chainer_written_optimizer(golden, tmp_path):
    net, opt = _adam()
    serializers.load_npz(DATA / 'chainer_optimizer.npz', opt)
    assert opt.t == 2 and opt.epoch == 0
    for path, param in net.namedparams():
        rule = param.update_rule
        assert rule.t == 2
        for name in ('m', 'v'):
            numpy.testing.assert_array_equal(rule.state[name],
                                             golden['optimizer/%s/%s' % (path[1:], name)])
    serializers.save_npz(tmp_path / 'opt.npz', opt)
    with numpy.load(tmp_path / 'opt.npz') as z:
        assert set(golden['optimizer_keys']) <= set(z.files)


def test_optimizer_file_with_a_stateless_rule_loads(golden):
    # Chainer 7.8.1 itself fails here with a KeyError (the golden records its message:
    # golden['chainer_loads_stateless_into_fresh']); chainlite leaves that rule without state.
    net, opt = _adam()
    path = DATA / 'chainer_optimizer_stateless.npz'
    serializers.load_npz(path, opt)
    assert opt.t == 2
    assert net.l2.b.update_rule.state is None
    with numpy.load(path) as z:
        numpy.testing.assert_array_equal(net.l2.W.update_rule.state['m'], z['l2/W/m'])


# -- HDF5 -------------------------------------------------------------------------------------

def test_hdf5_without_h5py_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(hdf5_module, 'h5py', None)
    with pytest.raises(ImportError, match='pip install h5py'):
        serializers.save_hdf5(tmp_path / 'x.h5', Net())
    with pytest.raises(ImportError, match='pip install h5py'):
        serializers.load_hdf5(tmp_path / 'x.h5', Net())


def test_hdf5_round_trip_layout_and_all_or_nothing(tmp_path):
    h5py = pytest.importorskip('h5py')
    original = _randomized()
    path = tmp_path / 'net.h5'
    serializers.save_hdf5(path, original)
    with h5py.File(path, 'r') as f:
        assert sorted(f) == ['bn', 'l1', 'l2'] and sorted(f['bn']) == [
            'N', 'avg_mean', 'avg_var', 'beta', 'gamma']
    loaded = Net()
    serializers.load_hdf5(path, loaded)
    _assert_same(_flat(loaded), _flat(original))

    with h5py.File(path, 'a') as f:
        del f['l1/b']
        del f['l2/W']
        f['l2/W'] = numpy.zeros((5, 5), numpy.float32)
    target = _randomized(seed=1)
    before = _snapshot(target)
    with pytest.raises(serializers.LoadError) as info:
        serializers.load_hdf5(path, target)
    assert sorted(k for k, _ in info.value.problems) == ['l1/b', 'l2/W']
    _assert_same(_snapshot(target), before)
    (tmp_path / 'junk.h5').write_bytes(b'junk')
    with pytest.raises(ValueError, match='not a readable HDF5 file'):
        serializers.load_hdf5(tmp_path / 'junk.h5', Net())


def test_hdf5_strings(tmp_path):
    pytest.importorskip('h5py')

    class Log:
        def __init__(self, text):
            self.text = text

        def serialize(self, serializer):
            self.text = serializer('text', self.text)

    serializers.save_hdf5(tmp_path / 'log.h5', Log('{"loss": 1.5}'))
    loaded = Log('')
    serializers.load_hdf5(tmp_path / 'log.h5', loaded)
    assert loaded.text == '{"loss": 1.5}'


class _Optional:
    """Reads 'extra' only if present (catching KeyError, as Chainer-style code does)."""

    def __init__(self):
        self.value = numpy.zeros(2)
        self.extra = None
        self.required = numpy.zeros(2)

    def serialize(self, serializer):
        self.value = serializer('value', self.value)
        try:
            self.extra = serializer('extra', None)
        except KeyError:
            self.extra = 'absent'
        self.required = serializer('required', self.required)


def test_optional_keys_caught_by_the_object_are_not_errors():
    obj = _Optional()
    serializers.NpzDeserializer({'value': numpy.ones(2), 'required': numpy.ones(2)}).load(obj)
    assert obj.extra == 'absent' and obj.required.tolist() == [1, 1]
    obj = _Optional()
    with pytest.raises(serializers.LoadError) as info:
        serializers.NpzDeserializer({'value': numpy.ones(2)}).load(obj)
    assert info.value.problems == [('required', 'missing from the file')]
    assert obj.value.tolist() == [0, 0]  # nothing was loaded


def test_many_missing_keys_are_all_named():
    class Wide(chainlite.ChainList):
        def __init__(self, n):
            super().__init__(*[Linear(2, 2) for _ in range(n)])

    target = Wide(60)
    with pytest.raises(serializers.LoadError) as info:
        serializers.NpzDeserializer(_flat(Wide(10))).load(target)
    assert [k for k, _ in info.value.problems] == ['%d/%s' % (i, name) for i in range(10, 60)
                                                   for name in ('W', 'b')]


def test_a_missing_file_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        serializers.load_npz(tmp_path / 'nope.npz', Net())
    pytest.importorskip('h5py')
    with pytest.raises(FileNotFoundError):
        serializers.load_hdf5(tmp_path / 'nope.h5', Net())
