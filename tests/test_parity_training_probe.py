"""Training-loop behaviour compared with Chainer 7.8.1 by the probes of
tools/goldens/parity_training_probe.py (Chainer's answers: tests/data/parity_training_probe.npz).
"""
import json

import numpy
import pytest

import chainlite
import chainlite.training.triggers  # NOQA: the probes reach it as an attribute
import golden_scripts

probes = golden_scripts.script('parity_training_probe')
GOLDEN = {k: json.loads(str(v)) for k, v in golden_scripts.data('parity_training_probe').items()}


@pytest.mark.parametrize('name', sorted(probes.PROBES))
def test_matches_chainer(name, tmp_path):
    assert probes.PROBES[name](chainlite, str(tmp_path)) == GOLDEN[name]


def test_best_value_trigger_saves_no_best_yet_apart_from_any_value():
    # -1.0 stood for "none yet", so a resumed MinValueTrigger never beat it with a loss.
    saved = chainlite.serializers.DictionarySerializer()
    chainlite.training.triggers.MinValueTrigger('v').serialize(saved)
    fresh = chainlite.training.triggers.MinValueTrigger('v')
    chainlite.serializers.NpzDeserializer(saved.target).load(fresh)
    assert fresh._best_value is None


def test_best_value_trigger_names_the_missing_key(tmp_path):
    with pytest.raises(KeyError, match="MinValueTrigger: 'nokey' was not reported"):
        probes._fired(chainlite, chainlite.training.triggers.MinValueTrigger(
            'nokey', (2, 'iteration')), str(tmp_path), 4)


@pytest.mark.parametrize('fmt', ['npz', 'hdf5'])
def test_a_best_value_trigger_not_fired_yet_round_trips(fmt, tmp_path):
    if fmt == 'hdf5':
        pytest.importorskip('h5py')
    save = getattr(chainlite.serializers, 'save_' + fmt)
    load = getattr(chainlite.serializers, 'load_' + fmt)
    save(str(tmp_path / 'unfired'), chainlite.training.triggers.MaxValueTrigger('v'))
    fired = chainlite.training.triggers.MaxValueTrigger('v')
    fired._best_value = 2.5
    save(str(tmp_path / 'fired'), fired)
    target = chainlite.training.triggers.MaxValueTrigger('v')
    load(str(tmp_path / 'fired'), target)
    assert target._best_value == 2.5
    load(str(tmp_path / 'unfired'), target)
    assert target._best_value is None


def test_a_chainer_best_value_trigger_not_fired_yet_loads():
    saved = chainlite.serializers.DictionarySerializer()
    chainlite.training.triggers.MinValueTrigger('v').serialize(saved)
    saved.target['best_value'] = numpy.asarray(None)  # as Chainer writes "none yet"
    target = chainlite.training.triggers.MinValueTrigger('v')
    target._best_value = 1.0
    chainlite.serializers.NpzDeserializer(saved.target).load(target)
    assert target._best_value is None
