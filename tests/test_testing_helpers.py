"""chainlite.testing's Chainer-compatible helpers (parameterize, condition, attr, ...)."""
import sys
import unittest
import warnings

import numpy
import pytest

import chainlite
from chainlite import testing
from chainlite.testing import condition


def test_product_orders_like_chainer():
    assert testing.product({'b': ['x', 'y'], 'a': [1, 2]}) == [
        {'a': 1, 'b': 'x'}, {'a': 1, 'b': 'y'}, {'a': 2, 'b': 'x'}, {'a': 2, 'b': 'y'}]
    assert testing.product([[{'a': 1}, {'a': 2}], [{'b': 3}]]) == [
        {'a': 1, 'b': 3}, {'a': 2, 'b': 3}]
    with pytest.raises(TypeError, match='product'):
        testing.product(3)


@testing.parameterize(*testing.product({'n': [1, 2], 'dtype': [numpy.float32]}))
class TestParameterizedUnittest(unittest.TestCase):
    def test_attributes(self):
        assert self.n in (1, 2) and self.dtype is numpy.float32


def test_parameterize_generates_named_classes():
    module = sys.modules[__name__]
    names = sorted(n for n in vars(module) if n.startswith('TestParameterizedUnittest_'))
    # Chainer's names: a class or function by its __name__
    assert names == ['TestParameterizedUnittest_param_0_{dtype=float32, n=1}',
                     'TestParameterizedUnittest_param_1_{dtype=float32, n=2}']
    assert not isinstance(TestParameterizedUnittest, type)  # not collected itself
    assert [c.n for c in TestParameterizedUnittest.cases] == [1, 2]


def _counter(results):
    calls = []

    def test():
        calls.append(1)
        assert results[len(calls) - 1]
    return test, calls


def test_retry_passes_on_a_later_success_and_stops():
    test, calls = _counter([False, True, False])
    condition.retry(3)(test)()
    assert len(calls) == 2


def test_repeat_needs_every_run_to_pass():
    test, calls = _counter([True, False, True])
    with pytest.raises(AssertionError, match='1 of 3 runs passed, 3 needed'):
        condition.repeat(3)(test)()
    test, calls = _counter([True, False, True, True])
    condition.repeat_with_success_at_least(4, 3)(test)()
    assert len(calls) == 4


def test_attr_marks():
    assert testing.attr.gpu.name == 'gpu' and testing.attr.slow.name == 'slow'
    assert testing.attr.multi_gpu(2).name == 'gpu'
    assert testing.attr.chainerx.name == 'skip'


def test_fix_random_and_generate_seed():
    @testing.fix_random()
    def draw():
        return numpy.random.rand(), testing.generate_seed()

    before = numpy.random.get_state()[1].copy()
    assert draw() == draw()
    numpy.testing.assert_array_equal(numpy.random.get_state()[1], before)
    with pytest.raises(RuntimeError, match='random is not set up'):
        testing.generate_seed()


@testing.fix_random()
class TestFixRandomClass(unittest.TestCase):
    def setUp(self):
        self.x = numpy.random.rand()

    def test_same_draw_every_time(self):
        numpy.random.seed(0)
        assert self.x == numpy.random.rand()


def test_assert_warns():
    with testing.assert_warns(UserWarning):
        warnings.warn('x')
    with pytest.raises(AssertionError, match='UserWarning not triggered'):
        with testing.assert_warns(UserWarning):
            pass


def test_with_requires():
    assert testing.with_requires('numpy>=1.0')(lambda: 1)() == 1
    with pytest.raises(unittest.SkipTest, match='requires: numpy<1.0'):
        testing.with_requires('numpy<1.0')(lambda: 1)()
    with pytest.raises(unittest.SkipTest):
        testing.with_requires('surely-not-installed-pkg')(lambda: 1)()
    with pytest.raises(unittest.SkipTest):
        testing.without_requires('numpy')(lambda: 1)()


def test_generate_matrix():
    s = numpy.array([3.0, 2.0, 0.5])
    m = testing.generate_matrix((2, 3, 4), dtype=numpy.float32, singular_values=s)
    assert m.shape == (2, 3, 4) and m.dtype == numpy.float32
    numpy.testing.assert_allclose(numpy.linalg.svd(m, compute_uv=False), [s, s], rtol=1e-5)
    with pytest.raises(TypeError, match='singular_values is not given'):
        testing.generate_matrix((3, 3))
    with pytest.raises(ValueError, match='negative'):
        testing.generate_matrix((3, 3), singular_values=-1.0)
    with pytest.raises(TypeError, match='int32'):
        testing.generate_matrix((3, 3), dtype=numpy.int32, singular_values=1.0)


def test_save_and_load_npz():
    src, dst = chainlite.links.Linear(3, 2), chainlite.links.Linear(3, 2)
    testing.save_and_load_npz(src, dst)
    numpy.testing.assert_array_equal(src.W.array, dst.W.array)


def test_mock_trainer_counts_epochs():
    seen = []
    trainer = testing.get_trainer_with_mock_updater((5, 'iteration'), iter_per_epoch=2)
    trainer.extend(lambda t: seen.append(t.updater.epoch), trigger=(1, 'epoch'))
    trainer.run()
    assert trainer.updater.iteration == 5 and seen == [1, 2]


def test_detect_nondifferentiable():
    import chainlite.functions as F
    from chainlite import gradient_check
    kink = numpy.array([0.0, 1e-5, 1.0])
    with pytest.raises(gradient_check.NondifferentiableError, match='non-differentiable'):
        gradient_check.check_backward(F.absolute, kink, numpy.ones(3), dtype=numpy.float64,
                                      detect_nondifferentiable=True)
    with pytest.raises(gradient_check.NondifferentiableError):  # exactly at the kink
        gradient_check.check_backward(F.absolute, numpy.zeros(3), numpy.ones(3),
                                      dtype=numpy.float64, detect_nondifferentiable=True)
    smooth = numpy.random.RandomState(0).uniform(-1, 1, (3, 4))
    for f in (F.tanh, lambda x: x * x * x, F.exp):  # smooth: the check runs and passes
        gradient_check.check_backward(f, smooth, numpy.ones((3, 4)), dtype=numpy.float64,
                                      detect_nondifferentiable=True)
    gradient_check.check_backward(F.tanh, smooth.astype(numpy.float32),  # float32 noise
                                  numpy.ones((3, 4), numpy.float32), eps=1e-2, atol=1e-3,
                                  rtol=1e-2, detect_nondifferentiable=True)
    # off by default: abs at the kink is checked against its chosen gradient (0)
    gradient_check.check_backward(F.absolute, numpy.zeros(3), numpy.ones(3),
                                  dtype=numpy.float64)
    assert gradient_check.assert_allclose is chainlite.testing.assert_allclose


def test_numerical_grad_detects_kinks_per_element():
    from chainlite import gradient_check
    x = numpy.array([0.0, 1.0])
    one = (numpy.ones(2),)
    g, = gradient_check.numerical_grad(lambda: (numpy.abs(x) * 3,), (x,), one)
    numpy.testing.assert_allclose(g, [0.0, 3.0])  # the central difference at the kink is 0
    with pytest.raises(gradient_check.NondifferentiableError):
        gradient_check.numerical_grad(lambda: (numpy.abs(x),), (x,), one,
                                      detect_nondifferentiable=True)
    x[0] = 0.5  # away from the kink (and x is restored after every step)
    g, = gradient_check.numerical_grad(lambda: (numpy.abs(x) * x,), (x,), one,
                                       detect_nondifferentiable=True,
                                       center_outputs=(numpy.abs(x) * x,))
    numpy.testing.assert_allclose(g, [1.0, 2.0], rtol=1e-6)
    numpy.testing.assert_array_equal(x, [0.5, 1.0])
