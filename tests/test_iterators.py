"""SerialIterator, MultithreadIterator and MultiprocessIterator against Chainer 7.8.1 goldens."""
import pathlib
import time
import warnings

import numpy
import pytest

from chainlite import iterators, serializers

DATA = pathlib.Path(__file__).parent / 'data'

KINDS = {
    'serial': lambda *a, **k: iterators.SerialIterator(*a, **k),
    'thread': lambda *a, **k: iterators.MultithreadIterator(*a, n_threads=2, **k),
    'process': lambda *a, **k: iterators.MultiprocessIterator(*a, n_processes=2, **k),
}


@pytest.fixture(scope='module')
def golden():
    with numpy.load(DATA / 'chainer_iterators.npz') as z:
        return {k: z[k] for k in z.files}


def _state(it):
    s = serializers.DictionarySerializer()
    it.serialize(s)
    return s.target


def _run(it, steps):
    batches, details = [], []
    for _ in range(steps):
        try:
            batch = it.next()
        except StopIteration:
            break
        prev = it.previous_epoch_detail
        batches.append(batch + [-1] * (it.batch_size - len(batch)))
        details.append([it.epoch, it.epoch_detail, numpy.nan if prev is None else prev,
                        it.is_new_epoch, it.current_position])
    return numpy.array(batches), numpy.array(details, numpy.float64)


@pytest.mark.parametrize('kind', sorted(KINDS))
def test_sequences_and_saved_state_match_chainer(golden, kind):
    for i, (n, bs, repeat, shuffle, steps) in enumerate(golden['configs']):
        numpy.random.seed(0)
        with KINDS[kind](list(range(n)), int(bs), bool(repeat), bool(shuffle)) as it:
            batches, details = _run(it, steps)
            state = _state(it)
        where = 'config %d (%s)' % (i, kind)
        numpy.testing.assert_array_equal(batches, golden['%d/%s/batches' % (i, kind)], where)
        numpy.testing.assert_allclose(details, golden['%d/%s/details' % (i, kind)], rtol=0,
                                      atol=1e-15, err_msg=where)
        prefix = '%d/%s/state/' % (i, kind)
        expected = {k[len(prefix):]: v for k, v in golden.items() if k.startswith(prefix)}
        if not expected:  # Chainer's MultiprocessIterator cannot save an unshuffled state
            continue
        # Chainer saves an unshuffled MultithreadIterator's order as None (its loader needs
        # the key): so does chainlite, as a 0-d object array that loads without unpickling
        prefix = '%d/%s/state_none/' % (i, kind)
        saved_none = [k[len(prefix):] for k in golden if k.startswith(prefix)]
        assert sorted(state) == sorted(list(expected) + saved_none), where
        for key in saved_none:
            assert state[key].dtype == object and state[key].item() is None, (where, key)
        for key, value in expected.items():
            assert state[key].dtype.kind == value.dtype.kind, (where, key)
            numpy.testing.assert_array_equal(state[key], value, '%s %s' % (where, key))


def test_order_sampler_is_called_like_chainers(golden):
    for n, bs in ((5, 2), (5, 4), (4, 2), (3, 7)):
        calls = []

        def sampler(order, position):
            calls.append(position)
            return numpy.random.permutation(len(order))

        it = iterators.SerialIterator(list(range(n)), bs, order_sampler=sampler)
        for _ in range(4):
            it.next()
        assert calls == golden['sampler_calls/%d_%d' % (n, bs)].tolist()


def test_shuffle_order_sampler_uses_its_random_state():
    it = iterators.SerialIterator(list(range(5)), 5, order_sampler=iterators.ShuffleOrderSampler(
        numpy.random.RandomState(1)))
    assert it.next() == numpy.random.RandomState(1).permutation(5).tolist()


def test_fresh_and_reset_state():
    it = iterators.SerialIterator(list(range(4)), 3, shuffle=False)
    assert (it.epoch, it.epoch_detail) == (0, 0.)
    assert (it.previous_epoch_detail, it.is_new_epoch) == (None, False)
    assert float(_state(it)['previous_epoch_detail']) == -1.
    it.next()
    it.next()
    it.reset()
    assert (it.epoch, it.current_position, it.previous_epoch_detail) == (0, 0, None)
    assert it.next() == [0, 1, 2]


@pytest.mark.parametrize('kind', sorted(KINDS))
def test_resume_continues_the_same_sequence(kind, tmp_path):
    numpy.random.seed(3)
    with KINDS[kind](list(range(11)), 4) as it:
        for _ in range(3):  # 12 examples: epoch 1, position 1
            it.next()
        serializers.save_npz(tmp_path / 'it.npz', it)
        expected = [it.next() for _ in range(2)]  # the rest of epoch 1 uses the saved order
        expected_detail = it.epoch_detail
    numpy.random.seed(99)
    with KINDS[kind](list(range(11)), 4) as resumed:
        resumed.next()  # some progress that the load must discard (prefetched batches too)
        serializers.load_npz(tmp_path / 'it.npz', resumed)
        assert [resumed.next() for _ in range(2)] == expected
        assert resumed.epoch_detail == expected_detail


@pytest.mark.parametrize('kind', ['thread', 'process'])
def test_saving_does_not_disturb_prefetching(kind):
    numpy.random.seed(5)
    with KINDS[kind](list(range(5)), 2) as plain:
        expected = [plain.next() for _ in range(6)]
    numpy.random.seed(5)
    with KINDS[kind](list(range(5)), 2) as it:
        got = []
        for _ in range(6):
            got.append(it.next())
            _state(it)
            serializers.NpzDeserializer(_state(it)).load(it)
    assert got == expected


def test_bad_arguments_and_states():
    with pytest.raises(ValueError, match='order_sampler'):
        iterators.SerialIterator([1, 2], 1, shuffle=True,
                                 order_sampler=iterators.ShuffleOrderSampler())
    with pytest.raises(ValueError, match=r'order of shape \(3,\) for a dataset of length 5'):
        iterators.SerialIterator(list(range(5)), 2, order_sampler=lambda o, p: numpy.arange(3))
    with pytest.raises(ValueError, match='dataset is empty'):
        iterators.SerialIterator([], 2, shuffle=False).next()
    state = _state(iterators.SerialIterator(list(range(7)), 3))
    with pytest.raises(ValueError, match=r'order: shape \(7,\) in the file, \(5,\) in the target'):
        serializers.NpzDeserializer(state).load(iterators.SerialIterator(list(range(5)), 3))
    it = iterators.SerialIterator(list(range(7)), 3, shuffle=False)
    it.next(), it.next()
    with pytest.raises(ValueError, match='does not fit a dataset of length 5'):
        serializers.NpzDeserializer(_state(it)).load(
            iterators.SerialIterator(list(range(5)), 3, shuffle=False))
    with pytest.raises(ValueError, match='n_threads'):
        iterators.MultithreadIterator([1], 1, n_threads=0)
    with pytest.raises(ValueError, match='n_processes'):
        iterators.MultiprocessIterator([1], 1, n_processes=0)
    with pytest.raises(ValueError, match='n_prefetch'):
        iterators.MultiprocessIterator([1], 1, n_prefetch=0)


def test_loading_a_shuffled_state_into_an_unshuffled_iterator_is_refused():
    state = _state(iterators.SerialIterator(list(range(7)), 3, shuffle=False))
    target = iterators.SerialIterator(list(range(7)), 3, shuffle=True)
    with pytest.raises(KeyError, match='order: missing'):
        serializers.NpzDeserializer(state).load(target)


class _Failing:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i == 2:
            raise RuntimeError('example 2 is broken')
        return i


class _Slow:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        time.sleep(0.3)
        return i


@pytest.mark.parametrize('kind', ['thread', 'process'])
def test_worker_errors_reach_the_caller(kind):
    with KINDS[kind](_Failing(), 2, shuffle=False) as it:
        assert it.next() == [0, 1]
        with pytest.raises(RuntimeError, match='example 2 is broken'):
            it.next()


def test_multiprocess_timeout_warning_and_restart_after_finalize():
    it = iterators.MultiprocessIterator(_Slow(), 2, shuffle=False, n_processes=1,
                                        dataset_timeout=0.05)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        assert it.next() == [0, 1]
    assert any(issubclass(w.category, iterators.MultiprocessIterator.TimeoutWarning)
               for w in caught)
    it.finalize()
    it.dataset_timeout = None
    assert it.next() == [0, 1] and it.epoch == 2
    it.finalize()


def test_not_repeating_iterators_stop_after_one_epoch():
    for kind, make in KINDS.items():
        with make(list(range(7)), 3, repeat=False, shuffle=False) as it:
            assert [b for b in it] == [[0, 1, 2], [3, 4, 5], [6]], kind
            assert (it.epoch, it.epoch_detail, it.is_new_epoch) == (1, 1.0, True)
            with pytest.raises(StopIteration):
                it.next()
            it.reset()
            assert it.next() == [0, 1, 2]


@pytest.mark.parametrize('kind', sorted(KINDS))
def test_a_sampler_with_its_own_random_state_resumes_bit_identically(kind, tmp_path):
    def make():
        sampler = iterators.ShuffleOrderSampler(numpy.random.RandomState(7))
        return KINDS[kind](list(range(5)), 2, order_sampler=sampler)

    with make() as it:
        for _ in range(3):
            it.next()
        serializers.save_npz(tmp_path / 'it.npz', it)
        expected = [it.next() for _ in range(10)]  # crosses several epochs: fresh permutations
    with make() as resumed:
        resumed.next()
        serializers.load_npz(tmp_path / 'it.npz', resumed)
        assert [resumed.next() for _ in range(10)] == expected
    # A state without sampler keys (as Chainer writes it) still loads.
    with numpy.load(tmp_path / 'it.npz') as z:
        chainer_style = {k: z[k] for k in z.files if not k.startswith('order_sampler/')}
    with make() as fresh:
        serializers.NpzDeserializer(chainer_style).load(fresh)


@pytest.mark.parametrize('kind', ['thread', 'process'])
def test_prefetching_draws_random_orders_exactly_when_serial_does(kind):
    def trace(make):
        numpy.random.seed(11)
        draws = []
        with make(list(range(5)), 2) as it:
            for _ in range(8):
                it.next()
                draws.append(numpy.random.randint(1000))  # another user of the global RNG
        return draws

    assert trace(KINDS[kind]) == trace(KINDS['serial'])
