"""Outputs of the Chainer-style scripts in tests/compat_scripts/ under real Chainer 7.8.1.

Run in the reference venv; tests run the same scripts under chainlite's compat
runner and compare the numbers.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

SCRIPTS = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'compat_scripts')
DATA = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'data')


def run(name, *args):
    out = subprocess.run([sys.executable, os.path.join(SCRIPTS, name)] + list(args),
                         capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line.startswith(('{', 'RESULT'))][-1]


def main(out):
    with tempfile.TemporaryDirectory() as tmp:
        results = {
            'custom_loop': run('custom_loop.py'),
            'trainer_script': run('trainer_script.py', '--out', os.path.join(tmp, 'o')),
            'load_chainer_npz': run('load_chainer_npz.py',
                                    os.path.join(DATA, 'chainer_model.npz')),
        }
    np.savez(out, **{k: np.array(v) for k, v in results.items()})


if __name__ == '__main__':
    main(sys.argv[1])
