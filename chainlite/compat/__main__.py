"""``python -m chainlite.compat SCRIPT.py [args...]``: run a Chainer script on chainlite."""
import os
import runpy
import sys

from chainlite.compat import install


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ('-h', '--help'):
        print('usage: python -m chainlite.compat SCRIPT.py [args...]\n'
              'Runs SCRIPT.py with `import chainer` resolving to chainlite.')
        return 0 if argv else 2
    install()
    sys.argv = list(argv)
    # as ``python SCRIPT.py`` does: modules beside the script import (``-m`` put the
    # working directory first instead)
    sys.path[0] = os.path.dirname(os.path.abspath(argv[0]))
    runpy.run_path(argv[0], run_name='__main__')
    return 0


if __name__ == '__main__':
    sys.exit(main())
