"""Dumps Chainer's public API surface, or compares chainlite's against the dump.

Run it with the reference Chainer 7.8.1 venv's python to (re)write the dump
(names and signature strings only; Chainer is used as a black box through
``dir()`` and ``inspect.signature``)::

    /path/to/chainer-venv/bin/python tools/api_surface.py dump

Run it with chainlite's python to list the gaps (tests/test_api_surface.py
checks the same thing, minus its documented exceptions)::

    python tools/api_surface.py compare
"""
import importlib
import inspect
import json
import pathlib
import re
import sys
import types

DUMP = (pathlib.Path(__file__).resolve().parent.parent / 'tests' / 'data'
        / 'chainer_api_surface.json')

# The audited modules, relative to the package root ('' is the package itself).
MODULES = (
    '', 'functions', 'links', 'initializers', 'optimizers', 'optimizer_hooks',
    'training', 'training.extensions', 'training.triggers', 'training.updaters',
    'datasets', 'dataset', 'iterators', 'serializers', 'utils', 'backends.cuda',
    'reporter', 'function_hooks', 'link_hooks', 'testing', 'gradient_check',
    'variable', 'function_node',
)

_ADDRESS = re.compile(r' at 0x[0-9a-fA-F]+')
_OBJECT = re.compile(r'<[\w.]+ object>')


def module_path(root, name):
    return root + ('.' + name if name else '')


def signature_string(obj):
    """The signature of a function or class as a string, or None when it has none."""
    if not callable(obj):
        return None
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    # Annotations are not part of the contract; object reprs in defaults carry
    # memory addresses and private class names, which are not either.
    sig = sig.replace(
        parameters=[p.replace(annotation=p.empty) for p in sig.parameters.values()],
        return_annotation=sig.empty)
    return _OBJECT.sub('<object>', _ADDRESS.sub('', str(sig)))


def _belongs(obj, root, module_name, attr):
    """Whether a public attribute is part of the package's API.

    Imported stdlib/NumPy names are not; of modules, the package itself lists all
    of its own (``chainer.cuda``), others only their true submodules (so
    ``chainer.variable.cuda``, an incidental import, is left out).
    """
    if isinstance(obj, types.ModuleType):
        if module_name == root:
            return obj.__name__.startswith(root + '.')
        return obj.__name__ == module_name + '.' + attr
    module = getattr(obj, '__module__', None)
    if module is None or isinstance(obj, (bool, int, float, str)):
        return True
    return module == root or module.startswith(root + '.')


def class_members(cls):
    """{'Class.member': signature string or None} for the public members ``cls`` defines
    itself (methods with their signatures; properties and class attributes by name).
    Inherited members are listed with the base class that defines them."""
    members = {}
    for attr, raw in vars(cls).items():
        if attr.startswith('_'):
            continue
        if isinstance(raw, (staticmethod, classmethod)) or inspect.isfunction(raw):
            sig = signature_string(getattr(cls, attr))
        else:
            sig = None
        members['%s.%s' % (cls.__name__, attr)] = sig
    return dict(sorted(members.items()))


def surface(root):
    """{module: {public name: signature string or None}} for the package ``root``.

    Public classes also list their members as ``'Class.member'``, once, in the
    first audited module that shows the class.
    """
    result = {}
    seen_classes = set()
    for name in MODULES:
        module = importlib.import_module(module_path(root, name))
        module_name = module.__name__
        entries = {}
        for attr in sorted(dir(module)):
            if attr.startswith('_'):
                continue
            obj = getattr(module, attr)
            if _belongs(obj, root, module_name, attr):
                entries[attr] = signature_string(obj)
                if isinstance(obj, type) and obj not in seen_classes:
                    seen_classes.add(obj)
                    entries.update(class_members(obj))
        result[name] = entries
    return result


def lookup(module, dotted):
    """``module.a.b`` for ``dotted`` 'a.b', or raises AttributeError."""
    obj = module
    for part in dotted.split('.'):
        obj = getattr(obj, part)
    return obj


def parameters(sig):
    """Splits a signature string into its top-level parameters."""
    body = sig[sig.index('(') + 1:sig.rindex(')')]
    params, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        if ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        elif ch == ',' and depth == 0:
            params.append(body[start:i].strip())
            start = i + 1
    if body.strip():
        params.append(body[start:].strip())
    return params


def compatible(ours, chainer):
    """Whether signature string ``ours`` accepts exactly the calls ``chainer`` documents.

    Parameters must agree in name, order, kind and default. The one allowed
    spelling difference: Chainer's trailing ``**kwargs`` (its Python 2 way of
    declaring keyword-only options) may be spelled out as keyword-only
    parameters, optionally followed by ``**kwargs``.
    """
    ours, chainer = parameters(ours), parameters(chainer)
    if chainer and chainer[-1].startswith('**'):
        head = chainer[:-1]
        rest = ours[len(head):]
        if rest[:1] == ['*']:
            rest = rest[1:]
        return ours[:len(head)] == head and all(
            '=' in p or p.startswith('**') for p in rest)
    return ours == chainer


def compare(reference, root='chainlite'):
    """Yields (module, name, problem) for each gap between ``reference`` and package ``root``."""
    for name, entries in reference.items():
        try:
            module = importlib.import_module(module_path(root, name))
        except ImportError as e:
            yield name, '*', 'module missing (%s)' % e
            continue
        for attr, ref_sig in entries.items():
            try:
                ours = signature_string(lookup(module, attr))
            except AttributeError:
                yield name, attr, 'missing'
                continue
            if ref_sig and ours and not compatible(ours, ref_sig):
                yield name, attr, 'signature %s != chainer %s' % (ours, ref_sig)


def main(argv):
    if argv[1:] == ['dump']:
        import chainer
        assert chainer.__version__ == '7.8.1', chainer.__version__
        DUMP.write_text(json.dumps(surface('chainer'), indent=1, sort_keys=True) + '\n')
        print('wrote', DUMP)
        return 0
    if argv[1:] == ['compare']:
        sys.path.insert(0, str(DUMP.parent.parent.parent))
        for problem in compare(json.loads(DUMP.read_text())):
            print('%s.%s: %s' % problem)
        return 0
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
