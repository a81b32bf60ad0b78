"""FunctionNode, old-style Function, grad(), type_check and debug mode."""
import threading

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import FunctionNode, Variable, gradient_check
from chainlite.utils import type_check


class Square(FunctionNode):
    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x',))
        type_check.expect(in_types[0].dtype.kind == 'f', in_types[0].ndim >= 1)

    def forward(self, inputs):
        self.retain_inputs((0,))
        return inputs[0] ** 2,

    def backward(self, indexes, grad_outputs):
        x, = self.get_retained_inputs()
        return 2 * x * grad_outputs[0],


class SplitHalves(FunctionNode):
    """Two outputs, to test None gradients of unused outputs."""

    def forward(self, inputs):
        x, = inputs
        n = len(x) // 2
        return x[:n].copy(), x[n:].copy()

    def backward(self, indexes, grad_outputs):
        xp = numpy
        n = self.inputs[0].shape[0] // 2
        parts = []
        for g, size in zip(grad_outputs, (n, self.inputs[0].shape[0] - n)):
            parts.append(g.array if g is not None else xp.zeros(size))
        return Variable(xp.concatenate(parts)),


def test_function_node_retain_and_double_backward(rng):
    x = rng.normal(size=(3,))
    gradient_check.check_backward(lambda v: Square().apply((v,))[0], x, rng.normal(size=3))
    gradient_check.check_double_backward(lambda v: Square().apply((v,))[0], x,
                                         rng.normal(size=3), rng.normal(size=3))


def test_type_check_message_names_function_and_values():
    with pytest.raises(type_check.InvalidType) as e:
        Square().apply((numpy.array(1.0),))
    msg = str(e.value)
    assert 'Square' in msg and 'x.ndim >= 1' in msg and '0 < 1' in msg
    with pytest.raises(type_check.InvalidType, match="x.dtype.kind == 'f'"):
        Square().apply((numpy.array([1, 2]),))


def test_type_check_memo_by_input_signature():
    calls = []

    class Checked(FunctionNode):
        _type_check_inputs_only = True

        def check_type_forward(self, in_types):
            calls.append(1)
            type_check.expect(in_types[0].dtype.kind == 'f')

        def forward(self, inputs):
            return inputs[0] * 1,

    class Subclass(Checked):  # its own check, not declared inputs-only: never memoized
        def check_type_forward(self, in_types):
            calls.append(2)
            type_check.expect(in_types[0].ndim == 1)

    x = numpy.ones(3)
    for _ in range(3):
        Checked().apply((x,))
    assert calls == [1]  # checked once for this signature
    Checked().apply((numpy.ones((2, 2)),))
    assert calls == [1, 1]  # a new shape is checked again
    for _ in range(2):  # a failing signature is never remembered
        with pytest.raises(type_check.InvalidType):
            Checked().apply((numpy.ones(3, numpy.int32),))
    assert calls == [1, 1, 1, 1]
    del calls[:]
    Subclass().apply((x,))
    Subclass().apply((x,))
    assert calls == [2, 2]
    with pytest.raises(type_check.InvalidType):
        Subclass().apply((numpy.ones((2, 2)),))


def test_type_check_expressions():
    t = type_check.get_types((numpy.zeros((2, 3), 'f'), numpy.zeros((3,), 'i')), 'in_types', False)
    type_check.expect(t[0].shape[1] == t[1].shape[0], t.size() == 2,
                      t[0].dtype == numpy.float32, t[0].shape[0] * 3 > 5)
    with pytest.raises(type_check.InvalidType, match=r'in_types\[1\].dtype == float32'):
        type_check.expect(t[1].dtype == numpy.float32)
    assert type_check.eval(t[0].ndim + 1) == 3
    with pytest.raises(RuntimeError):
        bool(t[0].ndim == 2)


def test_unused_output_gets_none_grad():
    x = Variable(numpy.arange(4.0))
    a, b = SplitHalves().apply((x,))
    F.sum(a * 3).backward()
    numpy.testing.assert_array_equal(x.grad, [3, 3, 0, 0])


def test_forward_must_return_tuple():
    class Bad(FunctionNode):
        def forward(self, inputs):
            return inputs[0]
    with pytest.raises(TypeError, match='Bad.forward must return a tuple'):
        Bad().apply((numpy.ones(2),))


def test_scalar_input_rejected_with_function_name():
    with pytest.raises(TypeError, match='Square'):
        Square().apply((1.0,))


def test_backward_wrong_number_of_grads():
    class Bad(FunctionNode):
        def forward(self, inputs):
            return inputs[0] + inputs[1],

        def backward(self, indexes, grad_outputs):
            return grad_outputs[0], grad_outputs[0], grad_outputs[0]
    x, y = Variable(numpy.ones(1)), Variable(numpy.ones(1))
    z = Bad().apply((x, y))[0]
    with pytest.raises(ValueError, match='Bad.backward returned 3'):
        F.sum(z).backward()


def test_old_style_function():
    class Cube(chainlite.Function):
        def forward(self, inputs):
            return inputs[0] ** 3,

        def backward(self, inputs, grad_outputs):
            return 3 * inputs[0] ** 2 * grad_outputs[0],

    x = Variable(numpy.array([1.0, 2.0]))
    y = Cube()(x)
    assert isinstance(y, Variable) and y.creator.label == 'Cube'
    F.sum(y).backward()
    numpy.testing.assert_allclose(x.grad, [3, 12])
    gradient_check.check_backward(lambda v: Cube()(v), numpy.array([0.5, -1.5]), numpy.ones(2))


def test_old_style_function_gets_none_for_unused_output_grads():
    # As Chainer 7: an output that received no gradient is passed as None, not zeros.
    class Two(chainlite.Function):
        def forward(self, inputs):
            return inputs[0] * 2, inputs[0] * 3

        def backward(self, inputs, grad_outputs):
            ga, gb = grad_outputs
            assert gb is None
            return ga * 2,

    x = Variable(numpy.ones(2))
    a, b = Two()(x)
    F.sum(a).backward()
    numpy.testing.assert_array_equal(x.grad, [2, 2])


def test_grad_leaves_grads_untouched_and_sets_when_asked():
    x = Variable(numpy.array([1.0, 2.0]))
    w = Variable(numpy.array([3.0, 4.0]))
    y = F.sum(x * w)
    gx, gw = chainlite.grad([y], [x, w])
    numpy.testing.assert_array_equal(gx.array, w.array)
    assert x.grad is None and w.grad is None
    chainlite.grad([F.sum(x * w)], [x], set_grad=True)
    numpy.testing.assert_array_equal(x.grad, w.array)


def test_grad_through_intermediate_input():
    x = Variable(numpy.array(2.0))
    h = x * 3
    y = h * x  # 3 x^2
    gh, gx = chainlite.grad([y], [h, x])
    assert float(gh.array) == 2.0 and float(gx.array) == 12.0


def test_grad_with_grad_outputs_and_inputs():
    x = Variable(numpy.array([1.0, 2.0]))
    y = x * 2
    gx, = chainlite.grad([y], [x], grad_outputs=[numpy.array([1.0, 10.0])],
                         grad_inputs=[numpy.array([0.5, 0.5])])
    numpy.testing.assert_array_equal(gx.array, [2.5, 20.5])
    with pytest.raises(ValueError, match='grad_outputs'):
        chainlite.grad([y], [x], grad_outputs=[])
    with pytest.raises(TypeError, match='Variable'):
        chainlite.grad([y], [numpy.ones(2)])


def test_third_order_derivative():
    x = Variable(numpy.array(1.5))
    y = x ** 4
    g1, = chainlite.grad([y], [x], enable_double_backprop=True)
    g2, = chainlite.grad([g1], [x], enable_double_backprop=True)
    g3, = chainlite.grad([g2], [x])
    assert float(g3.array) == pytest.approx(24 * 1.5)


def test_debug_mode_names_function_producing_nan():
    x = Variable(numpy.array([-1.0, 4.0]))
    chainlite.set_debug(True)
    try:
        assert chainlite.is_debug()
        with pytest.raises(RuntimeError, match=r'NaN.*forward.*_ \*\* 0.5'):
            x ** 0.5
    finally:
        chainlite.set_debug(False)
    assert not chainlite.is_debug()
    y = x ** 0.5  # outside debug mode NaN passes silently, as in Chainer
    assert numpy.isnan(y.array[0])


def test_debug_mode_checks_backward():
    class BadGrad(FunctionNode):
        def forward(self, inputs):
            return inputs[0] * 1,

        def backward(self, indexes, grad_outputs):
            return Variable(numpy.full(2, numpy.nan)),
    x = Variable(numpy.ones(2))
    with chainlite.using_config('debug', True):
        y = F.sum(BadGrad().apply((x,))[0])
        with pytest.raises(RuntimeError, match='backward of BadGrad'):
            y.backward()


def test_config_is_thread_local():
    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def worker():
        with chainlite.using_config('train', False):
            seen['worker'] = chainlite.config.train
            inside.set()
            release.wait(5)

    t = threading.Thread(target=worker)
    t.start()
    inside.wait(5)
    seen['main'] = chainlite.config.train
    release.set()
    t.join()
    assert seen == {'worker': False, 'main': True}


def test_using_config_restores_on_error():
    with pytest.raises(KeyError):
        with chainlite.using_config('train', False):
            raise KeyError()
    assert chainlite.config.train is True
    with chainlite.using_config('custom_flag', 3):
        assert chainlite.config.custom_flag == 3
    assert not hasattr(chainlite.config, 'custom_flag')


def test_get_dtype():
    assert chainlite.get_dtype() == numpy.float32
    with chainlite.using_config('dtype', numpy.float16):
        assert chainlite.get_dtype() == numpy.float16


def test_module_level_backward_with_several_outputs():
    x = Variable(numpy.array([1.0, 2.0]))
    a, b = F.sum(x * 2), F.sum(x * x)
    chainlite.backward([a, b])
    numpy.testing.assert_array_equal(x.grad, [4, 6])
    with pytest.raises(TypeError, match='unexpected'):
        chainlite.backward([a], retain=True)


def test_array_type_helpers():
    assert numpy.ndarray in chainlite.get_array_types()
    assert chainlite.is_arrays_compatible([numpy.ones(1), None, numpy.zeros(2)])
    with chainlite.using_device('@numpy'):
        pass


def test_type_check_prod_is_lazy_and_exprs_do_not_iterate():
    t = type_check.get_types((numpy.zeros((2, 3, 4)),), 'in_types', False)
    type_check.argname(t, ('x',))
    type_check.expect(type_check.prod(t[0].shape[1:]) == 12)
    with pytest.raises(type_check.InvalidType, match=r'prod\(x.shape\[1:\]\) == 5'):
        type_check.expect(type_check.prod(t[0].shape[1:]) == 5)
    with pytest.raises(TypeError, match='iterated'):
        list(t[0].shape)
