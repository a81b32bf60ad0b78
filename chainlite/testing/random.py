"""Deterministic random state for tests: ``fix_random`` and ``generate_seed``.

>>> import numpy
>>> @fix_random()
... def draw():
...     return numpy.random.rand()
>>> draw() == draw()
True
"""
import functools
import os
import random as _pyrandom

import numpy

_nest_count = 0


def _seed():
    return int(os.environ.get('CHAINER_TEST_RANDOM_SEED', '0'))


def _run_fixed(func, *args, **kwargs):
    global _nest_count
    np_state, py_state = numpy.random.get_state(), _pyrandom.getstate()
    numpy.random.seed(_seed())
    _pyrandom.seed(_seed())
    _nest_count += 1
    try:
        return func(*args, **kwargs)
    finally:
        _nest_count -= 1
        numpy.random.set_state(np_state)
        _pyrandom.setstate(py_state)


def fix_random(*, setup_method='setUp', teardown_method='tearDown'):
    """Decorator: runs a test function (or every ``test_*`` method of a class, with its
    ``setup_method``) with NumPy's and Python's random generators seeded from
    ``CHAINER_TEST_RANDOM_SEED`` (default 0), restoring their states afterwards.
    ``teardown_method`` is accepted for Chainer compatibility (the state is restored
    after each test either way)."""
    def wrap(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return _run_fixed(func, *args, **kwargs)
        return wrapper

    def decorate(target):
        if not isinstance(target, type):
            return wrap(target)
        setup = getattr(target, setup_method, None)
        for name in list(vars(target)):
            if name.startswith('test'):
                test = getattr(target, name)
                if setup is None:
                    setattr(target, name, wrap(test))
                else:
                    setattr(target, name, wrap(_with_setup(test, setup_method)))
        return target
    return decorate


def _with_setup(test, setup_method):
    # The setup ran before the seed was fixed: run it again under the fixed seed.
    @functools.wraps(test)
    def run(self, *args, **kwargs):
        getattr(self, setup_method)()
        return test(self, *args, **kwargs)
    return run


def generate_seed():
    """A seed drawn from the fixed generator; only inside a ``fix_random`` test."""
    if _nest_count <= 0:
        raise RuntimeError('generate_seed: random is not set up (use it inside a '
                           'fix_random test)')
    return numpy.random.randint(0xffffffff)
