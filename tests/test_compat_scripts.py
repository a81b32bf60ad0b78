"""Unmodified Chainer 7 scripts run under ``python -m chainlite.compat`` and give Chainer's numbers.

The expected outputs come from running the same scripts under real Chainer 7.8.1
(tools/goldens/compat_scripts.py).
"""
import json
import os
import subprocess
import sys

import numpy

HERE = os.path.dirname(__file__)
SCRIPTS = os.path.join(HERE, 'compat_scripts')
EXPECTED = numpy.load(os.path.join(HERE, 'data', 'compat_scripts.npz'))


def run(name, *args):
    out = subprocess.run([sys.executable, '-m', 'chainlite.compat',
                          os.path.join(SCRIPTS, name)] + list(args),
                         capture_output=True, text=True, check=True).stdout
    line = [ln for ln in out.splitlines() if ln.startswith(('{', 'RESULT'))][-1]
    return json.loads(line.replace('RESULT ', '', 1))


def expected(name):
    return json.loads(EXPECTED[name].item().replace('RESULT ', '', 1))


def assert_close(got, want, rtol=1e-5, atol=1e-6):
    if isinstance(want, dict):
        assert set(got) == set(want)
        for k in want:
            assert_close(got[k], want[k], rtol, atol)
    elif isinstance(want, list) and want and isinstance(want[0], (str, dict)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_close(g, w, rtol, atol)
    elif isinstance(want, (list, float, int)):
        numpy.testing.assert_allclose(numpy.asarray(got, dtype=float),
                                      numpy.asarray(want, dtype=float), rtol=rtol, atol=atol)
    else:
        assert got == want


def test_custom_training_loop():
    assert_close(run('custom_loop.py'), expected('custom_loop'))


def test_trainer_script_with_extensions(tmp_path):
    got = run('trainer_script.py', '--out', str(tmp_path / 'out'))
    assert_close(got, expected('trainer_script'))


def test_script_loading_a_chainer_written_file():
    got = run('load_chainer_npz.py', os.path.join(HERE, 'data', 'chainer_model.npz'))
    assert_close(got, expected('load_chainer_npz'), rtol=1e-6, atol=1e-7)


def _fake_mnist_cache(root, n_train=300, n_test=100):
    """A small MNIST in Chainer's cache layout, so get_mnist() runs offline."""
    rng = numpy.random.RandomState(0)
    directory = root / 'pfnet' / 'chainer' / 'mnist'
    directory.mkdir(parents=True)
    for name, n in (('train', n_train), ('test', n_test)):
        y = rng.randint(0, 10, n).astype(numpy.uint8)
        x = rng.randint(0, 40, (n, 784)).astype(numpy.uint8)
        numpy.savez_compressed(directory / (name + '.npz'), x=x, y=y)


def test_mnist_example_style_script_runs_and_resumes(tmp_path):
    _fake_mnist_cache(tmp_path / 'datasets')
    env = dict(os.environ, CHAINLITE_DATASET_ROOT=str(tmp_path / 'datasets'))
    script = os.path.join(SCRIPTS, 'train_mnist.py')
    out = tmp_path / 'result'
    args = [sys.executable, '-m', 'chainlite.compat', script, '--epoch', '2', '--unit', '50',
            '--batchsize', '50', '--out', str(out), '--noplot', '--frequency', '1']
    first = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert 'Device: @numpy' in first.stdout
    log = json.loads((out / 'log').read_text())
    assert [e['epoch'] for e in log] == [1, 2] and log[1]['iteration'] == 12
    assert all(numpy.isfinite(e['validation/main/loss']) for e in log)
    assert (out / 'cg.dot').read_text().startswith('digraph')
    assert sorted(p.name for p in out.iterdir() if p.name.startswith('snapshot')) == \
        ['snapshot_iter_12']
    resumed = subprocess.run(
        args[:5] + ['3'] + args[6:] + ['--resume', str(out / 'snapshot_iter_12')],
        capture_output=True, text=True, env=env, check=True)
    log = json.loads((out / 'log').read_text())
    assert [e['epoch'] for e in log] == [1, 2, 3] and log[2]['iteration'] == 18
    assert resumed.returncode == 0
