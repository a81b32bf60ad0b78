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
