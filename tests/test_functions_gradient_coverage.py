"""Every public differentiable function in chainlite.functions has a numerical gradient test.

How coverage is found (static, no test is run): the test modules under tests/
are parsed; a function is *gradient-checking* when it calls ``check_backward`` /
``check_double_backward``, or (transitively) a function that does, defined in
the same module or in a helper module of tests/ (e.g. ``array_checks.py``).
A chainlite.functions name is covered when it appears (``F.name``,
``functions.name``, a name imported from chainlite.functions, or the string
``'name'`` for ``getattr(F, name)`` tables) inside a gradient-checking
function, its decorators (``pytest.mark.parametrize`` tables), its class's
decorators, or a module-level table such a function refers to.

Adding a new public F name without a gradient test makes this test fail; a
name that has no gradient goes to NOT_DIFFERENTIABLE with the reason.
"""
import ast
import functools
import pathlib
import types

import chainlite.functions as F

TESTS = pathlib.Path(__file__).resolve().parent
CHECKERS = {'check_backward', 'check_double_backward'}

# name: why it has no numerical gradient test.
NOT_DIFFERENTIABLE = {
    'accuracy': 'metric on integer labels (no gradient in Chainer either)',
    'binary_accuracy': 'metric (no gradient)',
    'classification_summary': 'metric (no gradient)',
    'precision': 'metric (no gradient)',
    'recall': 'metric (no gradient)',
    'f1_score': 'metric (no gradient)',
    'r2_score': 'metric (no gradient in Chainer)',
    'argmax': 'integer output',
    'argmin': 'integer output',
    'argmax_crf1d': 'Viterbi path: integer output',
    'onehot_decode': 'integer output (argmax of a one-hot code)',
    'onehot_encode': 'built from integer labels (no differentiable input)',
    'sign': 'piecewise constant: gradient is zero (as in Chainer)',
    'floor': 'piecewise constant: gradient is zero',
    'ceil': 'piecewise constant: gradient is zero',
    'fix': 'piecewise constant: gradient is zero',
}


def _public_functions():
    return sorted(n for n in dir(F) if not n.startswith('_')
                  and not isinstance(getattr(F, n), types.ModuleType))


def _called_names(node):
    """Names a function calls: ``f(...)`` gives 'f', ``m.f(...)`` gives 'f'."""
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _functions(tree):
    """(function node, enclosing class node or None) for every def in the module."""
    result = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            result.append((node, None))
        elif isinstance(node, ast.ClassDef):
            result.extend((sub, node) for sub in node.body
                          if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return result


def _gradient_functions(functions, known):
    """The subset of ``functions`` that (transitively) call a name in ``known``."""
    calls = {id(f): _called_names(f) for f, _ in functions}
    checking = set(known)
    found = []
    changed = True
    while changed:
        changed = False
        for f, cls in functions:
            if (f, cls) not in found and calls[id(f)] & checking:
                found.append((f, cls))
                checking.add(f.name)
                changed = True
    return found, checking


def _callees(functions, found):
    """Module functions that gradient-checking functions call, transitively (factories such
    as ``def _ctc_func(...): return lambda *xs: F.ctc(...)``)."""
    by_name = {f.name: f for f, cls in functions if cls is None}
    seen = {f.name for f, _ in found}
    pending = set().union(*(_called_names(f) for f, _ in found)) if found else set()
    result = []
    while pending:
        name = pending.pop()
        if name in by_name and name not in seen:
            seen.add(name)
            result.append(by_name[name])
            pending |= _called_names(by_name[name])
    return result


def _imported_function_names(tree):
    """Local names bound by ``from chainlite.functions[...] import x``."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or '').startswith(
                'chainlite.functions'):
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
    return names


def _mentions(nodes, public, imported):
    found = set()
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and sub.attr in public:
                base = sub.value
                base_name = base.id if isinstance(base, ast.Name) else getattr(base, 'attr', '')
                if base_name in ('F', 'functions'):
                    found.add(sub.attr)
            elif isinstance(sub, ast.Name) and sub.id in imported:
                found.add(imported[sub.id])
            elif isinstance(sub, ast.Constant) and sub.value in public:
                found.add(sub.value)
    return found


def _module_tables(tree):
    tables = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    tables[target.id] = node
    return tables


@functools.lru_cache(maxsize=None)
def _test_modules():
    return {p: ast.parse(p.read_text()) for p in sorted(TESTS.glob('*.py'))
            if p.name != pathlib.Path(__file__).name}


def _covered_names():
    public = set(_public_functions())
    modules = _test_modules()
    helpers = set(CHECKERS)
    for path, tree in modules.items():
        if not path.name.startswith('test_'):
            helpers |= _gradient_functions(_functions(tree), CHECKERS)[1]
    covered = set()
    for path, tree in modules.items():
        functions = _functions(tree)
        found, _ = _gradient_functions(functions, helpers)
        regions = []
        for f, cls in found:
            regions.append(f)
            regions.extend(cls.decorator_list if cls is not None else ())
        regions.extend(_callees(functions, found))
        tables = _module_tables(tree)
        referenced = {sub.id for node in regions for sub in ast.walk(node)
                      if isinstance(sub, ast.Name)}
        regions.extend(tables[name] for name in referenced if name in tables)
        covered |= _mentions(regions, public, _imported_function_names(tree))
    return covered


def _missing():
    covered = _covered_names()
    return [n for n in _public_functions() if n not in covered and n not in NOT_DIFFERENTIABLE]


def test_every_differentiable_function_has_a_gradient_test():
    missing = _missing()
    assert not missing, (
        'chainlite.functions names with no check_backward test under tests/ (add one, or '
        'list the name in NOT_DIFFERENTIABLE with the reason): %s' % ', '.join(missing))


def test_a_new_function_without_a_gradient_test_is_reported(monkeypatch):
    monkeypatch.setattr(F, 'brand_new_op', lambda x: x, raising=False)
    assert 'brand_new_op' in _missing()


def test_not_differentiable_list_is_current():
    public = set(_public_functions())
    assert set(NOT_DIFFERENTIABLE) <= public, sorted(set(NOT_DIFFERENTIABLE) - public)


def test_scanner_finds_a_parametrized_check(tmp_path):
    source = '''
import pytest
import chainlite.functions as F
from chainlite.functions import tanh as th
from chainlite import gradient_check
CASES = [F.sin]

def _grad(f, x):
    gradient_check.check_backward(f, x, None)

@pytest.mark.parametrize('f', [F.cos])
def test_a(f):
    _grad(f, 1)

def _factory():
    return lambda x: F.tan(x)

def test_b():
    for f in CASES:
        _grad(f, 1)
    _grad(th, 1)
    _grad(_factory(), 1)

def test_forward_only():
    F.exp(1)
'''
    tree = ast.parse(source)
    functions = _functions(tree)
    found, _ = _gradient_functions(functions, CHECKERS)
    assert sorted(f.name for f, _ in found) == ['_grad', 'test_a', 'test_b']
    regions = [f for f, _ in found] + [f.decorator_list[0] for f, _ in found if f.decorator_list]
    regions.append(_module_tables(tree)['CASES'])
    regions.extend(_callees(functions, found))
    mentioned = _mentions(regions, {'sin', 'cos', 'exp', 'tanh', 'tan'},
                          _imported_function_names(tree))
    assert mentioned == {'sin', 'cos', 'tanh', 'tan'}
