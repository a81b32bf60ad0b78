import copy
import pickle

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import Variable, Parameter


def test_array_attributes():
    a = numpy.arange(6, dtype='f').reshape(2, 3)
    v = Variable(a, name='v')
    assert v.array is a and v.data is a
    assert v.shape == (2, 3) and v.dtype == numpy.float32 and v.ndim == 2 and v.size == 6
    assert len(v) == 2
    assert v.xp is numpy and v.device == chainlite.backend.CpuDevice()
    assert v.name == 'v' and v.label == '(2, 3), float32'
    assert v.requires_grad and v.creator is None and v.rank == 0
    assert Variable(numpy.array([3.5])).item() == 3.5
    assert v.T.shape == (3, 2) and v.reshape(3, 2).shape == (3, 2)
    assert v.reshape((6,)).shape == (6,) and v.transpose().shape == (3, 2)
    assert v.transpose(1, 0).shape == (3, 2)


def test_rejects_non_arrays():
    with pytest.raises(TypeError, match='Variable'):
        Variable([1, 2, 3])


def test_grad_type_checks():
    v = Variable(numpy.zeros(3, 'f'))
    with pytest.raises(ValueError, match='Shape'):
        v.grad = numpy.zeros(2, 'f')
    with pytest.raises(TypeError, match='Dtype'):
        v.grad = numpy.zeros(3, 'd')
    v.grad = numpy.ones(3, 'f')
    assert v.grad_var.array is v.grad


def test_cleargrad_zerograd_addgrad():
    v = Variable(numpy.ones(3))
    v.zerograd()
    assert (v.grad == 0).all()
    w = Variable(numpy.ones(3), grad=numpy.full(3, 2.0))
    v.addgrad(w)
    numpy.testing.assert_array_equal(v.grad, [2, 2, 2])
    v.cleargrad()
    assert v.grad is None


def test_copydata():
    v = Variable(numpy.zeros(2))
    v.copydata(Variable(numpy.array([1.0, 2.0])))
    numpy.testing.assert_array_equal(v.array, [1, 2])


def test_comparison_is_an_error_like_chainer():
    v = Variable(numpy.ones(2))
    with pytest.raises(TypeError):
        v > 0
    with pytest.raises(TypeError):
        v == v


def test_backward_scalar_and_accumulation():
    x = Variable(numpy.array([1.0, 2.0]))
    F.sum(x * x).backward()
    numpy.testing.assert_allclose(x.grad, [2, 4])
    F.sum(x * x).backward()  # gradients of leaves accumulate
    numpy.testing.assert_allclose(x.grad, [4, 8])


def test_backward_nonscalar_needs_grad():
    x = Variable(numpy.ones((2, 2)))
    y = x * 2
    with pytest.raises(TypeError, match=r'shape \(2, 2\)'):
        y.backward()
    y.grad = numpy.ones((2, 2))
    y.backward()
    numpy.testing.assert_allclose(x.grad, numpy.full((2, 2), 2.0))


def test_intermediate_grads_released_unless_retained():
    x = Variable(numpy.array([1.0, 2.0]))
    h = x * 3
    y = F.sum(h * h)
    y.backward()
    assert h.grad is None and y.grad is None
    x.cleargrad()
    h = x * 3
    y = F.sum(h * h)
    y.backward(retain_grad=True)
    numpy.testing.assert_allclose(h.grad, 2 * h.array)


def test_branches_accumulate():
    x = Variable(numpy.array(3.0))
    a = x * 2
    y = a * a + a + x
    y.backward()
    assert float(x.grad) == pytest.approx(8 * 3 + 2 + 1)


def test_loss_scale():
    x = Variable(numpy.array([1.0, 2.0]))
    F.sum(x * 3).backward(loss_scale=8.0)
    numpy.testing.assert_allclose(x.grad, [24, 24])


def test_requires_grad_false():
    x = Variable(numpy.ones(2), requires_grad=False)
    w = Variable(numpy.ones(2))
    F.sum(x * w).backward()
    assert x.grad is None and w.grad is not None


def test_unchain_and_unchain_backward():
    x = Variable(numpy.ones(2))
    h = x * 2
    y = F.sum(h)
    h.unchain()
    assert h.creator is None
    y.backward()
    assert x.grad is None and h.grad is not None
    x2 = Variable(numpy.ones(2))
    y2 = F.sum(x2 * 2 + 1)
    y2.unchain_backward()
    assert y2.creator is None


def test_no_backprop_mode_builds_no_graph():
    x = Variable(numpy.ones(2))
    with chainlite.no_backprop_mode():
        y = x * 2
        with chainlite.force_backprop_mode():
            z = x * 2
    assert y.creator is None and z.creator is not None


def test_retained_input_survives_dropping_variable():
    x = Variable(numpy.array([2.0, 3.0]))
    y = F.sum((x * 1) ** 2)  # the intermediate x*1 is dropped but retained by **
    y.backward()
    numpy.testing.assert_allclose(x.grad, [4, 6])


def test_memory_released_along_a_chain():
    """Intermediate arrays no function retained are freed while the graph is alive."""
    import weakref
    x = Variable(numpy.ones(1000))
    h = x + 1
    ref = weakref.ref(h.array)
    y = h + 1  # Add retains nothing
    del h
    assert ref() is None
    assert y.creator is not None


def test_repr_and_str():
    v = Variable(numpy.array([1.0, 2.0], 'f'))
    assert repr(v).startswith('variable([1., 2.]')
    assert str(v) == 'variable([1. 2.])'
    assert repr(Variable()) == 'variable(None)'
    assert 'shape' in v.debug_print()


def test_copy_and_pickle_keep_data_not_graph():
    x = Variable(numpy.ones(2), name='x')
    y = x * 2
    y2 = copy.deepcopy(y)
    assert y2.creator is None and y2.name is None
    numpy.testing.assert_array_equal(y2.array, y.array)
    x2 = pickle.loads(pickle.dumps(x))
    assert x2.name == 'x'
    numpy.testing.assert_array_equal(x2.array, x.array)


def test_parameter_initialization_and_grad_like_chainer():
    p = Parameter(numpy.ones(2, 'f'))
    assert p.grad is None and p.is_initialized
    q = Parameter(0.5, (3,))
    numpy.testing.assert_array_equal(q.array, numpy.full(3, 0.5, 'f'))
    assert numpy.isnan(q.grad).all()
    r = Parameter(0.5)
    assert not r.is_initialized
    with pytest.raises(RuntimeError):
        r.grad
    r.cleargrad()
    r.initialize((2,))
    assert r.grad is None
    s = Parameter()
    s.zerograd()
    s.initialize((2,))
    numpy.testing.assert_array_equal(s.grad, [0, 0])


def test_parameter_lr_factor_validation():
    p = Parameter(numpy.ones(2, 'f'), name='W')
    assert p.lr_factor == 1.0
    p.lr_factor = 0.1
    assert p.lr_factor == 0.1
    for bad in (-1, float('nan'), 'x', float('inf')):
        with pytest.raises(ValueError, match='W'):
            p.lr_factor = bad
    assert p.lr_factor == 0.1


def test_parameter_update_calls_rule():
    calls = []

    class Rule:
        def update(self, param):
            calls.append(param)

    p = Parameter(numpy.ones(2))
    p.update()
    p.update_rule = Rule()
    p.update()
    assert calls == [p]


def test_parameter_to_device_moves_the_update_rule_state():
    """Moving a parameter moves its optimizer state with it (here: the CPU round trip)."""
    import chainlite.links as L
    from chainlite import optimizers
    link = L.Linear(2, 2)
    opt = optimizers.Adam().setup(link)
    link.cleargrads()
    F.sum(link(numpy.ones((1, 2), 'f'))).backward()
    opt.update()
    state_before = dict(link.W.update_rule.state)
    link.W.to_device('@numpy')
    for key, value in link.W.update_rule.state.items():
        numpy.testing.assert_array_equal(value, state_before[key])
    assert link.W.to_device('@numpy') is None  # Chainer's Variable.to_device returns None
