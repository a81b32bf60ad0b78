"""Training-loop probes run on Chainer 7.8.1 and on chainlite (tests/test_parity_training_probe.py).

Each probe in PROBES takes the framework module (``chainer`` or ``chainlite``) and a scratch
folder and returns a JSON-able observation; tests/data/parity_training_probe.npz holds
Chainer's, as JSON strings.
"""
import json
import os
import sys

import numpy as np

import _probes

LOSSES = [5.0, 3.0, 4.0, 1.0, 2.0, 6.0, 0.5, 0.7]


def _trainer(ch, out, stop):
    """A Linear(1, 1) trained for ``stop`` iterations; iteration i reports LOSSES[i - 1] as 'v'."""
    model = ch.links.Linear(1, 1)
    opt = ch.optimizers.SGD().setup(model)
    data = ch.datasets.TupleDataset(np.ones((4, 1), 'f'), np.zeros((4, 1), 'f'))
    it = ch.iterators.SerialIterator(data, 2, shuffle=False)
    updater = ch.training.updaters.StandardUpdater(
        it, opt, loss_func=ch.functions.mean_squared_error)
    trainer = ch.training.Trainer(updater, (stop, 'iteration'), out=out)

    def report(t):
        ch.reporter.report({'v': LOSSES[t.updater.iteration - 1]})
    trainer.extend(report, name='report', trigger=(1, 'iteration'), priority=400)
    return trainer


def _fired(ch, trigger, out, stop, resume=None):
    trainer = _trainer(ch, out, stop)
    fired = []
    trainer.extend(lambda t: fired.append(t.updater.iteration), name='spy', trigger=trigger)
    if resume is not None:
        ch.serializers.load_npz(resume, trainer)
    trainer.run()
    return trainer, fired


def best_value_resume(ch, out):
    """Min/MaxValueTrigger saved in a snapshot before their first check, then resumed."""
    result = {}
    triggers = ch.training.triggers
    for name, make in [('min', triggers.MinValueTrigger), ('max', triggers.MaxValueTrigger)]:
        path = os.path.join(out, 'snapshot_' + name)
        trainer, _ = _fired(ch, make('v', (2, 'iteration')), out, 1)
        ch.serializers.save_npz(path, trainer)
        _, fired = _fired(ch, make('v', (2, 'iteration')), out, 8, resume=path)
        result[name] = fired
        _, result[name + '_uninterrupted'] = _fired(ch, make('v', (2, 'iteration')), out, 8)
    return result


def best_value_missing_key(ch, out):
    """A MinValueTrigger whose key is never reported: the error at its first check."""
    try:
        _fired(ch, ch.training.triggers.MinValueTrigger('nokey', (2, 'iteration')), out, 4)
    except Exception as e:  # NOQA: the class is the observation
        return type(e).__name__
    return None


PROBES = {'best_value_resume': best_value_resume,
          'best_value_missing_key': best_value_missing_key}


def run(ch):
    return _probes.run(ch, PROBES)


def main(path):
    import chainer
    import chainer.training.triggers  # NOQA: run() reaches it as an attribute
    np.savez(path, **{k: np.array(json.dumps(v)) for k, v in run(chainer).items()})


if __name__ == '__main__':
    main(sys.argv[1])
