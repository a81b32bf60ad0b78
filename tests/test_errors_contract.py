"""The input contract: every row of docs/errors.md is run and must raise what it says.

Each table row of docs/errors.md gives a bad call (Python code, run in a
fresh namespace built by :func:`namespace`), the exception type and a
regular expression its message must match. Rows whose status column says
"not yet" are known gaps: they run as strict xfails, so fixing one makes
this test fail until the doc is updated. Changing the doc changes the
test: the two cannot drift apart.
"""
import os
import re

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import (datasets, iterators, optimizer_hooks, optimizers, serializers,
                       training)
from chainlite.dataset import convert
from chainlite.training import extensions, triggers
from chainlite.utils import type_check

DOC = os.path.join(os.path.dirname(__file__), os.pardir, 'docs', 'errors.md')
COLUMNS = ('entry point', 'bad input', 'error', 'message', 'status')


def read_rows(path=DOC):
    """Returns ``[(section, entry, code, error, message_regex, status), ...]`` from the tables."""
    rows = []
    section = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('## '):
                section = line[3:].strip()
            if not line.startswith('|'):
                continue
            cells = [c.strip() for c in re.split(r'(?<!\\)\|', line.strip()[1:-1])]
            if [c.lower() for c in cells] == list(COLUMNS) or set(line) <= set('|-: '):
                continue
            assert len(cells) == len(COLUMNS), 'bad row in %s: %s' % (path, line)
            entry, code, error, message, status = cells
            rows.append((section, _code(entry), _code(code), _code(error), _code(message), status))
    return rows


def _code(cell):
    match = re.fullmatch(r'`(.*)`', cell)
    assert match, 'expected `code` in the cell %r' % cell
    return match.group(1).replace('\\|', '|')


class Net(chainlite.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(3, 4)
            self.l2 = L.Linear(4, 2)

    def forward(self, x):
        return self.l2(F.relu(self.l1(x)))


class Model(chainlite.Chain):
    """``model.enc.l1.W`` etc.: paths two levels deep."""

    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.enc = Net()


def namespace(tmp):
    """The names a row's code can use (fresh objects for every row)."""
    tmp = str(tmp)
    x = numpy.ones((2, 3), numpy.float32)
    model = Model()
    ns = dict(numpy=numpy, np=numpy, chainlite=chainlite, F=F, L=L, datasets=datasets,
              iterators=iterators, optimizers=optimizers, optimizer_hooks=optimizer_hooks,
              serializers=serializers, training=training, extensions=extensions,
              triggers=triggers, convert=convert, type_check=type_check,
              InvalidType=type_check.InvalidType, LoadError=serializers.LoadError,
              Variable=chainlite.Variable, Parameter=chainlite.Parameter, tmp=tmp,
              x=x, v=chainlite.Variable(x), net=Net(), model=model,
              opt=optimizers.SGD().setup(model), Net=Net, Model=Model)
    ns['dataset'] = datasets.TupleDataset(numpy.ones((4, 3), numpy.float32),
                                          numpy.zeros(4, numpy.int32))

    def path(name):
        return os.path.join(tmp, name)

    def saved(obj, name='saved.npz'):
        serializers.save_npz(path(name), obj)
        return path(name)

    def npz(name='made.npz', **arrays):
        numpy.savez(path(name), **arrays)
        return path(name)

    def pickled():
        arrays = {'l1/W': numpy.array([{'a': 1}], dtype=object)}
        return npz('pickled.npz', **arrays)

    def write(name, data):
        with open(path(name), 'wb') as f:
            f.write(data)
        return path(name)

    def trainer(**kwds):
        it = iterators.SerialIterator(ns['dataset'], 2)
        updater = training.updaters.StandardUpdater(
            it, optimizers.SGD().setup(L.Classifier(L.Linear(3, 2))))
        kwds.setdefault('stop_trigger', (1, 'iteration'))
        return training.Trainer(updater, out=path('result'), **kwds)

    def compat_import(name):
        import importlib

        import chainlite.compat
        chainlite.compat.install()
        try:
            return importlib.import_module(name)
        finally:
            chainlite.compat.uninstall()

    ns.update(path=path, saved=saved, npz=npz, pickled=pickled, write=write, trainer=trainer,
              compat_import=compat_import)
    return ns


ROWS = read_rows()


def _id(row):
    return '%s: %s' % (row[1], row[2])[:90]


def _marks(row):
    status = row[5]
    if status.lower().startswith('not yet'):
        return [pytest.mark.xfail(strict=True, reason=status)]
    assert status.lower() == 'ok', 'status must be "ok" or "not yet: why", got %r' % status
    return []


@pytest.mark.parametrize('row', [pytest.param(r, id=_id(r), marks=_marks(r)) for r in ROWS])
def test_row(row, tmp_path):
    section, entry, code, error, message, status = row
    if 'hdf5' in code:
        pytest.importorskip('h5py')  # an optional dependency: its rows need it installed
    ns = namespace(tmp_path)
    expected = eval(error, ns)
    try:
        exec(code, ns)
    except Exception as e:
        assert isinstance(e, expected), '%s raised %s: %s, the doc says %s' % (
            code, type(e).__name__, e, error)
        assert re.search(message, str(e), re.S), \
            '%s: the message %r does not match %r' % (code, str(e), message)
    else:
        pytest.fail('%s raised nothing; the doc says %s' % (code, error))


def test_the_table_covers_every_required_entry_point():
    entries = ' '.join(r[1] for r in ROWS)
    for needed in ('Variable', 'backward', 'chainlite.grad', 'FunctionNode.apply', 'F.matmul',
                   'F.softmax_cross_entropy', 'F.convolution_2d', 'F.concat', 'F.reshape',
                   'F.batch_normalization', 'Link', 'L.Linear', 'Optimizer.update',
                   'Optimizer', 'set_learn_rate_factor', 'freeze', 'save_npz', 'load_npz',
                   'SerialIterator', 'TupleDataset', 'concat_examples', 'Trainer',
                   'snapshot', 'compat'):
        assert needed in entries, '%s has no row in docs/errors.md' % needed
    assert len(ROWS) >= 60


def test_the_parser_reads_what_the_doc_holds(tmp_path):
    doc = tmp_path / 'errors.md'
    doc.write_text('## S\n\n| Entry point | Bad input | Error | Message | Status |\n'
                   '|---|---|---|---|---|\n'
                   '| `f` | `f(1 \\| 2)` | `ValueError` | `bad` | ok |\n')
    assert read_rows(str(doc)) == [('S', 'f', 'f(1 | 2)', 'ValueError', 'bad', 'ok')]


def test_evaluator_with_a_repeating_iterator_warns_and_ends(tmp_path):
    """Not an error, but a hang before (found by this suite): Chainer warns and loops forever."""
    ns = namespace(tmp_path)
    it = iterators.SerialIterator(ns['dataset'], 3, repeat=True, shuffle=False)
    with pytest.warns(UserWarning, match='repeats'):
        evaluator = extensions.Evaluator(it, L.Classifier(L.Linear(3, 2)))
    result = evaluator()
    assert set(result) == {'main/loss', 'main/accuracy'}
    assert it.epoch == 1
