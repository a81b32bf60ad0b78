"""Soak: long training with the graph rebuilt every step keeps memory flat and makes no cycles.

The cyclic garbage collector is disabled during the loops, so anything a step
leaves in a reference cycle (a FunctionNode holding its outputs, a Variable
holding its creator...) would pile up: the checks are the process RSS, the
number of live container objects, weak references to each step's graph, and
finally what ``gc.collect()`` finds unreachable (kept in ``gc.garbage`` with
DEBUG_SAVEALL so it can be inspected).
"""
import gc
import os
import time
import weakref

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import optimizers

# The issue asks for 20,000 steps; a step of this MLP takes 1-2 ms here, so the loop stops
# earlier when its 25 s budget is spent (on a slow or busy machine), after at least MIN_STEPS.
STEPS, MIN_STEPS, BUDGET_S, WARMUP = 20000, 3000, 25.0, 500


def rss_bytes():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * 4096


class MLP(chainlite.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(16, 32)
            self.bn = L.BatchNormalization(32)
            self.l2 = L.Linear(32, 4)

    def forward(self, x):
        return self.l2(F.dropout(F.tanh(self.bn(F.relu(self.l1(x)))), 0.1))


class _NoCyclicGC:
    """Disables the cyclic GC and saves what it would free in gc.garbage; restores on exit."""

    def __enter__(self):
        gc.collect()
        gc.garbage.clear()
        self._flags = gc.get_debug()
        gc.disable()
        return self

    def unreachable(self):
        """Runs one collection saving everything unreachable; returns those objects."""
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        found = list(gc.garbage)
        gc.garbage.clear()
        gc.set_debug(self._flags)
        return found

    def __exit__(self, *exc):
        gc.set_debug(self._flags)
        gc.garbage.clear()
        gc.enable()


def _chainlite_objects(objects):
    return [o for o in objects if type(o).__module__.startswith('chainlite')]


@pytest.mark.skipif(not hasattr(gc, 'DEBUG_SAVEALL'), reason='needs CPython gc')
@pytest.mark.slow
def test_long_training_keeps_memory_flat_and_frees_graphs_without_the_gc():
    numpy.random.seed(0)
    rs = numpy.random.RandomState(0)
    model = L.Classifier(MLP())
    opt = optimizers.Adam(alpha=1e-3).setup(model)
    x = rs.randn(16, 16).astype(numpy.float32)
    t = rs.randint(0, 4, 16).astype(numpy.int32)

    def step():
        loss = model(x, t)
        model.cleargrads()
        loss.backward()
        opt.update()
        return weakref.ref(loss), weakref.ref(loss.creator)

    with _NoCyclicGC() as nogc:
        for _ in range(WARMUP):
            step()
        rss0, objects0 = rss_bytes(), len(gc.get_objects())
        start = time.monotonic()
        done = 0
        refs = ()
        while done < STEPS and (done < MIN_STEPS or time.monotonic() - start < BUDGET_S):
            previous, refs = refs, step()  # the Classifier keeps the last loss until the next call
            done += 1
            if done % 250 == 0:
                assert previous[0]() is None and previous[1]() is None, \
                    'step %d: the previous loss or its creator is still alive' % done
        rss1, objects1 = rss_bytes(), len(gc.get_objects())
        leaked = nogc.unreachable()

    assert not _chainlite_objects(leaked), _chainlite_objects(leaked)[:10]
    assert len(leaked) < 100, 'steps left %d objects in reference cycles' % len(leaked)
    assert objects1 - objects0 < 200, 'live objects grew by %d' % (objects1 - objects0)
    assert rss1 < rss0 * 1.05, 'RSS grew from %d to %d bytes over %d steps' % (rss0, rss1, done)
    assert numpy.isfinite(float(model(x, t).array))


@pytest.mark.slow
def test_double_backprop_graphs_are_freed_too():
    """A gradient penalty (grad of a grad, enable_double_backprop) builds graphs on the grads;
    they too go away by reference counting alone."""
    rs = numpy.random.RandomState(1)
    model = MLP()
    opt = optimizers.MomentumSGD(lr=1e-3).setup(model)
    x = rs.randn(8, 16).astype(numpy.float32)

    def step():
        xv = chainlite.Variable(x)
        with chainlite.using_config('train', False):
            y = F.sum(model(xv) ** 2)
        gx, = chainlite.grad([y], [xv], enable_double_backprop=True)
        loss = y + F.sum(gx * gx)
        model.cleargrads()
        loss.backward()
        opt.update()
        return weakref.ref(gx), weakref.ref(loss.creator)

    with _NoCyclicGC() as nogc:
        for _ in range(100):
            step()
        objects0 = len(gc.get_objects())
        for i in range(1500):
            refs = step()
            if i % 100 == 0:
                assert all(r() is None for r in refs)
        objects1 = len(gc.get_objects())
        leaked = nogc.unreachable()
    assert not _chainlite_objects(leaked), _chainlite_objects(leaked)[:10]
    assert objects1 - objects0 < 200


@pytest.mark.slow
def test_trainer_with_extensions_keeps_no_graphs_or_cycles(tmp_path):
    """A Trainer run (reporter, LogReport accumulating over a long interval, Evaluator,
    PrintReport, a schedule) with the cyclic GC off: the number of live objects stays flat
    (reported losses do not keep their graphs) and nothing is left in cycles."""
    from chainlite import datasets, iterators, training
    from chainlite.training import extensions
    rs = numpy.random.RandomState(0)
    data = datasets.TupleDataset(rs.rand(64, 16).astype(numpy.float32),
                                 rs.randint(0, 4, 64).astype(numpy.int32))
    model = L.Classifier(MLP())
    opt = optimizers.MomentumSGD(lr=0.01).setup(model)
    counts = []

    @training.make_extension(trigger=(250, 'iteration'))
    def count(trainer):
        counts.append(len(gc.get_objects()))

    trainer = training.Trainer(
        training.updaters.StandardUpdater(iterators.SerialIterator(data, 8), opt),
        (2500, 'iteration'), out=str(tmp_path))
    trainer.extend(extensions.LogReport(trigger=(10 ** 6, 'iteration')))
    trainer.extend(extensions.Evaluator(iterators.SerialIterator(data, 16, repeat=False),
                                        model), trigger=(500, 'iteration'))
    trainer.extend(extensions.ExponentialShift('lr', 0.999), trigger=(1, 'iteration'))
    with open(os.devnull, 'w') as devnull:
        trainer.extend(extensions.PrintReport(['iteration', 'main/loss'], out=devnull))
        trainer.extend(count)
        with _NoCyclicGC() as nogc:
            trainer.run()
            leaked = nogc.unreachable()
    assert not leaked, sorted({type(o).__name__ for o in leaked})[:20]
    assert max(counts[1:]) - counts[1] < 200, counts
