"""Function, FunctionNode, type_check, function hooks, gradient_check, testing and
computational_graph against Chainer 7.8.1 where a differential probe found them apart
(goldens: tools/goldens/parity_userfunc_probe.py)."""
import numpy
import pytest

import chainlite
from chainlite import computational_graph, gradient_check
from chainlite.utils import type_check
import golden_scripts

G = golden_scripts.script('parity_userfunc_probe')
DATA = golden_scripts.data('parity_userfunc_probe')


@pytest.mark.parametrize('name', sorted(G.CASES))
def test_case_matches_chainer(name):
    assert G.CASES[name](chainlite) == str(DATA[name])


def test_gradient_errors_name_the_function_input_and_values():
    x = chainlite.Variable(numpy.ones(2))
    y = G._old(chainlite, backward=lambda self, inputs, gys: (numpy.ones(3),))()(x)
    with pytest.raises(ValueError, match=r'Old.backward .* shape \(3,\) for input 0 of shape '
                                         r'\(2,\)'):
        chainlite.functions.sum(y).backward()


def test_old_style_gradients_without_double_backprop_stay_plain():
    square = G._old(chainlite, forward=lambda self, inputs: (inputs[0] ** 2,),
                    backward=lambda self, inputs, gys: (2 * inputs[0] * gys[0],))
    x = chainlite.Variable(numpy.array([1.0, 2.0]))
    gx, = chainlite.grad([chainlite.functions.sum(square()(x))], [x])
    assert gx.creator is None and gx.array.tolist() == [2.0, 4.0]


class _BothConditions(chainlite.FunctionNode):
    def check_type_forward(self, in_types):
        # ``a and b`` hands expect the condition that failed, with its message.
        type_check.expect(in_types[0].ndim == 1 and in_types[0].shape[0] == 2)

    def forward(self, inputs):
        return inputs[0],


def test_expression_bool_follows_its_value_inside_check_type_forward_only():
    _BothConditions().apply((numpy.zeros(2),))
    with pytest.raises(type_check.InvalidType, match=r'in_types\[0\].ndim == 1\n'):
        _BothConditions().apply((numpy.zeros((2, 2)),))
    with pytest.raises(type_check.InvalidType, match=r'in_types\[0\].shape\[0\] == 2\n'):
        _BothConditions().apply((numpy.zeros(3),))
    t = type_check.get_types((numpy.zeros((2, 3)),), 'in_types', False)
    with pytest.raises(RuntimeError, match='outside check_type_forward'):
        bool(t[0].ndim == 2)


def test_numerical_grad_refuses_non_positive_eps():
    x = numpy.ones(2)
    with pytest.raises(ValueError, match='eps must be positive, got -1'):
        gradient_check.numerical_grad(lambda: (x * 3,), (x,), (numpy.ones(2),), eps=-1)


def test_graph_without_variables_lists_each_function_edge_once():
    a = chainlite.Variable(numpy.ones(2, numpy.float32))
    b = a * 2
    g = computational_graph.build_computational_graph([b * b], remove_variable=True)
    assert sorted((h.label, t.label) for h, t in g.edges) == [('_ * 2', '_ * _')]
