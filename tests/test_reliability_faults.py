"""Faults during save: a child process saving checkpoints is SIGKILLed at random moments.

The child is forked from the test process (chainlite already imported, so a
round costs milliseconds), saves in a loop, and is killed after a random
delay. After every kill the previous checkpoint must load, whole; the
trainer's ``snapshot(autoload=True)`` must resume from the newest snapshot,
and a chain of crash-and-resume rounds must end where an uninterrupted run
ends, bit for bit.
"""
import os
import random
import signal
import time

import numpy
import pytest

import chainlite
import chainlite.links as L
from chainlite import datasets, iterators, optimizers, serializers, training
from chainlite.iterators.order_samplers import ShuffleOrderSampler
from chainlite.training import extensions


def _fork(body):
    """Runs ``body()`` in a forked child that never returns into pytest; returns its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            body()
        finally:
            os._exit(0)
    return pid


def _kill(pid):
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return status


def _wait_for(path, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        assert time.monotonic() < deadline, 'the child never wrote %s' % path
        time.sleep(0.001)


class Big(chainlite.Chain):
    """Large enough (~0.5 MB) that a save takes a while, so kills land inside it."""

    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(300, 300)
            self.l2 = L.Linear(300, 100)


SAVERS = {
    'npz': (lambda path, obj: serializers.save_npz(path, obj), serializers.load_npz),
    'npz-uncompressed': (lambda path, obj: serializers.save_npz(path, obj, compression=False),
                         serializers.load_npz),
    'hdf5': (lambda path, obj: serializers.save_hdf5(path, obj), serializers.load_hdf5),
}


@pytest.mark.slow
@pytest.mark.parametrize('format_', sorted(SAVERS))
def test_kill_during_save_keeps_a_whole_previous_file(tmp_path, format_):
    """The child fills every parameter with k and saves, k = 1, 2, ...; a kill anywhere leaves
    a file holding one single k, no older than the last save the child finished."""
    if format_ == 'hdf5':
        pytest.importorskip('h5py')
    save, load = SAVERS[format_]
    path = str(tmp_path / 'model.npz')
    done = str(tmp_path / 'done')
    rng = random.Random(0)
    previous = None  # the k the file held before this round
    for round_ in range(25):
        start = 1000 * round_

        def child():
            model = Big()
            for k in range(start + 1, start + 10 ** 6):
                for p in model.params():
                    p.array[...] = k
                save(path, model)
                with open(done + '.tmp', 'w') as f:
                    f.write(str(k))
                os.replace(done + '.tmp', done)

        if os.path.exists(done):
            os.remove(done)
        pid = _fork(child)
        if previous is None:
            _wait_for(done)
        time.sleep(rng.uniform(0, 0.08))
        _kill(pid)
        finished = None
        if os.path.exists(done):
            with open(done) as f:
                finished = int(f.read())
        target = Big()
        load(path, target)
        values = {float(v) for p in target.params() for v in numpy.unique(p.array)}
        assert len(values) == 1, 'a mixed file: %s' % sorted(values)
        k = int(values.pop())
        # killed before this round's first save finished: the previous file, or the new one
        # if the kill came between the rename and the progress note
        allowed = (previous, start + 1) if finished is None else (finished, finished + 1)
        assert k in allowed, (k, allowed)
        previous = k
        for name in os.listdir(tmp_path):  # litter of killed saves is hidden and marked
            assert name in ('model.npz', 'done', 'done.tmp') or \
                name.startswith('.') and name.endswith('.tmp'), name  # done.tmp: the child's note
    litter = [n for n in os.listdir(tmp_path) if n.startswith('.model.npz.')]
    assert litter, 'no kill landed inside a save; the test proved nothing'


class Net(chainlite.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(20, 200)
            self.l2 = L.Linear(200, 3)

    def forward(self, x):
        return self.l2(chainlite.functions.relu(self.l1(x)))


def _trainer(out, stop, autoload=True, n_retains=-1):
    numpy.random.seed(0)
    rs = numpy.random.RandomState(5)
    data = datasets.TupleDataset(rs.randn(40, 20).astype(numpy.float32),
                                 rs.randint(0, 3, 40).astype(numpy.int32))
    model = L.Classifier(Net())
    opt = optimizers.Adam(alpha=0.001).setup(model)
    it = iterators.SerialIterator(data, 8, order_sampler=ShuffleOrderSampler(
        numpy.random.RandomState(7)))
    trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), stop, out=str(out))
    trainer.extend(extensions.ExponentialShift('alpha', 0.99), trigger=(1, 'iteration'))
    trainer.extend(extensions.snapshot(autoload=autoload, n_retains=n_retains),
                   trigger=(1, 'iteration'))
    return trainer, model


def _iterations(out):
    return sorted(int(n.rsplit('_', 1)[1]) for n in os.listdir(out)
                  if n.startswith('snapshot_iter_'))


@pytest.mark.slow
def test_kill_during_trainer_snapshots_then_autoload_resumes_exactly(tmp_path):
    """Crash-and-resume rounds: each child autoloads, trains with a snapshot every iteration
    and is killed at a random moment. Every snapshot file on disk loads; autoload picks the
    newest; the final state equals an uninterrupted run of the same length."""
    out = tmp_path / 'run'
    rng = random.Random(1)
    for round_ in range(30):
        pid = _fork(lambda: _trainer(out, (10 ** 6, 'iteration'), n_retains=4)[0].run())
        if round_ == 0:
            _wait_for(str(out / 'snapshot_iter_1'))
        time.sleep(rng.uniform(0.01, 0.25))
        _kill(pid)
        saved = _iterations(out)
        assert saved, 'no snapshot survived'
        for it in saved:  # every file that carries a snapshot's name is complete
            trainer, _ = _trainer(tmp_path / 'probe', (1, 'iteration'), autoload=False)
            serializers.load_npz(str(out / ('snapshot_iter_%d' % it)), trainer)
            assert trainer.updater.iteration == it
        if round_ % 10 == 9:  # a truncated newest snapshot is skipped for the one before
            newest = out / ('snapshot_iter_%d' % (saved[-1] + 1))
            newest.write_bytes((out / ('snapshot_iter_%d' % saved[-1])).read_bytes()[:5000])
            trainer, _ = _trainer(out, (1, 'iteration'))
            with pytest.warns(UserWarning, match='snapshot_iter_%d' % (saved[-1] + 1)):
                assert trainer.get_extension('_Snapshot').initialize(trainer) == \
                    str(out / ('snapshot_iter_%d' % saved[-1]))
            newest.unlink()
    final = _iterations(out)[-1]
    resumed, resumed_model = _trainer(out, (final, 'iteration'))
    resumed.run()  # autoloads the newest snapshot and has nothing left to do
    assert resumed.updater.iteration == final
    assert final > 20, 'the rounds made too little progress to mean much'

    full, full_model = _trainer(tmp_path / 'full', (final, 'iteration'), autoload=False)
    full.run()
    for (path, a), (_, b) in zip(full_model.namedparams(), resumed_model.namedparams()):
        numpy.testing.assert_array_equal(a.array, b.array, err_msg=path)
        for key in a.update_rule.state:
            numpy.testing.assert_array_equal(a.update_rule.state[key], b.update_rule.state[key])


def test_autoload_orders_snapshots_by_progress_not_timestamps(tmp_path):
    """Equal timestamps (coarse file systems) or timestamps of a copy (newest file copied
    first) do not make autoload resume from an older snapshot.

    (Found by this suite: files were ordered by mtime, then by name, so 'snapshot_iter_9'
    beat 'snapshot_iter_12'.)
    """
    trainer, _ = _trainer(tmp_path, (12, 'iteration'), autoload=False)
    trainer.run()
    names = ['snapshot_iter_%d' % i for i in range(1, 13)]
    assert sorted(os.listdir(tmp_path)) == sorted(names)
    for stamps in ([1e9] * 12, [1e9 + 12 - i for i in range(12)]):
        for name, stamp in zip(names, stamps):
            os.utime(tmp_path / name, (stamp, stamp))
        resumed, _ = _trainer(tmp_path, (13, 'iteration'))
        assert resumed.get_extension('_Snapshot').initialize(resumed) == \
            str(tmp_path / 'snapshot_iter_12')
        assert resumed.updater.iteration == 12


def test_autoload_refuses_to_start_over_when_no_snapshot_loads(tmp_path):
    """A trainer that no longer matches its snapshots (here: one more extension) must not
    silently train from iteration 0 and overwrite them.

    (Found by this suite: every snapshot was skipped with a warning, training restarted, and
    its own snapshot_iter_2, _4, ... replaced the old ones.)
    """
    trainer, _ = _trainer(tmp_path, (6, 'iteration'), autoload=False)
    trainer.run()
    before = {name: (tmp_path / name).read_bytes() for name in os.listdir(tmp_path)}
    changed, _ = _trainer(tmp_path, (8, 'iteration'))
    changed.extend(extensions.LinearShift('beta1', (0.9, 0.8), (0, 10)))
    with pytest.warns(UserWarning, match='skipping'):
        with pytest.raises(RuntimeError, match=r'(?s)6 snapshot\(s\).*none loads.*snapshot_iter_6'
                           r'.*LinearShift'):
            changed.run()
    assert changed.updater.iteration == 0
    assert {name: (tmp_path / name).read_bytes() for name in os.listdir(tmp_path)} == before


def test_a_log_that_cannot_be_written_is_an_error(tmp_path):
    """(Found by this suite: LogReport's atomic write removed its temporary file and swallowed
    any exception, KeyboardInterrupt included, so a log that could not be written was silently
    never written.)"""
    (tmp_path / 'log').mkdir()  # the log's path is taken by a directory
    trainer, _ = _trainer(tmp_path, (2, 'iteration'), autoload=False)
    trainer.extend(extensions.LogReport(trigger=(1, 'iteration')))
    with pytest.raises(OSError):
        trainer.run(show_loop_exception_msg=False)
    assert not [n for n in os.listdir(tmp_path) if n.endswith('.tmp')]


def test_autoload_reads_hdf5_snapshots(tmp_path):
    """(Found by this suite: autoload always used load_npz, so snapshots saved with
    savefun=save_hdf5 never loaded.)"""
    pytest.importorskip('h5py')

    def make(stop):
        trainer, model = _trainer(tmp_path / 'unused', stop, autoload=False)
        trainer.out = str(tmp_path)
        trainer.extend(extensions.snapshot(savefun=serializers.save_hdf5, autoload=True,
                                           filename='h5_{.updater.iteration}'),
                       trigger=(2, 'iteration'))
        return trainer, model

    first, _ = make((4, 'iteration'))
    first.run()
    second, _ = make((6, 'iteration'))
    assert second.get_extension('_Snapshot_1').initialize(second) == str(tmp_path / 'h5_4')
    assert second.updater.iteration == 4


def _snapshots(out):
    return {name: dict(numpy.load(str(out / name))) for name in os.listdir(out)
            if name.startswith('w_')}


@pytest.mark.slow
@pytest.mark.parametrize('writer', ['ThreadWriter', 'ProcessWriter', 'ThreadQueueWriter',
                                    'ProcessQueueWriter'])
def test_background_writers_save_the_state_of_their_iteration(tmp_path, writer):
    """A snapshot written in a thread or process while training goes on holds exactly the
    state of the iteration in its name, as a synchronous one does.

    (Found by this suite: thread writers saved the live trainer, so files mixed in later
    iterations' parameters and iterator positions, and ProcessQueueWriter could not pickle a
    Trainer at all. Real Chainer's ThreadWriter mixes them too.)
    """
    from chainlite.training.extensions import snapshot_writers
    states = {}
    for kind in ('sync', writer):
        out = tmp_path / kind
        trainer, _ = _trainer(out, (12, 'iteration'), autoload=False)
        made = None if kind == 'sync' else getattr(snapshot_writers, kind)()
        trainer.extend(extensions.snapshot(writer=made, filename='w_{.updater.iteration}'),
                       trigger=(1, 'iteration'))
        trainer.run()
        states[kind] = _snapshots(out)
    assert sorted(states[writer]) == sorted(states['sync']) == sorted(
        'w_%d' % i for i in range(1, 13))
    for name, arrays in states['sync'].items():
        for key, value in arrays.items():
            if 'elapsed_time' not in key:
                numpy.testing.assert_array_equal(states[writer][name][key], value,
                                                 err_msg='%s: %s' % (name, key))


@pytest.mark.parametrize('error', [OSError(28, 'No space left on device'), KeyboardInterrupt()])
def test_failed_save_keeps_the_previous_file_and_leaves_no_litter(tmp_path, monkeypatch, error):
    """A save interrupted by an exception (disk full, Ctrl-C) half-way through writing."""
    path = tmp_path / 'model.npz'
    model = Big()
    serializers.save_npz(str(path), model)
    before = path.read_bytes()
    savez = numpy.savez_compressed

    def failing_savez(file, **arrays):
        savez(file, **dict(list(arrays.items())[:2]))  # part of the file is written
        raise error
    monkeypatch.setattr(numpy, 'savez_compressed', failing_savez)
    for p in model.params():
        p.array[...] = 7
    with pytest.raises(type(error)):
        serializers.save_npz(str(path), model)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ['model.npz']
