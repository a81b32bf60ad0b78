"""Bad checkpoint files: a clear error, and the target (model, optimizer, iterator) unchanged.

Every case loads into a whole trainer (model parameters and persistents,
optimizer state and per-parameter settings, iterator position and order)
and compares everything before and after.
"""
import io
import json
import zipfile

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chainlite
import chainlite.links as L
from chainlite import datasets, iterators, optimizer_hooks, optimizers, serializers, training
from chainlite.iterators.order_samplers import ShuffleOrderSampler

LOAD_ERRORS = (ValueError, KeyError, TypeError)  # serializers.LoadError is all three


def make_trainer(seed):
    """A small trainer with optimizer state, per-parameter settings and a shuffled iterator."""
    numpy.random.seed(seed)
    rs = numpy.random.RandomState(seed)
    model = L.Classifier(chainlite.Sequential(L.Linear(3, 4), L.BatchNormalization(4),
                                              L.Linear(4, 2)))
    opt = optimizers.Adam(alpha=0.01).setup(model)
    model.predictor[0].W.update_rule.add_hook(optimizer_hooks.WeightDecay(0.01))
    model.predictor[2].b.lr_factor = 0.5
    data = datasets.TupleDataset(rs.randn(10, 3).astype(numpy.float32),
                                 rs.randint(0, 2, 10).astype(numpy.int32))
    it = iterators.SerialIterator(data, 4, order_sampler=ShuffleOrderSampler(rs))
    trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), (3, 'iteration'))
    for _ in range(seed + 1):
        trainer.updater.update()
    return trainer


def state_of(trainer):
    """Everything a load may change, as plain values."""
    model = trainer.updater.get_optimizer('main').target
    opt = trainer.updater.get_optimizer('main')
    it = trainer.updater.get_iterator('main')
    out = {'iteration': trainer.updater.iteration, 't': opt.t, 'epoch': opt.epoch,
           'it': (it.current_position, it.epoch, it.is_new_epoch, it._state.order.tolist(),
                  it._state.previous_epoch_detail),
           'sampler': repr(it.order_sampler._random.get_state())}
    for path, param in model.namedparams():
        rule = param.update_rule
        out[path] = (param.array.copy(), param.lr_factor, rule.enabled, rule.t,
                     dict(rule.hyperparam.overrides()), list(rule._pre_update_hooks),
                     {k: v.copy() for k, v in (rule.state or {}).items()})
    bn = model.predictor[1]
    out['bn'] = (bn.avg_mean.copy(), bn.avg_var.copy(), bn.N)
    return out


def assert_unchanged(before, after):
    assert before.keys() == after.keys()
    for key in before:
        a, b = before[key], after[key]
        if isinstance(a, tuple) and key.startswith('/'):
            numpy.testing.assert_array_equal(a[0], b[0], err_msg=key)
            assert a[1:6] == b[1:6], key
            assert a[6].keys() == b[6].keys(), key
            for k in a[6]:
                numpy.testing.assert_array_equal(a[6][k], b[6][k], err_msg=key + '/' + k)
        elif key == 'bn':
            for x, y in zip(a, b):
                numpy.testing.assert_array_equal(x, y, err_msg=key)
        else:
            assert a == b, key


def saved_bytes(compression=True):
    buffer = io.BytesIO()
    serializers.save_npz(buffer, make_trainer(0), compression=compression)
    return buffer.getvalue()


VALID = {True: saved_bytes(True), False: saved_bytes(False)}
ARRAYS = dict(numpy.load(io.BytesIO(VALID[True])))


def npz_bytes(arrays, **kwds):
    buffer = io.BytesIO()
    numpy.savez(buffer, **arrays, **kwds)
    return buffer.getvalue()


def with_array(key, value):
    arrays = dict(ARRAYS)
    arrays[key] = value
    return arrays


def without(key):
    return {k: v for k, v in ARRAYS.items() if k != key}


W_KEY = 'updater/model:main/predictor/0/W'
M_KEY = 'updater/optimizer:main/predictor/0/W/m'


def _object_npz():
    arrays = with_array(W_KEY, numpy.array([{'evil': 1}, None], dtype=object))
    buffer = io.BytesIO()
    numpy.savez(buffer, **arrays)  # numpy pickles object arrays when saving
    return buffer.getvalue()


def _npy_bytes():
    buffer = io.BytesIO()
    numpy.save(buffer, numpy.zeros(3))
    return buffer.getvalue()


def _zip_without_arrays():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as z:
        z.writestr('hello.txt', 'not an array')
    return buffer.getvalue()


# name -> (file bytes, the error type, a regex the message must match)
CASES = {
    'zero-length': (b'', ValueError, 'not a valid npz file'),
    'truncated-to-10': (VALID[True][:10], ValueError, 'not a valid npz file'),
    'truncated-half': (VALID[True][:len(VALID[True]) // 2], ValueError, 'not a valid npz'),
    'truncated-minus-1': (VALID[True][:-1], ValueError, 'not a valid npz'),
    'uncompressed-truncated': (VALID[False][:len(VALID[False]) * 3 // 4], ValueError,
                               'not a valid npz'),
    'text-file': (b'{"predictor/0/W": [1, 2, 3]}\n', ValueError, 'not a valid npz'),
    'npy-not-npz': (_npy_bytes(), ValueError, 'not a valid npz'),
    'hdf5-signature': (b'\x89HDF\r\n\x1a\n' + bytes(200), ValueError, 'not a valid npz'),
    'zip-without-arrays': (_zip_without_arrays(), KeyError, 'missing from the file'),
    'object-array': (_object_npz(), ValueError, r'object array.*never loads'),
    'shape-mismatch': (npz_bytes(with_array(W_KEY, numpy.zeros((3, 4), numpy.float32))),
                       ValueError, r'predictor/0/W.*shape \(3, 4\) in the file, \(4, 3\)'),
    'state-shape-mismatch': (npz_bytes(with_array(M_KEY, numpy.zeros(5, numpy.float32))),
                             ValueError, r'predictor/0/W/m.*shape \(5,\)'),
    'complex-into-float': (npz_bytes(with_array(W_KEY, numpy.zeros((4, 3), complex))),
                           TypeError, r'predictor/0/W.*complex128.*cannot be cast'),
    'missing-param': (npz_bytes(without(W_KEY)), KeyError, r'predictor/0/W: missing'),
    'missing-iteration': (npz_bytes(without('updater/iteration')), KeyError,
                          r'updater/iteration: missing'),
    'scalar-is-array': (npz_bytes(with_array('updater/iteration', numpy.arange(3))),
                        ValueError, r'updater/iteration.*array of shape \(3,\)'),
}


@pytest.mark.parametrize('name', sorted(CASES))
def test_bad_npz_is_refused_and_changes_nothing(name, tmp_path):
    data, error, message = CASES[name]
    path = tmp_path / 'bad.npz'
    path.write_bytes(data)
    target = make_trainer(1)
    before = state_of(target)
    with pytest.raises(error, match=message):
        serializers.load_npz(str(path), target)
    assert_unchanged(before, state_of(target))


def test_several_problems_are_all_named():
    arrays = with_array(W_KEY, numpy.zeros((3, 4), numpy.float32))
    del arrays['updater/iteration']
    target = make_trainer(1)
    before = state_of(target)
    with pytest.raises(serializers.LoadError) as info:
        serializers.load_npz(io.BytesIO(npz_bytes(arrays)), target)
    keys = [key for key, _ in info.value.problems]
    assert W_KEY in keys and 'updater/iteration' in keys
    assert 'nothing was changed' in str(info.value)
    assert_unchanged(before, state_of(target))


def test_valid_file_loads_everything():
    """The baseline the cases above depart from: the same file, untouched, loads exactly."""
    target = make_trainer(1)
    serializers.load_npz(io.BytesIO(VALID[True]), target)
    assert_unchanged(state_of(make_trainer(0)), state_of(target))


def test_missing_file_is_an_oserror(tmp_path):
    target = make_trainer(1)
    with pytest.raises(FileNotFoundError):
        serializers.load_npz(str(tmp_path / 'nope.npz'), target)


# -- the optimizer's settings blob (chainlite_settings): valid npz, bad contents ------------

SETTINGS_KEY = 'updater/optimizer:main/chainlite_settings'
SETTINGS = json.loads(bytes(ARRAYS[SETTINGS_KEY]).decode())


def settings_file(edit):
    blob = json.loads(json.dumps(SETTINGS))
    edit(blob)
    encoded = numpy.frombuffer(json.dumps(blob).encode(), numpy.uint8)
    return npz_bytes(with_array(SETTINGS_KEY, encoded))


def _set(path, key, value):
    return lambda blob: blob[path].__setitem__(key, value)


SETTINGS_CASES = {
    'not-utf8': lambda: npz_bytes(with_array(SETTINGS_KEY, numpy.frombuffer(b'\xff{', 'u1'))),
    'not-json': lambda: npz_bytes(with_array(SETTINGS_KEY, numpy.frombuffer(b'{x', 'u1'))),
    'unknown-hook-class': lambda: settings_file(
        lambda b: b['/predictor/0/W']['hooks'][0].__setitem__(1, 'NoSuchHook')),
    'bad-hook-arguments': lambda: settings_file(
        lambda b: b['/predictor/0/W']['hooks'][0].__setitem__(3, {'no_such_arg': 1})),
    # (predictor[2], the second Linear, is child 1: Chainer numbers Sequential(a, b, c) a, c, b)
    'negative-lr-factor': lambda: settings_file(_set('/predictor/1/b', 'lr_factor', -1.0)),
    'entry-missing-a-field': lambda: settings_file(lambda b: b['/predictor/0/W'].pop('hooks')),
    'unknown-hyperparameter': lambda: settings_file(
        lambda b: b['/predictor/0/W']['hyperparam'].__setitem__('no_such', 1.0)),
    'entry-not-a-dict': lambda: settings_file(lambda b: b.__setitem__('/predictor/0/W', 5)),
}


@pytest.mark.parametrize('name', sorted(SETTINGS_CASES))
def test_bad_settings_blob_is_refused_and_changes_nothing(name):
    target = make_trainer(1)
    before = state_of(target)
    try:
        serializers.load_npz(io.BytesIO(SETTINGS_CASES[name]()), target)
    except Exception as e:
        assert_unchanged(before, state_of(target))
        assert isinstance(e, LOAD_ERRORS), 'unexpected %s: %s' % (type(e).__name__, e)
        assert 'chainlite_settings' in str(e), 'the error does not name the key: %s' % e
    else:
        pytest.fail('a bad settings blob loaded')


def test_negative_rule_alpha_in_settings_is_refused():
    data = settings_file(lambda b: b['/predictor/0/W']['hyperparam'].__setitem__('alpha', -1.0))
    with pytest.raises(ValueError, match='alpha'):
        serializers.load_npz(io.BytesIO(data), make_trainer(1))


# -- HDF5 -----------------------------------------------------------------------------------

def test_bad_hdf5_files_are_refused_and_change_nothing(tmp_path):
    h5py = pytest.importorskip('h5py')
    good = tmp_path / 'good.h5'
    serializers.save_hdf5(str(good), make_trainer(0))
    raw = good.read_bytes()
    cases = {'zero-length.h5': b'', 'truncated.h5': raw[:len(raw) // 2],
             'npz-as-hdf5.h5': VALID[True], 'text.h5': b'hello'}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    with h5py.File(str(tmp_path / 'shape.h5'), 'w') as f:
        with h5py.File(str(good), 'r') as g:
            for key in ('updater',):
                g.copy(key, f)
        del f[W_KEY]
        f[W_KEY] = numpy.zeros((3, 4), numpy.float32)
    with h5py.File(str(tmp_path / 'missing.h5'), 'w') as f:
        with h5py.File(str(good), 'r') as g:
            g.copy('updater', f)
        del f['updater/iteration']
    expected = {'zero-length.h5': 'not a readable HDF5', 'truncated.h5': 'not a readable HDF5',
                'npz-as-hdf5.h5': 'not a readable HDF5', 'text.h5': 'not a readable HDF5',
                'shape.h5': r'predictor/0/W.*shape \(3, 4\)',
                'missing.h5': 'updater/iteration: missing'}
    for name, message in expected.items():
        target = make_trainer(1)
        before = state_of(target)
        with pytest.raises(LOAD_ERRORS, match=message):
            serializers.load_hdf5(str(tmp_path / name), target)
        assert_unchanged(before, state_of(target))
    target = make_trainer(1)
    serializers.load_hdf5(str(good), target)
    assert_unchanged(state_of(make_trainer(0)), state_of(target))


# -- fuzz --------------------------------------------------------------------------------------

edits = st.lists(st.tuples(st.sampled_from(['set', 'delete', 'insert', 'truncate']),
                           st.floats(0, 1), st.binary(min_size=1, max_size=6)),
                 min_size=1, max_size=3)


def mutate(data, operations):
    data = bytearray(data)
    for op, where, payload in operations:
        i = min(int(where * len(data)), max(len(data) - 1, 0))
        if op == 'set':
            data[i:i + len(payload)] = payload[:len(data) - i]
        elif op == 'delete':
            del data[i:i + len(payload)]
        elif op == 'insert':
            data[i:i] = payload
        else:
            del data[i:]
    return bytes(data)


SAVED_STATE = state_of(make_trainer(0))


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(compression=st.booleans(), operations=edits)
def test_fuzzed_trainer_snapshot_loads_exactly_or_fails_cleanly(compression, operations):
    """Random byte edits of a whole trainer snapshot (model, BatchNorm statistics, Adam state,
    settings blob, iterator): either the exact saved state loads, or a ValueError/KeyError/
    TypeError comes and nothing changed. Anything else (another exception, a half-load, a
    load of different numbers) fails."""
    target = make_trainer(1)
    before = state_of(target)
    try:
        serializers.load_npz(io.BytesIO(mutate(VALID[compression], operations)), target)
    except LOAD_ERRORS:
        assert_unchanged(before, state_of(target))
    else:
        assert_unchanged(SAVED_STATE, state_of(target))


def _log_report_file_missing(key):
    from chainlite.training import extensions
    trainer = make_trainer(0)
    trainer.extend(extensions.LogReport(trigger=(100, 'iteration')))
    trainer.observation = {'main/loss': 1.5}
    trainer.get_extension('LogReport')(trainer)  # one value in the running statistics
    buffer = io.BytesIO()
    serializers.save_npz(buffer, trainer)
    arrays = dict(numpy.load(io.BytesIO(buffer.getvalue())))
    del arrays['extensions/LogReport/_summary/_summaries/0/' + key]
    target = make_trainer(1)
    target.extend(extensions.LogReport(trigger=(100, 'iteration')))
    return npz_bytes(arrays), target


def test_log_report_statistic_missing_a_value_is_an_error_not_a_zero():
    """(Found by this suite: LogReport swallowed the KeyError, so the statistic loaded with a
    zero sum and the next log entry reported a mean of 0.)"""
    data, target = _log_report_file_missing('_x')
    with pytest.raises(KeyError, match='_summaries/0/_x'):
        serializers.load_npz(io.BytesIO(data), target)


def test_log_report_statistic_missing_a_value_changes_nothing():
    data, target = _log_report_file_missing('_n')
    before = state_of(target)
    with pytest.raises(KeyError):
        serializers.load_npz(io.BytesIO(data), target)
    assert_unchanged(before, state_of(target))
