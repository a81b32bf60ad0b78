"""The README's tour runs and prints exactly the table the README shows."""
import contextlib
import io
import os
import re

README = os.path.join(os.path.dirname(__file__), '..', 'README.md')


def test_readme_tour_prints_the_documented_table():
    text = open(README).read()
    code, table = re.findall(r'```python\n(.*?)```\n\n```\n(.*?)```', text, re.S)[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, 'README.md', 'exec'), {'__name__': 'readme'})
    assert out.getvalue() == table


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    text = open(README).read()
    setup = text.split('## Set up')[1].split('##')[0]
    commands = [ln.strip() for ln in setup.splitlines() if ln.startswith('    ')]
    assert len(commands) == 2
    ci = open(os.path.join(os.path.dirname(__file__), '..', '.ci', 'run')).read()
    assert commands[1] in ci
