"""Addressing parameters by path and pattern: learn-rate factors, freezing, a table.

Paths are those ``namedparams()`` prints (``'/res1/conv_1/W'``), with or
without the leading ``/``. Patterns match whole segments: ``*`` matches one
segment (and shell-style wildcards work inside one: ``conv_*``), ``**`` any
number of segments. A pattern naming a link (``'encoder'``) means every
parameter below it.

>>> import numpy, chainlite
>>> from chainlite.learnables import set_learn_rate_factor, get_learn_rate_factor, freeze
>>> net = chainlite.Chain()
>>> with net.init_scope():
...     net.enc = chainlite.Chain()
...     net.b = chainlite.Parameter(numpy.zeros(2, 'f'))
>>> with net.enc.init_scope():
...     net.enc.W = chainlite.Parameter(numpy.zeros((2, 2), 'f'))
>>> set_learn_rate_factor(net, 'enc/**/W', 0.1)
['/enc/W']
>>> get_learn_rate_factor(net, '/enc/W')
0.1
>>> freeze(net, 'b')
['/b']
"""
import difflib
import fnmatch

from chainlite.optimizer import Optimizer
from chainlite.variable import check_lr_factor


def _segments(path):
    return [s for s in path.split('/') if s]


def _match(pattern, segments):
    if not pattern:
        return not segments
    head, rest = pattern[0], pattern[1:]
    if head == '**':
        return any(_match(rest, segments[i:]) for i in range(len(segments) + 1))
    return bool(segments) and fnmatch.fnmatchcase(segments[0], head) and \
        _match(rest, segments[1:])


def select(link, pattern):
    """Returns ``[(path, param), ...]`` for the parameters of ``link`` matching ``pattern``.

    Raises KeyError listing the closest existing paths when nothing matches.
    """
    if not isinstance(pattern, str):
        raise TypeError('parameter path must be a str, got %r' % (pattern,))
    params = list(link.namedparams())
    pat = _segments(pattern)
    found = [(path, p) for path, p in params if _match(pat, _segments(path))]
    if not found:  # a link path: everything below it
        found = [(path, p) for path, p in params if _match(pat + ['**'], _segments(path))]
    if not found:
        paths = [path for path, _ in params]
        close = difflib.get_close_matches('/' + '/'.join(pat), paths, n=5, cutoff=0)
        raise KeyError('no parameter matches %r; closest paths: %s'
                       % (pattern, ', '.join(close) or '(the link has no parameters)'))
    return found


def set_learn_rate_factor(link, path, factor):
    """Sets ``lr_factor`` of every parameter matching ``path``; returns their paths.

    The effective learning rate of a parameter is its rule's rate times the
    factor, so schedules on the optimizer keep reaching it; 0 freezes it.
    """
    found = select(link, path)
    values = [check_lr_factor(factor, p) for p, _ in found]
    for (_, param), value in zip(found, values):
        param.lr_factor = value
    return [p for p, _ in found]


def get_learn_rate_factor(link, path):
    """Returns the ``lr_factor`` of the parameter at ``path`` (one parameter)."""
    found = select(link, path)
    if len(found) != 1:
        raise KeyError('get_learn_rate_factor: %r matches %d parameters (%s); give one path'
                       % (path, len(found), ', '.join(p for p, _ in found)))
    return found[0][1].lr_factor


def _set_enabled(link, pattern, enabled):
    found = select(link, pattern)
    for _, param in found:
        param._frozen = not enabled
        if param.update_rule is not None:
            param.update_rule.enabled = enabled
    return [p for p, _ in found]


def freeze(link, pattern='**'):
    """Stops updating the matching parameters (state and settings are kept); returns their paths.

    Works before or after ``optimizer.setup``; the optimizer is never rebuilt.
    """
    return _set_enabled(link, pattern, False)


def unfreeze(link, pattern='**'):
    """Resumes updating the matching parameters; returns their paths."""
    return _set_enabled(link, pattern, True)


def _effective_lr(optimizer, param):
    rule = param.update_rule
    if rule is None or not rule.enabled:
        return 0.0
    name = rule._lr_name
    rate = 1.0 if name is None else getattr(rule.hyperparam, name)
    return rate * param.lr_factor


def _hook_names(optimizer, param):
    names = []
    if optimizer is not None:
        names += ['%s(optimizer)' % n for n, h, _ in optimizer._hook_items()
                  if getattr(h, 'call_for_each_param', False)]
    if param.update_rule is not None:
        names += [n for n, _, _ in param.update_rule._hook_items()]
    return ','.join(names)


class Learnables:
    """A table with one row per parameter; ``print`` it, or use ``.rows`` / ``.to_pandas()``."""

    def __init__(self, rows, columns):
        self.rows = rows
        self.columns = columns

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, path):
        """The row of the parameter at ``path`` (with or without the leading '/')."""
        path = '/' + path.lstrip('/')
        for row in self.rows:
            if row['path'] == path:
                return row
        raise KeyError(path)

    def to_pandas(self):
        import pandas
        return pandas.DataFrame(self.rows, columns=self.columns)

    def __str__(self):
        cells = [self.columns] + [[_fmt(row[c]) for c in self.columns] for row in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = ['  '.join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
        lines.insert(1, '  '.join('-' * w for w in widths))
        return '\n'.join(lines)

    __repr__ = __str__


def _fmt(value):
    if isinstance(value, float):
        return '%.6g' % value
    return str(value)


def learnables(link, optimizer=None):
    """Returns a :class:`Learnables` table of ``link``'s parameters and their settings.

    Columns: path, shape, dtype, size, lr_factor, enabled, (with an optimizer)
    lr — the effective learning rate, rule rate x factor, 0 when frozen —,
    hooks and state_bytes.
    """
    if not callable(getattr(link, 'namedparams', None)):
        raise TypeError('learnables: link must be a Link, got %s' % type(link).__name__)
    if optimizer is not None and not isinstance(optimizer, Optimizer):
        raise TypeError('learnables: optimizer must be an Optimizer or None, got %r'
                        % (optimizer,))
    columns = ['path', 'shape', 'dtype', 'size', 'lr_factor', 'enabled']
    if optimizer is not None:
        columns.append('lr')
    columns += ['hooks', 'state_bytes']
    rows = []
    for path, param in link.namedparams():
        rule = param.update_rule
        init = param.is_initialized
        row = {'path': path, 'shape': tuple(param.shape) if init else None,
               'dtype': str(param.dtype) if init else None, 'size': param.size if init else 0,
               'lr_factor': param.lr_factor,
               'enabled': rule.enabled if rule is not None else
               not getattr(param, '_frozen', False)}
        if optimizer is not None:
            row['lr'] = _effective_lr(optimizer, param)
        row['hooks'] = _hook_names(optimizer, param)
        state = rule.state if rule is not None else None
        row['state_bytes'] = sum(int(v.nbytes) for v in state.values()) if state else 0
        rows.append(row)
    return Learnables(rows, columns)


__all__ = ['set_learn_rate_factor', 'get_learn_rate_factor', 'freeze', 'unfreeze',
           'learnables', 'Learnables', 'select']
