"""The examples run as a new user runs them, and do what they promise."""
import importlib.util
import os

import numpy
import pytest

EXAMPLES = os.path.join(os.path.dirname(__file__), '..', 'examples')


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(EXAMPLES, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_train_digits_trains_saves_and_resumes(tmp_path, capsys):
    example = load('train_digits')
    accuracy = example.main(['--out', str(tmp_path)])
    assert accuracy > 0.95
    out = capsys.readouterr().out
    assert 'lr_factor' in out and 'test accuracy' in out
    assert sorted(f for f in os.listdir(tmp_path) if f.startswith('snapshot_epoch_')) == \
        ['snapshot_epoch_19', 'snapshot_epoch_20']
    resumed = example.main(['--epoch', '22', '--out', str(tmp_path), '--resume'])
    assert resumed > 0.95
    log = capsys.readouterr().out
    assert 'epoch 21, iter 945' in log and 'iter 45,' not in log  # continued, did not restart
    assert '\n\x1b[J22 ' in log  # PrintReport clears the line before each row, as Chainer


def test_update_rules_tour(capsys):
    example = load('update_rules')
    pred = example.main(steps=300)
    numpy.testing.assert_array_equal(pred, example.T)
    out = capsys.readouterr().out
    assert 'fixed bias unchanged: True' in out


def test_model_function(capsys):
    example = load('model_function')
    assert example.main(steps=150) > 0.85
