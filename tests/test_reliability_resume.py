"""Resume equivalence: 2N steps == N steps, save, load into fresh objects, N more (bit-identical).

Every run uses per-parameter settings that a plain re-creation of the
optimizer would not have (a rule-level learning-rate override, learn-rate
factors, a disabled parameter, per-rule hooks), an optimizer-wide hook, a
learning-rate schedule (ExponentialShift) and a shuffling iterator with its
own RandomState. The resumed half starts from objects whose parameters are
deliberately different (zeros), so any value that is not restored shows up
as a mismatch.
"""
import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import datasets, iterators, optimizer_hooks, optimizers, serializers, training
from chainlite.iterators.order_samplers import ShuffleOrderSampler
from chainlite.training import extensions

N = 7  # steps before and after the checkpoint; batches of 5 over 16 examples cross epochs


class MLP(chainlite.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(4, 6)
            self.l2 = L.Linear(6, 5)
            self.l3 = L.Linear(5, 3)

    def forward(self, x):
        return self.l3(F.tanh(self.l2(F.relu(self.l1(x)))))


def _dataset():
    rs = numpy.random.RandomState(3)
    x = rs.uniform(-1, 1, (16, 4)).astype(numpy.float32)
    t = rs.randint(0, 3, 16).astype(numpy.int32)
    return datasets.TupleDataset(x, t)


# name -> (optimizer factory, the attribute the schedule shifts, a per-rule override)
OPTIMIZERS = {
    'SGD': (lambda: optimizers.SGD(lr=0.05), 'lr', 0.2),
    'MomentumSGD': (lambda: optimizers.MomentumSGD(lr=0.03, momentum=0.8), 'lr', 0.1),
    'Adam-amsgrad': (lambda: optimizers.Adam(alpha=0.01, amsgrad=True), 'alpha', 0.03),
    'RMSprop': (lambda: optimizers.RMSprop(lr=0.005, alpha=0.9), 'lr', 0.02),
}


def _apply_settings(model, name):
    """The per-parameter settings of the run (what the checkpoint must keep)."""
    _, attr, override = OPTIMIZERS[name]
    setattr(model.predictor.l1.W.update_rule.hyperparam, attr, override)
    chainlite.set_learn_rate_factor(model, 'predictor/l2/**', 0.5)
    chainlite.set_learn_rate_factor(model, '**/l3/b', 3.0)
    model.predictor.l1.b.update_rule.enabled = False
    model.predictor.l2.W.update_rule.add_hook(optimizer_hooks.WeightDecay(0.01))
    model.predictor.l3.W.update_rule.add_hook(optimizer_hooks.Lasso(0.001))
    model.predictor.l3.W.update_rule.add_hook(
        optimizer_hooks.GradientHardClipping(-0.2, 0.2), name='clip', timing='post')


def build(name, out, steps, fresh=False, settings=True, snapshot=None):
    """A trainer training for ``steps`` iterations in total.

    ``fresh``: zero parameters and a differently seeded sampler (so only a
    load can make them right). ``settings``: apply the per-parameter
    settings (a resumed script does; without them they must come from the
    checkpoint).
    """
    numpy.random.seed(0)
    model = L.Classifier(MLP())
    if fresh:
        for param in model.params():
            param.array[...] = 0
    factory, attr, _ = OPTIMIZERS[name]
    opt = factory().setup(model)
    opt.add_hook(optimizer_hooks.WeightDecay(1e-4))  # optimizer-wide hooks are not saved
    if settings:
        _apply_settings(model, name)
    sampler = ShuffleOrderSampler(numpy.random.RandomState(99 if fresh else 1))
    it = iterators.SerialIterator(_dataset(), 5, order_sampler=sampler)
    updater = training.updaters.StandardUpdater(it, opt)
    trainer = training.Trainer(updater, (steps, 'iteration'), out=str(out))
    trainer.extend(extensions.ExponentialShift(attr, 0.9), trigger=(1, 'iteration'))
    if snapshot is not None:
        trainer.extend(snapshot, trigger=(N, 'iteration'))
    return trainer, model, opt, it


def assert_same_state(model_a, opt_a, model_b, opt_b):
    for (path, a), (_, b) in zip(sorted(model_a.namedparams()), sorted(model_b.namedparams())):
        numpy.testing.assert_array_equal(a.array, b.array, err_msg=path)
        ra, rb = a.update_rule, b.update_rule
        assert (ra.t, ra.enabled, a.lr_factor) == (rb.t, rb.enabled, b.lr_factor), path
        assert ra.hyperparam.get_dict() == rb.hyperparam.get_dict(), path
        assert (ra.state is None) == (rb.state is None), path
        assert sorted(ra.state or ()) == sorted(rb.state or ()), path
        for key in ra.state or ():
            numpy.testing.assert_array_equal(ra.state[key], rb.state[key],
                                             err_msg='%s/%s' % (path, key))
    assert (opt_a.t, opt_a.epoch) == (opt_b.t, opt_b.epoch)
    assert opt_a.hyperparam.get_dict() == opt_b.hyperparam.get_dict()


def _uninterrupted(name, tmp_path):
    trainer, model, opt, it = build(name, tmp_path / 'full', 2 * N)
    trainer.run()
    return trainer, model, opt, it


@pytest.mark.parametrize('settings_in_script', [True, False],
                         ids=['script-reapplies-settings', 'settings-from-checkpoint'])
@pytest.mark.parametrize('name', sorted(OPTIMIZERS))
def test_save_npz_of_each_object_resumes_bit_identical(name, settings_in_script, tmp_path):
    full, full_model, full_opt, full_it = _uninterrupted(name, tmp_path)

    first, model, opt, it = build(name, tmp_path / 'a', N)
    first.run()
    files = {kind: str(tmp_path / (kind + '.npz')) for kind in ('model', 'opt', 'trainer', 'it')}
    serializers.save_npz(files['model'], model)
    serializers.save_npz(files['opt'], opt)
    serializers.save_npz(files['trainer'], first)
    serializers.save_npz(files['it'], it)

    second, model2, opt2, it2 = build(name, tmp_path / 'b', 2 * N, fresh=True,
                                      settings=settings_in_script)
    serializers.load_npz(files['model'], model2)
    serializers.load_npz(files['opt'], opt2)
    serializers.load_npz(files['trainer'], second)
    serializers.load_npz(files['it'], it2)
    assert second.updater.iteration == N
    second.run()

    assert second.updater.iteration == full.updater.iteration == 2 * N
    assert_same_state(full_model, full_opt, model2, opt2)
    assert (it2.epoch, it2.current_position) == (full_it.epoch, full_it.current_position)
    numpy.testing.assert_array_equal(it2._state.order, full_it._state.order)


@pytest.mark.parametrize('name', sorted(OPTIMIZERS))
def test_snapshot_autoload_resumes_bit_identical(name, tmp_path):
    full, full_model, full_opt, _ = _uninterrupted(name, tmp_path)

    first, _, _, _ = build(name, tmp_path / 'run', N, snapshot=extensions.snapshot(autoload=True))
    first.run()
    second, model2, opt2, _ = build(name, tmp_path / 'run', 2 * N, fresh=True, settings=False,
                                    snapshot=extensions.snapshot(autoload=True))
    second.run()
    assert_same_state(full_model, full_opt, model2, opt2)


def test_resume_twice_in_a_row(tmp_path):
    """Three thirds with two resumes equal one run (state saved by a resumed run is complete)."""
    name = 'Adam-amsgrad'
    third = 4
    full, full_model, full_opt, _ = build(name, tmp_path / 'full', 3 * third)
    full.run()
    out = tmp_path / 'run'
    for k in (1, 2, 3):
        trainer, model, opt, _ = build(name, out, k * third, fresh=k > 1, settings=k == 1,
                                       snapshot=extensions.snapshot(autoload=True))
        trainer.extend(extensions.snapshot(autoload=True, filename='s_{.updater.iteration}'),
                       trigger=(third, 'iteration'))
        trainer.run()
    assert_same_state(full_model, full_opt, model, opt)


def test_freeze_mid_training_then_resume(tmp_path):
    """Freezing mid-run (state kept, t stops) survives a checkpoint."""
    name = 'MomentumSGD'

    def run_with_freeze(out, steps, fresh, settings, snapshot):
        trainer, model, opt, it = build(name, out, steps, fresh=fresh, settings=settings,
                                        snapshot=snapshot)

        @training.make_extension(trigger=(1, 'iteration'))
        def freeze_l2(tr):
            if tr.updater.iteration == 3:
                chainlite.freeze(model, 'predictor/l2')
        trainer.extend(freeze_l2)
        return trainer, model, opt

    full, full_model, full_opt = run_with_freeze(tmp_path / 'full', 2 * N, False, True, None)
    full.run()
    first, _, _ = run_with_freeze(tmp_path / 'run', N, False, True,
                                  extensions.snapshot(autoload=True))
    first.run()
    second, model2, opt2 = run_with_freeze(tmp_path / 'run', 2 * N, True, False,
                                           extensions.snapshot(autoload=True))
    second.run()
    assert not model2.predictor.l2.W.update_rule.enabled
    assert_same_state(full_model, full_opt, model2, opt2)


def test_snapshot_before_the_schedule_first_fires(tmp_path):
    """A trainer snapshot taken before an epoch-triggered shift has fired saves and resumes.

    (Found by this suite: the shift's "no value yet" None could not be saved without pickling,
    so the snapshot extension failed and training stopped.)
    """
    def make(out, steps, fresh):
        trainer, model, opt, _ = build('MomentumSGD', out, steps, fresh=fresh, settings=not fresh)
        trainer.extend(extensions.ExponentialShift('momentum', 0.5), trigger=(1, 'epoch'))
        trainer.extend(extensions.snapshot(autoload=True), trigger=(1, 'iteration'))
        return trainer, model, opt

    full, full_model, full_opt = make(tmp_path / 'full', 9, False)
    full.run()
    first, _, _ = make(tmp_path / 'run', 2, False)  # 16 examples, batch 5: no epoch yet
    first.run()
    second, model2, opt2 = make(tmp_path / 'run', 9, True)
    second.run()
    assert_same_state(full_model, full_opt, model2, opt2)
    assert opt2.momentum == full_opt.momentum == 0.8 * 0.5 ** 2


@pytest.mark.parametrize('kind', ['SerialIterator', 'MultithreadIterator', 'MultiprocessIterator'])
@pytest.mark.parametrize('shuffle', [False, True])
def test_iterator_resume_continues_the_same_batches(kind, shuffle, tmp_path):
    def make(seed):
        cls = getattr(iterators, kind)
        extra = {'MultithreadIterator': {'n_threads': 2},
                 'MultiprocessIterator': {'n_processes': 2}}.get(kind, {})
        if shuffle:
            extra['order_sampler'] = ShuffleOrderSampler(numpy.random.RandomState(seed))
        else:
            extra['shuffle'] = False
        return cls(list(range(10)), 3, **extra)

    iterators_made = [make(1), make(1), make(77)]
    full_it, first_it, resumed_it = iterators_made
    try:
        full = [full_it.next() for _ in range(9)]
        first = [first_it.next() for _ in range(4)]
        serializers.save_npz(str(tmp_path / 'it.npz'), first_it)
        serializers.load_npz(str(tmp_path / 'it.npz'), resumed_it)
        assert first + [resumed_it.next() for _ in range(5)] == full
        assert (resumed_it.epoch, resumed_it.epoch_detail, resumed_it.previous_epoch_detail,
                resumed_it.is_new_epoch) == (full_it.epoch, full_it.epoch_detail,
                                             full_it.previous_epoch_detail, full_it.is_new_epoch)
    finally:
        for it in iterators_made:
            getattr(it, 'finalize', lambda: None)()


def test_trainer_with_batchnorm_evaluator_and_logs_resumes_identically(tmp_path):
    """BatchNormalization's running statistics, the LogReport's log and its trigger, and an
    Evaluator's results continue after a snapshot as in an uninterrupted run."""
    class BNNet(chainlite.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.l1 = L.Linear(4, 6)
                self.bn = L.BatchNormalization(6)
                self.l2 = L.Linear(6, 3)

        def forward(self, x):
            return self.l2(F.relu(self.bn(self.l1(x))))

    def make(out, steps, fresh):
        numpy.random.seed(0)
        model = L.Classifier(BNNet())
        if fresh:
            for param in model.params():
                param.array[...] = 0
        opt = optimizers.MomentumSGD(lr=0.05).setup(model)
        it = iterators.SerialIterator(_dataset(), 5, order_sampler=ShuffleOrderSampler(
            numpy.random.RandomState(99 if fresh else 1)))
        trainer = training.Trainer(training.updaters.StandardUpdater(it, opt),
                                   (steps, 'iteration'), out=str(out))
        val = iterators.SerialIterator(_dataset(), 6, repeat=False, shuffle=False)
        trainer.extend(extensions.Evaluator(val, model), trigger=(3, 'iteration'))
        trainer.extend(extensions.LogReport(trigger=(3, 'iteration')))
        trainer.extend(extensions.observe_lr(), trigger=(1, 'iteration'))
        trainer.extend(extensions.StepShift('lr', 0.5, 4), trigger=(1, 'iteration'))
        trainer.extend(extensions.snapshot(autoload=True), trigger=(N, 'iteration'))
        return trainer, model

    def log_of(trainer):
        return [{k: v for k, v in entry.items() if k != 'elapsed_time'}
                for entry in trainer.get_extension('LogReport').log]

    full, full_model = make(tmp_path / 'full', 2 * N, False)
    full.run()
    first, _ = make(tmp_path / 'run', N, False)
    first.run()
    second, model = make(tmp_path / 'run', 2 * N, True)
    second.run()
    bn, full_bn = model.predictor.bn, full_model.predictor.bn
    for name in ('avg_mean', 'avg_var', 'gamma', 'beta'):
        numpy.testing.assert_array_equal(chainlite.variable.as_array(getattr(bn, name)),
                                         chainlite.variable.as_array(getattr(full_bn, name)),
                                         err_msg=name)
    assert bn.N == full_bn.N
    assert log_of(second) == log_of(full)
    assert any('validation/main/loss' in entry for entry in log_of(full))
