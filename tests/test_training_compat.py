"""Chainer-parity additions to chainlite.training: InverseShift, PolynomialShift(init),
MicroAverage, unchain_variables, old keyword spellings, chainlite.training.trigger.

Expected numbers were produced by Chainer 7.8.1 (black box) for the same calls.
"""
import numpy
import pytest

import chainlite
from chainlite import testing, training
from chainlite.training import extensions, triggers


class _Optimizer:
    lr = 1.0


def _run_shift(ext, steps, lr=1.0):
    trainer = testing.get_trainer_with_mock_updater()
    trainer.updater.optimizer = _Optimizer()
    trainer.updater.optimizer.lr = lr
    ext.initialize(trainer)
    values = [trainer.updater.optimizer.lr]
    for _ in range(steps):
        ext(trainer)
        values.append(trainer.updater.optimizer.lr)
    return values


def test_inverse_shift_matches_chainer():
    values = _run_shift(extensions.InverseShift('lr', 0.1, 0.75, init=1.0, target=0.8), 4)
    numpy.testing.assert_allclose(
        values, [1.0, 0.9310124446222228, 0.8721959494934213, 0.8213769018249545, 0.8])
    values = _run_shift(extensions.InverseShift('lr', 0.1, 0.75), 1, lr=2.0)
    numpy.testing.assert_allclose(values, [2.0, 1.8620248892444455])
    with pytest.raises(ValueError, match='InverseShift'):
        extensions.InverseShift('lr', -1, 0.75)


def test_polynomial_shift_init():
    values = _run_shift(extensions.PolynomialShift('lr', 2, 10, init=0.5), 1, lr=9.0)
    numpy.testing.assert_allclose(values, [0.5, 0.405])


def test_early_stopping_patience_spellings():
    assert triggers.EarlyStoppingTrigger().patience == 3
    assert triggers.EarlyStoppingTrigger(patience=4).patience == 4
    assert triggers.EarlyStoppingTrigger(patients=5).patience == 5
    with pytest.raises(TypeError, match='foo'):
        triggers.EarlyStoppingTrigger(foo=1)


def test_old_filename_keywords():
    assert extensions.LogReport()._log_name == 'log'
    assert extensions.LogReport(log_name='x')._log_name == 'x'
    assert extensions.LogReport(filename='y')._log_name == 'y'
    assert extensions.PlotReport(['a'])._file_name == 'plot.png'
    assert extensions.PlotReport(['a'], file_name='z.png')._file_name == 'z.png'
    assert extensions.DumpGraph('main/loss')._filename == 'cg.dot'
    assert extensions.DumpGraph('main/loss', out_name='q.dot')._filename == 'q.dot'
    with pytest.raises(TypeError, match='DumpGraph'):
        extensions.DumpGraph('main/loss', bogus=1)


@training.make_extension(trigger=(1, 'iteration'), priority=training.PRIORITY_WRITER)
def _report_counts(trainer):
    it = trainer.updater.iteration
    trainer.observation['correct'] = numpy.asarray(it)
    trainer.observation['total'] = 10


def test_micro_average_weights_by_denominator():
    results = []
    trainer = testing.get_trainer_with_mock_updater((5, 'iteration'), iter_per_epoch=10)
    trainer.extend(_report_counts)
    trainer.extend(extensions.MicroAverage('correct', 'total', 'acc', trigger=(2, 'iteration')))
    trainer.extend(lambda t: results.append(t.observation.get('acc')),
                   trigger=(1, 'iteration'), priority=training.PRIORITY_READER)
    trainer.run()
    assert results == [None, (1 + 2) / 20, None, (3 + 4) / 20, None]


def test_unchain_variables_frees_reported_graphs():
    x = chainlite.Variable(numpy.ones(2))
    y = x * 2
    z = y + 1

    class Trainer:
        observation = {'z': z, 'n': 3}

    ext = extensions.unchain_variables()
    assert ext.priority < training.PRIORITY_READER
    ext(Trainer)
    assert z.creator is None and y.creator is None


def test_old_trigger_module():
    assert training.trigger.IntervalTrigger is training.IntervalTrigger is triggers.IntervalTrigger
    assert training.trigger.get_trigger((2, 'epoch')).period == 2
