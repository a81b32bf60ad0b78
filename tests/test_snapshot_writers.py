"""chainlite.training.extensions.snapshot_writers and snapshot(writer=...)."""
import os

import numpy
import pytest

import chainlite.links as L
from chainlite import serializers, testing
from chainlite.training import extensions
from chainlite.training.extensions import snapshot_writers as W

WRITERS = [W.SimpleWriter, W.ThreadWriter, W.ProcessWriter, W.ThreadQueueWriter,
           W.ProcessQueueWriter]


@pytest.mark.parametrize('writer_class', WRITERS)
def test_writer_saves_a_loadable_file(tmp_path, writer_class):
    src = L.Linear(2, 3)
    writer = writer_class()
    writer('a.npz', str(tmp_path / 'out'), src)
    writer.finalize()
    dst = L.Linear(2, 3)
    serializers.load_npz(str(tmp_path / 'out' / 'a.npz'), dst)
    numpy.testing.assert_array_equal(dst.W.array, src.W.array)


def test_writer_uses_its_savefun(tmp_path):
    saved = []
    writer = W.ThreadQueueWriter(savefun=lambda path, target: saved.append((path, target)))
    writer('x', str(tmp_path), 'T')
    writer('y', str(tmp_path), 'U')
    writer.finalize()
    assert saved == [(str(tmp_path / 'x'), 'T'), (str(tmp_path / 'y'), 'U')]


def test_snapshot_calls_a_chainer_style_writer(tmp_path):
    class Recorder(W.Writer):
        def __init__(self):
            self.calls, self.finalized = [], False

        def __call__(self, filename, outdir, target):
            self.calls.append(filename)

        def finalize(self):
            self.finalized = True

    writer = Recorder()
    trainer = testing.get_trainer_with_mock_updater((4, 'iteration'), iter_per_epoch=2)
    trainer.extend(extensions.snapshot(writer=writer, filename='s{.updater.iteration}'),
                   trigger=(2, 'iteration'))
    trainer.run()
    assert writer.calls == ['s2', 's4'] and writer.finalized


def test_snapshot_object_with_thread_writer(tmp_path):
    model = L.Linear(2, 3)
    trainer = testing.get_trainer_with_mock_updater((2, 'iteration'), iter_per_epoch=1)
    trainer.extend(extensions.snapshot_object(model, 'model_{.updater.iteration}',
                                              writer=W.ThreadWriter()))
    trainer.run()
    assert sorted(os.listdir(trainer.out)) == ['model_1', 'model_2']


def test_process_queue_writer_refuses_an_unpicklable_target(tmp_path):
    writer = W.ProcessQueueWriter()
    with pytest.raises(TypeError, match='cannot be pickled'):
        writer('a', str(tmp_path), lambda: None)
    writer.finalize()
