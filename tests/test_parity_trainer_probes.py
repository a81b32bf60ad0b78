"""Trainer-loop parity with Chainer 7.8.1, found by running Chainer-era trainer scripts.

Each expected value below was printed by the same script under Chainer 7.8.1
(NumPy 1.26); the scripts ran a tiny regression model on synthetic data.
"""
import json
import os
import warnings

import numpy
import pytest

import chainlite
from chainlite import reporter
from chainlite.training import extensions as E
from chainlite.training import triggers


def _trainer(out, stop=(4, 'iteration'), n=10, batch=4):
    model = chainlite.links.Classifier(chainlite.links.Linear(2, 2))
    x = numpy.arange(2 * n, dtype='f').reshape(n, 2) / (2 * n)
    data = chainlite.datasets.TupleDataset(x, numpy.zeros(n, 'i'))
    it = chainlite.iterators.SerialIterator(data, batch, shuffle=False)
    opt = chainlite.optimizers.SGD().setup(model)
    updater = chainlite.training.updaters.StandardUpdater(it, opt)
    return chainlite.training.Trainer(updater, stop, out=str(out))


def test_dict_summary_leaves_out_arrays_of_shape_one():
    # Chainer summarizes only 0-dim arrays: shape (1,) and (1, 1) values are skipped
    for value in (numpy.array([2.5], 'f'), numpy.array([[1.0]]),
                  chainlite.Variable(numpy.array([2.5], 'f'))):
        summary = reporter.DictSummary()
        summary.add({'k': value})
        assert summary.compute_mean() == {}
    summary = reporter.DictSummary()
    summary.add({'k': chainlite.Variable(numpy.array(1.5, 'f')), 'n': 2})
    assert summary.compute_mean() == {'k': 1.5, 'n': 2.0}


def test_log_report_skips_a_reported_array_of_shape_one(tmp_path):
    # Chainer's log has no 'arr1' key; chainlite raised TypeError in float() on NumPy 2
    trainer = _trainer(tmp_path, stop=(3, 'iteration'))

    @chainlite.training.make_extension(trigger=(1, 'iteration'), priority=150)
    def rep(t):
        chainlite.report({'arr1': numpy.array([2.5], 'f'), 'intval': t.updater.iteration})

    trainer.extend(rep)
    trainer.extend(E.LogReport(trigger=(3, 'iteration')))
    trainer.run()
    with open(os.path.join(str(tmp_path), 'log')) as f:
        log = json.load(f)
    assert sorted(log[0]) == ['elapsed_time', 'epoch', 'intval', 'iteration', 'main/accuracy',
                              'main/loss']
    assert log[0]['intval'] == 2.0


def test_reported_variable_is_a_fresh_leaf_that_requires_grad():
    r = reporter.Reporter()
    observer = object()
    r.add_observer('main', observer)
    observation = {}
    loss = chainlite.Variable(numpy.array(3.0, 'f')) * 2
    with r.scope(observation):
        chainlite.report({'z': loss}, observer)
    z = observation['main/z']
    assert z is not loss and z.creator is None
    assert z.requires_grad  # Chainer: Variable(value.array), requires_grad True


def test_trainer_run_again_after_an_exception_continues(tmp_path):
    # Chainer: a run that raised can be run again; it re-initializes the extensions and
    # goes on from the iteration where it stopped. Only a completed run is final.
    trainer = _trainer(tmp_path, stop=(5, 'iteration'))
    calls = []

    class Boom(chainlite.training.Extension):
        def initialize(self, t):
            calls.append(('init', t.updater.iteration))

        def __call__(self, t):
            calls.append(('call', t.updater.iteration))
            if t.updater.iteration == 2 and len(calls) < 5:
                raise RuntimeError('boom!')

        def finalize(self):
            calls.append('fin')

    trainer.extend(Boom())
    with pytest.raises(RuntimeError, match='boom'):
        trainer.run(show_loop_exception_msg=False)
    trainer.run()
    assert calls == [('init', 0), ('call', 1), ('call', 2), 'fin',
                     ('init', 2), ('call', 3), ('call', 4), ('call', 5), 'fin']
    assert trainer.updater.iteration == 5
    with pytest.raises(RuntimeError, match='multiple times'):
        trainer.run()


@pytest.mark.parametrize('kwargs, printed', [
    ({'verbose': True}, 'early stopping: operator is less\n'),
    ({'verbose': True, 'monitor': 'main/accuracy'}, 'early stopping: operator is greater\n'),
    ({'verbose': True, 'mode': 'max'}, 'early stopping: operator is greater\n'),
    ({'verbose': False, 'mode': 'max'}, ''),
])
def test_early_stopping_verbose_names_its_operator(kwargs, printed, capsys):
    triggers.EarlyStoppingTrigger(**kwargs)
    assert capsys.readouterr().out == printed


def test_early_stopping_warns_at_every_check_without_the_monitor(tmp_path):
    # Chainer: 4 warnings (epochs 1-4; epoch 5 is the max_trigger), in these words
    trainer = _trainer(tmp_path, stop=None, n=23, batch=5)
    stop = triggers.EarlyStoppingTrigger(monitor='main/nothing', max_trigger=(5, 'epoch'))
    trainer.stop_trigger = stop
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        trainer.run()
    assert [str(w.message) for w in caught] == ['main/nothing is not in observation'] * 4
    assert trainer.updater.iteration == 23


def test_extensions_dump_graph_is_the_dump_graph_extension(tmp_path):
    # train_mnist-era scripts call extensions.dump_graph('main/loss'); in chainlite the name
    # was the module, so the call raised "'module' object is not callable"
    assert E.dump_graph is E.DumpGraph
    trainer = _trainer(tmp_path, stop=(2, 'iteration'))
    trainer.extend(E.dump_graph('main/loss', out_name='g.dot'))
    trainer.run()
    assert (tmp_path / 'g.dot').read_text().startswith('digraph')


@pytest.mark.parametrize('kwargs, variable, function', [
    ({}, 'shape="octagon",fillcolor="#E0E0E0",style="filled"',
     'shape="record",fillcolor="#6495ED",style="filled"'),
    ({'variable_style': {'shape': 'box'}}, 'shape="box"',
     'shape="record",fillcolor="#6495ED",style="filled"'),
    ({'function_style': {'shape': 'ellipse'}},
     'shape="octagon",fillcolor="#E0E0E0",style="filled"', 'shape="ellipse"'),
])
def test_dump_graph_draws_with_chainers_default_styles(tmp_path, kwargs, variable, function):
    trainer = _trainer(tmp_path, stop=(1, 'iteration'))
    trainer.extend(E.DumpGraph('main/loss', **kwargs))
    trainer.run()
    text = (tmp_path / 'cg.dot').read_text()
    assert '[label="LinearFunction",%s]' % function in text
    assert '[label="W: (2, 2), float32",%s]' % variable in text


def _snapshot_keys(trainer, tmp_path):
    path = str(tmp_path / 'snap.npz')
    chainlite.serializers.save_npz(path, trainer)
    with numpy.load(path) as f:
        return {k: f[k] for k in f.files}


def _shift_trainer(out, stop=(7, 'iteration')):
    trainer = _trainer(out, stop=stop)
    trainer.extend(E.MultistepShift('lr', 0.1, [2, 5, 9], 0.5))
    trainer.extend(E.WarmupShift('lr', 0.1, 5, 0.9), name='warm')
    trainer.extend(lambda t: None, name='tt', trigger=triggers.TimeTrigger(1000))
    return trainer


def test_warmup_and_multistep_shift_save_chainers_keys(tmp_path):
    # Chainer 7.8.1 at t=7: MultistepShift saves _current_step (2) and _t, WarmupShift
    # only _t; an int TimeTrigger period saves next_time as int64
    trainer = _shift_trainer(tmp_path)
    trainer.run()
    stored = _snapshot_keys(trainer, tmp_path)
    shifts = {k: v for k, v in stored.items() if k.startswith('extensions/')}
    assert sorted(shifts) == ['extensions/MultistepShift/_current_step',
                              'extensions/MultistepShift/_t', 'extensions/warm/_t']
    assert int(shifts['extensions/MultistepShift/_current_step']) == 2
    assert int(shifts['extensions/warm/_t']) == 7
    assert stored['extension_triggers/tt/next_time'].dtype == numpy.int64


def test_a_chainer_layout_snapshot_resumes_the_schedules(tmp_path):
    # a file with Chainer's keys (no _last_value) loads, and the schedules continue from _t
    first = _shift_trainer(tmp_path / 'a')
    first.run()
    stored = {k: v for k, v in _snapshot_keys(first, tmp_path).items()
              if not k.endswith('/_last_value')}  # as Chainer writes these two schedules
    stored['extensions/MultistepShift/_current_step'] = numpy.array(2)
    stored['extension_triggers/tt/next_time'] = numpy.array(1000)
    path = str(tmp_path / 'chainer_layout.npz')
    numpy.savez(path, **stored)
    second = _shift_trainer(tmp_path / 'b', stop=(9, 'iteration'))
    opt = second.updater.get_optimizer('main')
    chainlite.serializers.load_npz(path, second)
    lrs = []
    second.extend(lambda t: lrs.append(round(opt.lr, 10)), name='rec', priority=-1)
    second.run()
    # WarmupShift ran last (priority ties keep the order), so it sets lr: 0.9 after warmup
    assert lrs == [0.9, 0.9]


def test_interval_trigger_loads_a_snapshot_without_its_keys(tmp_path):
    # Chainer warns and guesses the previous values; chainlite raised LoadError
    first = _trainer(tmp_path / 'a', stop=triggers.EarlyStoppingTrigger(
        max_trigger=(6, 'iteration'), patience=100))
    first.run()
    path = str(tmp_path / 'snap.npz')
    chainlite.serializers.save_npz(path, first)
    second = _trainer(tmp_path / 'b', stop=(3, 'epoch'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        chainlite.serializers.load_npz(path, second)
    assert [str(w.message).split('.')[0] for w in caught] == [
        'The previous value of iteration is not saved',
        'The previous value of epoch_detail is not saved']
    second.run()
    assert second.updater.iteration == 8  # 10 examples, batches of 4: epoch 3 at 8


def test_print_report_runs_a_log_report_given_as_an_object(tmp_path):
    # PrintReport(entries, log_report=LogReport(...)) with the LogReport not registered:
    # Chainer runs it from PrintReport and prints its rows; chainlite printed only the header
    import io
    out = io.StringIO()
    trainer = _trainer(tmp_path, stop=(6, 'iteration'))
    trainer.extend(E.PrintReport(['epoch', 'iteration'], out=out,
                                 log_report=E.LogReport(trigger=(3, 'iteration'))))
    trainer.run()
    assert out.getvalue().split('\n') == [
        'epoch       iteration ', '\x1b[J1           3           ',
        '\x1b[J2           6           ', '']
