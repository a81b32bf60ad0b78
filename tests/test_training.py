"""Trainer, StandardUpdater, triggers, reporter and extensions."""
import io
import json
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import datasets, iterators, optimizers, training
from chainlite.training import extensions, triggers

DATA = os.path.join(os.path.dirname(__file__), 'data', 'training.npz')


class TinyClassifier(chainlite.Chain):
    """A Linear classifier that reports loss and accuracy (like L.Classifier)."""

    def __init__(self, W, b):
        super().__init__()
        with self.init_scope():
            self.W = chainlite.Parameter(W.copy())
            self.b = chainlite.Parameter(b.copy())

    def forward(self, x, t):
        y = F.matmul(x, self.W, transb=True) + self.b
        loss = F.softmax_cross_entropy(y, t)
        chainlite.report({'loss': loss, 'accuracy': F.accuracy(y, t)}, self)
        return loss


def make_trainer(out, golden, epochs=3, extra=()):
    model = TinyClassifier(golden['W'], golden['b'])
    opt = optimizers.MomentumSGD(lr=0.1).setup(model)
    train = datasets.TupleDataset(golden['x'], golden['t'])
    it = iterators.SerialIterator(train, 4, shuffle=False)
    val_it = iterators.SerialIterator(train, 3, repeat=False, shuffle=False)
    updater = training.updaters.StandardUpdater(it, opt)
    trainer = training.Trainer(updater, (epochs, 'epoch'), out=str(out))
    trainer.extend(extensions.Evaluator(val_it, model))
    trainer.extend(extensions.ExponentialShift('lr', 0.5), trigger=(1, 'epoch'))
    trainer.extend(extensions.observe_lr())
    trainer.extend(extensions.LogReport())
    for ext in extra:
        trainer.extend(ext)
    return trainer, model, opt


@pytest.fixture
def golden():
    return numpy.load(DATA)


def test_trainer_matches_chainer(tmp_path, golden):
    trainer, model, opt = make_trainer(tmp_path, golden)
    trainer.run()
    expected = json.loads(golden['log'].item())
    log = trainer.get_extension('LogReport').log
    assert len(log) == len(expected)
    for got, want in zip(log, expected):
        for k, v in want.items():
            assert got[k] == pytest.approx(v, rel=1e-5), k
    numpy.testing.assert_allclose(model.W.array, golden['final_W'], rtol=1e-6, atol=1e-7)
    numpy.testing.assert_allclose(model.b.array, golden['final_b'], rtol=1e-6, atol=1e-7)
    assert opt.t == int(golden['optimizer_t']) and opt.epoch == int(golden['optimizer_epoch'])
    with open(tmp_path / 'log') as f:
        assert json.load(f) == log


def test_print_report_and_progress_bar_plain_text(tmp_path, golden):
    out, bar = io.StringIO(), io.StringIO()
    trainer, _, _ = make_trainer(tmp_path, golden, extra=[
        extensions.PrintReport(['epoch', 'main/loss', 'lr'], out=out),
        extensions.ProgressBar(update_interval=2, out=bar)])
    trainer.run()
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ['epoch', 'main/loss', 'lr']
    assert len(lines) == 4 and lines[3].split()[0] == '\x1b[J3'  # Chainer clears each row
    assert '\x1b' not in bar.getvalue() and 'iter 4' in bar.getvalue()


def test_snapshot_resume_equals_uninterrupted(tmp_path, golden):
    full, full_model, _ = make_trainer(tmp_path / 'full', golden, epochs=4)
    full.run()
    first, _, _ = make_trainer(tmp_path / 'resumed', golden, epochs=2,
                               extra=[extensions.snapshot(autoload=True)])
    first.run()
    assert sorted(os.listdir(tmp_path / 'resumed'))[-1].startswith('snapshot_iter_')
    second, model, opt = make_trainer(tmp_path / 'resumed', golden, epochs=4,
                                      extra=[extensions.snapshot(autoload=True)])
    second.run()
    numpy.testing.assert_array_equal(model.W.array, full_model.W.array)
    numpy.testing.assert_array_equal(model.b.array, full_model.b.array)
    log_full = full.get_extension('LogReport').log
    log_resumed = second.get_extension('LogReport').log
    assert [e['main/loss'] for e in log_resumed] == [e['main/loss'] for e in log_full]


def test_autoload_skips_truncated_snapshot(tmp_path, golden):
    first, _, _ = make_trainer(tmp_path, golden, epochs=2,
                               extra=[extensions.snapshot(autoload=True)])
    first.run()
    with open(tmp_path / 'snapshot_iter_99', 'wb') as f:
        f.write(b'PK\x03\x04 truncated')
    second, _, _ = make_trainer(tmp_path, golden, epochs=3,
                                extra=[extensions.snapshot(autoload=True)])
    with pytest.warns(UserWarning, match='snapshot_iter_99'):
        second.run()
    assert second.updater.iteration == 8


def test_snapshot_n_retains_and_object(tmp_path, golden):
    trainer, model, _ = make_trainer(tmp_path, golden, extra=[
        extensions.snapshot(n_retains=1),
        extensions.snapshot_object(
            TinyClassifier(golden['W'], golden['b']), 'model_epoch_{.updater.epoch}')])
    trainer.run()
    files = sorted(os.listdir(tmp_path))
    assert [f for f in files if f.startswith('snapshot_iter_')] == ['snapshot_iter_8']
    assert {'model_epoch_1', 'model_epoch_2', 'model_epoch_3'} <= set(files)


class _FakeUpdater:
    def __init__(self, iters_per_epoch):
        self.iteration = 0
        self.n = iters_per_epoch

    @property
    def epoch_detail(self):
        return self.iteration / self.n

    @property
    def epoch(self):
        return self.iteration // self.n


class _FakeTrainer:
    def __init__(self, n=4):
        self.updater = _FakeUpdater(n)
        self.observation = {}


def _fire_pattern(trigger, n_steps, iters_per_epoch=4, values=None):
    trainer = _FakeTrainer(iters_per_epoch)
    fired = []
    for i in range(1, n_steps + 1):
        trainer.updater.iteration = i
        trainer.observation = {} if values is None else {'v': values[i - 1]}
        if trigger(trainer):
            fired.append(i)
    return fired


def test_interval_and_manual_triggers():
    assert _fire_pattern(triggers.IntervalTrigger(3, 'iteration'), 10) == [3, 6, 9]
    assert _fire_pattern(triggers.IntervalTrigger(1, 'epoch'), 10, 4) == [4, 8]
    assert _fire_pattern(triggers.ManualScheduleTrigger([2, 7], 'iteration'), 10) == [2, 7]
    assert _fire_pattern(triggers.ManualScheduleTrigger([1], 'epoch'), 10, 3) == [3]
    with pytest.raises(ValueError, match='unit'):
        triggers.IntervalTrigger(1, 'epochs')
    assert training.get_trigger((2, 'epoch')).period == 2


def test_best_value_triggers():
    values = [5, 4, 6, 3, 3, 7]
    assert _fire_pattern(triggers.MinValueTrigger('v', (1, 'iteration')), 6, 1, values) == [1, 2, 4]
    assert _fire_pattern(triggers.MaxValueTrigger('v', (1, 'iteration')), 6, 1, values) == [1, 3, 6]


def test_early_stopping_trigger():
    t = triggers.EarlyStoppingTrigger(check_trigger=(1, 'iteration'), monitor='v', patience=2,
                                      max_trigger=(100, 'iteration'))
    assert _fire_pattern(t, 8, 1, [5, 4, 4.5, 4.2, 1, 1, 1, 1]) == [4, 7, 8]
    with pytest.raises(ValueError, match='mode'):
        triggers.EarlyStoppingTrigger(mode='best')


def test_value_shift_schedules():
    assert [extensions.LinearShift('lr', (1.0, 0.0), (2, 6))._compute(t) for t in (0, 2, 4, 9)] \
        == [1.0, 1.0, 0.5, 0.0]
    s = extensions.ExponentialShift('lr', 0.5, init=1.0, target=0.2)
    assert [s._compute(t) for t in range(4)] == [1.0, 0.5, 0.25, 0.2]
    m = extensions.MultistepShift('lr', 0.1, [2, 4], 1.0)
    assert [round(m._compute(t), 6) for t in (1, 2, 4)] == [1.0, 0.1, 0.01]
    p = extensions.PolynomialShift('lr', 2.0, 4)
    p._init = 1.0
    assert [p._compute(t) for t in (0, 2, 4, 5)] == [1.0, 0.25, 0.0, 0.0]
    w = extensions.WarmupShift('lr', 0.0, 4, init=1.0)
    assert [w._compute(t) for t in (0, 2, 4, 8)] == [0.0, 0.5, 1.0, 1.0]
    st = extensions.StepShift('lr', 0.5, 2, init=1.0)
    assert [st._compute(t) for t in (0, 1, 2, 5)] == [1.0, 1.0, 0.5, 0.25]


def test_fail_on_nonnumber_names_parameter(tmp_path, golden):
    trainer, model, _ = make_trainer(tmp_path, golden, extra=[extensions.FailOnNonNumber()])
    model.W.array[0, 0] = numpy.nan
    with pytest.raises(RuntimeError, match='/W'):
        trainer.run(show_loop_exception_msg=False)


def test_dump_graph_writes_dot(tmp_path, golden):
    trainer, _, _ = make_trainer(tmp_path, golden, epochs=1,
                                 extra=[extensions.DumpGraph('main/loss')])
    trainer.run()
    text = (tmp_path / 'cg.dot').read_text()
    assert text.startswith('digraph') and 'SoftmaxCrossEntropy' in text
    assert chainlite.config.keep_graph_on_report is False


def test_plot_report(tmp_path, golden):
    pytest.importorskip('matplotlib')
    trainer, _, _ = make_trainer(tmp_path, golden, extra=[
        extensions.PlotReport(['main/loss', 'validation/main/loss'], 'epoch')])
    trainer.run()
    assert (tmp_path / 'plot.png').read_bytes()[:4] == b'\x89PNG'


def test_extension_order_names_and_errors(tmp_path, golden):
    calls = []

    @training.make_extension(trigger=(1, 'epoch'), priority=5)
    def low(trainer):
        calls.append('low')

    @training.make_extension(trigger=(1, 'epoch'), priority=50)
    def high(trainer):
        calls.append('high')

    trainer, _, _ = make_trainer(tmp_path, golden, epochs=1, extra=[low, high, low])
    assert trainer.get_extension('low_1') is low  # Chainer numbers duplicates from 1
    trainer.run()
    assert calls == ['high', 'low', 'low']
    with pytest.raises(ValueError, match='no extension named'):
        trainer.get_extension('nope')
    with pytest.raises(RuntimeError, match='multiple times'):
        trainer.run()


def test_reporter_and_summaries():
    reporter = chainlite.Reporter()
    model = object()
    reporter.add_observer('main', model)
    obs = {}
    with reporter.scope(obs):
        chainlite.report({'loss': chainlite.Variable(numpy.array(2.0))}, model)
        chainlite.report({'x': 1})
        with pytest.raises(KeyError, match='observer'):
            chainlite.report({'y': 1}, object())
    assert set(obs) == {'main/loss', 'x'} and obs['main/loss'].creator is None
    chainlite.report({'ignored': 1})  # no active reporter: nothing happens
    s = chainlite.Summary()
    for v in (1.0, 2.0, 3.0):
        s.add(v)
    mean, std = s.make_statistics()
    assert mean == 2.0 and std == pytest.approx(numpy.std([1, 2, 3]))
    d = chainlite.DictSummary()
    d.add({'a': 1.0, 'b': numpy.array(4.0), 'skip': 'text'})
    d.add({'a': 3.0})
    assert d.compute_mean() == {'a': 2.0, 'b': 4.0}


def test_trainer_stop_and_elapsed(tmp_path, golden):
    trainer, _, _ = make_trainer(tmp_path, golden, epochs=1)
    with pytest.raises(RuntimeError, match='elapsed_time'):
        trainer.elapsed_time
    trainer.run()
    assert trainer.elapsed_time > 0 and trainer.updater.iteration == 3


def test_updater_loss_scale_reaches_the_optimizers(golden):
    model = TinyClassifier(golden['W'], golden['b'])
    opt = optimizers.SGD(lr=0.1).setup(model)
    it = iterators.SerialIterator(datasets.TupleDataset(golden['x'], golden['t']), 4)
    training.updaters.StandardUpdater(it, opt, loss_scale=128.0)
    assert opt._loss_scale == 128.0
