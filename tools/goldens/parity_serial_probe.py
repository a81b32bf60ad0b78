"""Serializer and snapshot-writer probes run on Chainer 7.8.1 and on chainlite
(tests/test_parity_serial_probe.py).

Each probe in PROBES takes the framework module (``chainer`` or ``chainlite``) and a scratch
folder and returns a JSON-able observation; tests/data/parity_serial_probe.npz holds
Chainer's, as JSON strings, and ``file/lazy.h5``: the bytes of an HDF5 file Chainer wrote
for a model with an uninitialized parameter.
"""
import json
import os
import shutil
import sys
import tempfile

import h5py
import numpy as np

import _probes


def lazy_model(ch):
    """A chain whose ``l1/W`` is uninitialized (``Linear(None, 2)``) and ``l2`` is not."""
    model = ch.Chain()
    with model.init_scope():
        model.l1 = ch.links.Linear(None, 2)
        model.l2 = ch.links.Linear(2, 2, initialW=np.eye(2, dtype='f'))
    return model


def _h5_layout(path):
    """Every dataset of an HDF5 file as ``name: [dtype, shape or None]``."""
    layout = {}
    with h5py.File(path, 'r') as f:
        f.visititems(lambda name, obj: layout.__setitem__(
            name, [str(obj.dtype), None if obj.shape is None else list(obj.shape)])
            if isinstance(obj, h5py.Dataset) else None)
    return layout


def hdf5_uninitialized(ch, out):
    """save_hdf5 of a model with an uninitialized parameter, and loading it back."""
    path = os.path.join(out, 'lazy.h5')
    ch.serializers.save_hdf5(path, lazy_model(ch))
    fresh = lazy_model(ch)
    ch.serializers.load_hdf5(path, fresh)
    initialized = lazy_model(ch)
    initialized.l1.W.initialize((2, 3))
    before = initialized.l1.W.array.copy()
    ch.serializers.load_hdf5(path, initialized)
    return {'layout': _h5_layout(path), 'fresh_W_is_None': fresh.l1.W.array is None,
            'initialized_W_kept': bool((initialized.l1.W.array == before).all())}


def save_dict(ch, out):
    """save_npz and save_hdf5 of a plain dict of arrays: the keys written."""
    target = {'a/b': np.arange(3, dtype='f'), 'c': np.array(7)}
    ch.serializers.save_npz(os.path.join(out, 'd.npz'), target)
    ch.serializers.save_hdf5(os.path.join(out, 'd.h5'), target)
    with np.load(os.path.join(out, 'd.npz')) as f:
        npz = {key: f[key].tolist() for key in sorted(f.files)}
    return {'npz': npz, 'h5': _h5_layout(os.path.join(out, 'd.h5'))}


def writer_target(ch, out):
    """What a snapshot writer receives: a dict of the trainer's arrays, saved by its savefun."""
    seen = []

    class Recorder(ch.training.extensions.snapshot_writers.Writer):
        def __call__(self, filename, outdir, target):
            seen.append([filename, isinstance(target, dict), int(target['updater/iteration']),
                         sorted(k for k in target if 'chainlite_settings' not in k)])
            self.save(filename, outdir, target, ch.serializers.save_npz)

    def trainer():
        model = ch.links.Linear(1, 1)
        data = ch.datasets.TupleDataset(np.ones((4, 1), 'f'), np.zeros((4, 1), 'f'))
        updater = ch.training.updaters.StandardUpdater(
            ch.iterators.SerialIterator(data, 2, shuffle=False), ch.optimizers.SGD().setup(model),
            loss_func=ch.functions.mean_squared_error)
        return ch.training.Trainer(updater, (3, 'iteration'), out=out)

    first = trainer()
    first.extend(ch.training.extensions.snapshot(writer=Recorder()), trigger=(2, 'iteration'))
    first.run()
    resumed = trainer()
    ch.serializers.load_npz(os.path.join(out, 'snapshot_iter_2'), resumed)
    return {'seen': seen, 'resumed_iteration': resumed.updater.iteration}


PROBES = {'hdf5_uninitialized': hdf5_uninitialized,
          'save_dict': save_dict,
          'writer_target': writer_target}


def run(ch):
    return _probes.run(ch, PROBES)


def main(path):
    import chainer
    import chainer.training.extensions  # NOQA: run() reaches it as an attribute
    golden = {k: np.array(json.dumps(v)) for k, v in run(chainer).items()}
    out = tempfile.mkdtemp()
    try:
        chainer.serializers.save_hdf5(os.path.join(out, 'lazy.h5'), lazy_model(chainer))
        with open(os.path.join(out, 'lazy.h5'), 'rb') as f:
            golden['file/lazy.h5'] = np.frombuffer(f.read(), np.uint8)
    finally:
        shutil.rmtree(out)
    np.savez_compressed(path, **golden)


if __name__ == '__main__':
    main(sys.argv[1])
