"""Concurrency: configuration and reporters are per thread, under many interleaved threads.

Each thread sets its own ``train`` / ``enable_backprop`` / ``debug`` values
with ``using_config``, waits at barriers so every thread is inside its block
at once, and checks what its computations did (dropout applied or not, a
graph built or not) and what it reads back, many rounds in a row.
"""
import random
import threading

import numpy

import chainlite
import chainlite.functions as F

THREADS, ROUNDS = 12, 30


def _run_threads(worker):
    barrier = threading.Barrier(THREADS, timeout=20)
    errors = []

    def wrapped(i):
        try:
            worker(i, barrier)
        except BaseException as e:  # reported by the main thread
            errors.append((i, e))
            barrier.abort()

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), 'a thread hung'
    assert not errors, errors[:3]


def test_config_values_stay_with_their_thread_under_interleaving():
    x = numpy.ones((50, 50), numpy.float32)

    def worker(i, barrier):
        rng = random.Random(i)
        for _ in range(ROUNDS):
            train, backprop, debug = (rng.random() < 0.5 for _ in range(3))
            with chainlite.using_config('train', train), \
                    chainlite.using_config('enable_backprop', backprop), \
                    chainlite.using_config('debug', debug):
                barrier.wait()  # every thread is now inside its own settings
                v = chainlite.Variable(x)
                y = F.dropout(v, 0.5)
                assert (chainlite.config.train, chainlite.config.enable_backprop,
                        chainlite.is_debug()) == (train, backprop, debug)
                assert (F.tanh(v).creator is not None) == backprop
                dropped = bool((y.array == 0).any())
                assert dropped == train, 'dropout %s with train=%s' % (dropped, train)
                barrier.wait()
            assert (chainlite.config.train, chainlite.config.enable_backprop,
                    chainlite.is_debug()) == (True, True, False)

    _run_threads(worker)
    assert chainlite.config.train and chainlite.config.enable_backprop


def test_reporters_are_per_thread():
    def worker(i, barrier):
        reporter = chainlite.Reporter()
        observer = chainlite.Link()
        reporter.add_observer('w%d' % i, observer)
        for r in range(ROUNDS):
            observation = {}
            with reporter.scope(observation):
                barrier.wait()
                chainlite.report({'value': i * 1000 + r}, observer)
                barrier.wait()
            assert observation == {'w%d/value' % i: i * 1000 + r}

    _run_threads(worker)


def test_backward_in_many_threads_gives_each_its_own_gradient():
    """Independent graphs in parallel threads never mix gradients."""
    def worker(i, barrier):
        rng = numpy.random.RandomState(i)
        for _ in range(ROUNDS):
            a = rng.randn(20, 20)
            v = chainlite.Variable(a)
            barrier.wait()
            F.sum(F.tanh(v) * i).backward()
            numpy.testing.assert_allclose(v.grad, i * (1 - numpy.tanh(a) ** 2), rtol=1e-12)

    _run_threads(worker)
