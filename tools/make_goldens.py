"""Regenerates the golden files under tests/data/ from real Chainer 7.8.1.

Each script in tools/goldens/ runs inside the reference environment (made by
../shared/tools/chainer-reference-venv.sh DIR) as a black box and writes
tests/data/<script name>.npz. The tests compare chainlite against those files,
so they run without Chainer.

    python tools/make_goldens.py --python /path/to/chainer-venv/bin/python [name ...]
"""
import argparse
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent / 'tests' / 'data'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--python', required=True, help="the reference venv's python")
    parser.add_argument('names', nargs='*', help='scripts to run (default: all)')
    args = parser.parse_args()
    scripts = sorted(s for s in (HERE / 'goldens').glob('*.py')
                     if not s.name.startswith('_'))  # _*.py: shared modules
    if args.names:
        scripts = [s for s in scripts if s.stem in args.names]
    DATA.mkdir(parents=True, exist_ok=True)
    for script in scripts:
        out = DATA / (script.stem + '.npz')
        print('%s -> %s' % (script.name, out))
        subprocess.run([args.python, str(script), str(out)], check=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
