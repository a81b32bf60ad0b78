"""The docs under docs/ stay true: every Python block runs, shown output matches, links resolve.

Blocks of one page run in order in one namespace, in a fresh working directory.
A ```python block directly followed by a ```text block must print exactly that
text. A block preceded by a ``<!-- norun -->`` line is not run.
"""
import configparser
import contextlib
import io
import os
import pathlib
import re
import subprocess
import sys

import numpy
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / 'docs'
PAGES = sorted(DOCS.glob('*.md'))

_FENCE = re.compile(r'^```(\w*)\n(.*?)^```\n', re.S | re.M)
_LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')


def blocks(text):
    """``[(lang, code, runs, line)]`` for every fenced block of a page."""
    found = []
    for m in _FENCE.finditer(text):
        before = text[:m.start()].rstrip('\n').rsplit('\n', 1)[-1]
        line = text.count('\n', 0, m.start()) + 1
        found.append((m.group(1), m.group(2), before.strip() != '<!-- norun -->', line, m))
    return found


def python_steps(text):
    """``[(code, expected stdout or None, line)]`` for the page's runnable Python blocks."""
    found = blocks(text)
    # an indented or unclosed fence would silently escape the test
    assert text.count('```python') == sum(lang == 'python' for lang, *_ in found)
    steps = []
    for i, (lang, code, runs, line, m) in enumerate(found):
        if lang != 'python' or not runs:
            continue
        expected = None
        if i + 1 < len(found):
            nlang, ncode, _, _, nm = found[i + 1]
            if nlang == 'text' and not text[m.end():nm.start()].strip():
                expected = ncode
        steps.append((code, expected, line))
    return steps


def slug(heading):
    """GitHub's anchor for a Markdown heading."""
    s = re.sub(r'[^\w\- ]', '', heading.strip().lower())
    return s.replace(' ', '-')


def anchors(path):
    text = path.read_text()
    text = _FENCE.sub('', text)
    return {slug(h) for h in re.findall(r'^#+ (.*)$', text, re.M)}


@pytest.mark.parametrize('page', PAGES, ids=[p.name for p in PAGES])
def test_python_blocks_run_and_print_what_the_page_shows(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    state = numpy.random.get_state()
    namespace = {'__name__': 'docs_' + page.stem}
    try:
        for code, expected, line in python_steps(page.read_text()):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile('\n' * (line) + code, str(page), 'exec'), namespace)
            if expected is not None:
                assert out.getvalue() == expected, '%s, block at line %d' % (page.name, line)
    finally:
        numpy.random.set_state(state)
        import chainlite.compat
        chainlite.compat.uninstall()


@pytest.mark.parametrize('page', PAGES, ids=[p.name for p in PAGES])
def test_relative_links_resolve(page):
    text = _FENCE.sub('', page.read_text())
    for target in _LINK.findall(text):
        if re.match(r'[a-z]+:', target):
            continue
        path, _, anchor = target.partition('#')
        dest = (page.parent / path).resolve() if path else page
        assert dest.exists(), '%s links to missing %s' % (page.name, target)
        if anchor and dest.suffix == '.md':
            assert anchor in anchors(dest), '%s links to missing anchor %s' % (page.name, target)


def test_index_links_every_page_and_repeats_the_readme_install_commands():
    index = (DOCS / 'index.md').read_text()
    for page in PAGES:
        if page.name != 'index.md':
            assert '(%s)' % page.name in index, 'index.md does not link %s' % page.name
    readme = (ROOT / 'README.md').read_text().split('## Set up')[1].split('##')[0]
    for command in [ln.strip() for ln in readme.splitlines() if ln.startswith('    ')]:
        assert command in index, 'index.md lacks the README command %r' % command


def test_extras_named_in_the_docs_exist():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / 'setup.cfg')
    extras = set(cfg['options.extras_require'])
    for page in PAGES:
        for name in re.findall(r"'(?:chainlite|\.)\[(\w+)\]'", page.read_text()):
            assert name in extras, '%s names the unknown extra %r' % (page.name, name)


def test_porting_runner_command_runs_an_old_script(tmp_path):
    """The shell command porting.md shows runs a Chainer-style script unchanged."""
    text = (DOCS / 'porting.md').read_text()
    command = next(ln.strip() for lang, code, _, _, _ in blocks(text) if lang == 'bash'
                   for ln in code.splitlines() if 'chainlite.compat' in ln)
    argv = command.split()
    assert argv[:3] == ['python', '-m', 'chainlite.compat'], command
    (tmp_path / argv[3]).write_text(
        'import sys\nimport chainer\nimport chainer.functions as F\n'
        'print(chainer.__name__, F.relu is chainer.functions.relu, sys.argv[1:])\n')
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get('PYTHONPATH', ''))
    out = subprocess.run([sys.executable] + argv[1:], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True)
    assert out.stdout == 'chainlite True %r\n' % (argv[4:],)
