import subprocess
import sys
import textwrap

import pytest

import chainlite
import chainlite.compat


@pytest.fixture
def alias():
    chainlite.compat.install()
    yield
    chainlite.compat.uninstall()


def test_chainer_names_resolve_to_chainlite(alias):
    import chainer
    import chainer.functions as F
    from chainer.backends import cuda
    from chainer import Variable
    assert chainer is chainlite and F is chainlite.functions
    assert cuda is chainlite.backends.cuda and Variable is chainlite.Variable
    import chainer.cuda
    assert chainer.cuda is chainlite.backends.cuda


def test_missing_module_says_not_provided(alias):
    with pytest.raises(ImportError, match='chainer.no_such_module is not provided by chainlite'):
        import chainer.no_such_module  # NOQA


def test_missing_attribute_says_not_provided(alias):
    import chainer
    with pytest.raises(AttributeError, match='not provided by chainlite'):
        chainer.no_such_name


def test_runner_runs_unmodified_script(tmp_path):
    script = tmp_path / 'old.py'
    script.write_text(textwrap.dedent('''
        import sys
        import numpy as np
        import chainer
        import chainer.functions as F
        x = chainer.Variable(np.array([1.0, 2.0]))
        y = F.sum(x * x)
        y.backward()
        print(sys.argv[1:], x.grad.tolist())
    '''))
    out = subprocess.run([sys.executable, '-m', 'chainlite.compat', str(script), '--flag'],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['--flag'] [2.0, 4.0]"


def test_runner_imports_modules_beside_the_script(tmp_path):
    # as with ``python old.py``: the script's folder comes first on sys.path, not the cwd
    (tmp_path / 'helper_mod.py').write_text('import chainer\nVALUE = chainer.__name__\n')
    script = tmp_path / 'old.py'
    script.write_text('import helper_mod\nprint(helper_mod.VALUE)\n')
    out = subprocess.run([sys.executable, '-m', 'chainlite.compat', str(script)],
                         capture_output=True, text=True, check=True, cwd=str(tmp_path.parent))
    assert out.stdout.strip() == 'chainlite'


def test_runner_usage():
    out = subprocess.run([sys.executable, '-m', 'chainlite.compat'], capture_output=True, text=True)
    assert out.returncode == 2 and 'usage' in out.stdout
