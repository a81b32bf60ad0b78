"""Serializers and snapshot writers compared with Chainer 7.8.1 by the probes of
tools/goldens/parity_serial_probe.py (Chainer's answers: tests/data/parity_serial_probe.npz).
"""
import json
import os

import numpy
import pytest

import chainlite
import chainlite.training.extensions  # NOQA: the probes reach it as an attribute
import golden_scripts
from chainlite import serializers
from chainlite.training.extensions import snapshot_writers

h5py = pytest.importorskip('h5py')
probes = golden_scripts.script('parity_serial_probe')
DATA = golden_scripts.data('parity_serial_probe')
GOLDEN = {k: json.loads(str(DATA[k])) for k in probes.PROBES}


@pytest.mark.parametrize('name', sorted(probes.PROBES))
def test_matches_chainer(name, tmp_path):
    assert probes.PROBES[name](chainlite, str(tmp_path)) == GOLDEN[name]


def test_loads_chainers_hdf5_with_an_uninitialized_parameter(tmp_path):
    # Chainer writes None as an empty dataset; it loads as "nothing to load".
    path = tmp_path / 'lazy.h5'
    path.write_bytes(DATA['file/lazy.h5'].tobytes())
    fresh = probes.lazy_model(chainlite)
    fresh.l2.W.array[...] = 0
    serializers.load_hdf5(str(path), fresh)
    assert fresh.l1.W.array is None
    numpy.testing.assert_array_equal(fresh.l2.W.array, numpy.eye(2))


def test_hdf5_snapshot_writer_saves_an_uninitialized_parameter(tmp_path):
    # Writers get the state as a dict of arrays, where None is npz's 0-d object array.
    model = probes.lazy_model(chainlite)
    state = serializers.DictionarySerializer()
    state.save(model)
    writer = snapshot_writers.SimpleWriter(savefun=serializers.save_hdf5)
    writer('m.h5', str(tmp_path), serializers._base.SavedState(state.target))
    with h5py.File(str(tmp_path / 'm.h5'), 'r') as f:
        assert f['l1/W'].shape is None
    fresh = probes.lazy_model(chainlite)
    serializers.load_hdf5(str(tmp_path / 'm.h5'), fresh)
    assert fresh.l1.W.array is None


def test_a_saved_dict_still_refuses_python_objects(tmp_path):
    with pytest.raises(ValueError, match='save_npz: cannot save table without pickling'):
        serializers.save_npz(str(tmp_path / 'a.npz'), {'table': {'a': 1}})
    with pytest.raises(ValueError, match='HDF5Serializer: cannot save /table: a Python object'):
        serializers.save_hdf5(str(tmp_path / 'a.h5'), {'table': {'a': 1}})
    assert not os.path.exists(str(tmp_path / 'a.h5'))


def test_process_queue_writer_takes_the_snapshot_dict(tmp_path):
    trainer_state = serializers._base.SavedState({'updater/iteration': numpy.array(3)})
    writer = snapshot_writers.ProcessQueueWriter()
    writer('s.npz', str(tmp_path), trainer_state)
    writer.finalize()
    with numpy.load(str(tmp_path / 's.npz')) as f:
        assert int(f['updater/iteration']) == 3
