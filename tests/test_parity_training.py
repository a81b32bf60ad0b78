"""Training-plumbing parity with Chainer 7.8.1: extension names, priorities and triggers,
trainer snapshot key layout, the LogReport file, PrintReport's table, trigger firing
sequences and the updater's state.

The probes (tools/goldens/parity_core.py, ``probe_training_*``) run here on chainlite and are
compared with what Chainer returned (tests/data/parity_core.npz).
"""
import io

import numpy
import pytest

import chainlite
from chainlite.training import extensions as E
from test_parity_core import cases, check, probes

TRAINING = [name for name in probes.PROBES if name.startswith('training_')]


@pytest.mark.parametrize('probe, key', cases(TRAINING))
def test_matches_chainer(probe, key):
    check(probe, key)


def _trainer(out, stop=(2, 'iteration')):
    model = chainlite.links.Classifier(chainlite.links.Linear(2, 2))
    data = chainlite.datasets.TupleDataset(numpy.ones((4, 2), 'f'), numpy.zeros(4, 'i'))
    it = chainlite.iterators.SerialIterator(data, 2, shuffle=False)
    opt = chainlite.optimizers.SGD().setup(model)
    return chainlite.training.Trainer(
        chainlite.training.updaters.StandardUpdater(it, opt), stop, out=str(out))


def test_duplicate_extension_names_count_from_one(tmp_path):
    trainer = _trainer(tmp_path)
    for _ in range(3):
        trainer.extend(E.LogReport())
    assert trainer.get_extension('LogReport_2') is not trainer.get_extension('LogReport_1')
    with pytest.raises(ValueError):
        trainer.get_extension('LogReport_3')


def test_print_report_rows_clear_the_line_and_keep_padding(tmp_path):
    trainer = _trainer(tmp_path)
    out = io.StringIO()
    trainer.extend(E.LogReport(trigger=(1, 'iteration')))
    trainer.extend(E.PrintReport(['iteration'], out=out))
    trainer.run()
    assert out.getvalue().split('\n') == [
        'iteration ', '\x1b[J1           ', '\x1b[J2           ', '']


def test_dump_graph_is_its_own_one_shot_trigger(tmp_path):
    trainer = _trainer(tmp_path, stop=(3, 'iteration'))
    dump = E.DumpGraph('main/loss')
    trainer.extend(dump)
    assert dump.priority == chainlite.training.PRIORITY_READER
    trainer.run()
    assert (tmp_path / 'cg.dot').read_text().startswith('digraph')
    assert dump.trigger(trainer) is False


@pytest.mark.parametrize('kwargs, files', [
    ({}, ['log']), ({'log_name': None}, []), ({'filename': 'a', 'log_name': 'b'}, ['a']),
    ({'filename': None, 'log_name': 'b'}, ['b'])])
def test_log_report_file_name_follows_chainer(tmp_path, kwargs, files):
    trainer = _trainer(tmp_path)
    trainer.extend(E.LogReport(trigger=(1, 'iteration'), **kwargs))
    trainer.run()
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_no_active_reporter_is_an_index_error_like_chainer():
    with pytest.raises(IndexError):
        chainlite.get_current_reporter()
    with pytest.raises(RuntimeError):
        chainlite.get_current_reporter()
