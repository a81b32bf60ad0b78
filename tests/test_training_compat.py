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


def _statistics_run(ext, link, values, iter_per_epoch=10):
    trainer = testing.get_trainer_with_mock_updater((len(values), 'iteration'), iter_per_epoch)
    reports = []
    for it, w in enumerate(values, 1):
        link.W.array[...] = w
        trainer.updater.update()
        observation = {}
        with chainlite.reporter.Reporter().scope(observation):
            ext(trainer)
        reports.append(observation)
    return reports


def test_parameter_statistics_keys_and_means_like_chainer():
    chain = chainlite.Chain()
    with chain.init_scope():
        chain.l1 = chainlite.links.Linear(2, 1)
    chain.l1.b.array[...] = 0
    ext = extensions.ParameterStatistics([chain.l1, chain], statistics={'mx': numpy.max},
                                         prefix='pp', trigger=(2, 'iteration'),
                                         report_grads=False)
    reports = _statistics_run(ext, chain.l1, [[[1, 2]], [[2, 2]], [[3, 2]], [[4, 2]]])
    assert reports[0] == {} and reports[2] == {}
    assert reports[1] == {'pp/l1/W/data/mx': 2.0, 'pp/l1/b/data/mx': 0.0,
                          'pp/None/l1/W/data/mx': 2.0, 'pp/None/l1/b/data/mx': 0.0}
    assert reports[3]['pp/l1/W/data/mx'] == 3.5  # mean over the calls since the last report


def test_parameter_statistics_default_statistics():
    link = chainlite.links.Linear(3, 2)
    w = numpy.array([[1.0, 0.0, 0.5], [-2.0, 0.0, 3.0]], numpy.float32)
    link.cleargrads()
    link.W.grad = numpy.ones_like(w)
    ext = extensions.ParameterStatistics(link, trigger=(1, 'iteration'), skip_nan_params=True)
    ext.register_statistics('absmax', lambda x: abs(x).max())
    report, = _statistics_run(ext, link, [w])
    key = 'None/W/data/'
    assert report[key + 'mean'] == pytest.approx(w.mean())
    assert report[key + 'std'] == pytest.approx(w.std())
    assert (report[key + 'min'], report[key + 'max'], report[key + 'zeros']) == (-2, 3, 2)
    expected = numpy.percentile(w, (0.13, 2.28, 15.87, 50, 84.13, 97.72, 99.87))
    numpy.testing.assert_allclose([report[key + 'percentile/%d' % i] for i in range(7)],
                                  expected, rtol=1e-6)
    assert report['None/W/grad/mean'] == 1.0
    assert not any(k.startswith('None/b/grad') for k in report)  # b.grad is None
    assert report[key + 'absmax'] == 3.0


def test_parameter_statistics_skips_nan_arrays_when_asked():
    link = chainlite.links.Linear(2, 1)  # grads are NaN until cleargrads()
    w = numpy.ones((1, 2), numpy.float32)
    for skip in (True, False):
        ext = extensions.ParameterStatistics(link, statistics={'mx': numpy.max},
                                             trigger=(1, 'iteration'), skip_nan_params=skip)
        report, = _statistics_run(ext, link, [w])
        assert ('None/W/grad/mx' in report) is not skip
        assert report['None/W/data/mx'] == 1.0
