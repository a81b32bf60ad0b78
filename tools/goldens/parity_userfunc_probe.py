"""Observations of Chainer 7.8.1 where a differential probe of the APIs user code builds
on (Function, FunctionNode, type_check, function hooks, gradient_check, testing,
computational_graph) found chainlite apart (tests/test_parity_userfunc_probe.py).

Runs in the reference environment: python parity_userfunc_probe.py OUT.npz
The tests import CASES and run each with chainlite in place of chainer.

Keys: one per case of CASES, the text the case returned (an exception's class name
where the case is about the error).
"""
import importlib
import re
import sys

import numpy


def _mod(chainer, name):
    """The submodule ``name`` of ``chainer`` (or of chainlite, standing in for it)."""
    return importlib.import_module('%s.%s' % (chainer.__name__, name))


def _error(f):
    """The class name of what ``f()`` raises ('' if nothing)."""
    try:
        f()
    except Exception as e:
        return type(e).__name__
    return ''


def expression_texts(chainer):
    """``expect`` / ``actual`` of failed conditions: operands in parentheses where needed."""
    type_check = _mod(chainer, 'utils.type_check')
    n = type_check.Variable(3, 'n')
    s = type_check.Variable((2, 3), 's')
    texts = []
    for cond in [(n + 1) * 2 == 5, n + 1 * 2 == 1, n - (1 - 2) == 0, -(n + 1) == 0,
                 n // (2 + n) == 9, (2 - n) * n == 0, n - (n - 1) == 0, s[0] + s[1] == 1,
                 s[1:] == (1,), n % 2 == 0, 2 - n == 0, n * 2 + 1 == 0, n >= 4, 3 == n + 1]:
        try:
            type_check.expect(cond)
        except type_check.InvalidType as e:
            texts.append('%s | %s' % (e.expect, e.actual))
    return '\n'.join(texts)


def invalid_type_text(chainer):
    """str(InvalidType) outside any function: no leading newline."""
    return str(_mod(chainer, 'utils.type_check').InvalidType('x == 1', '2 != 1'))


def check_branches_on_values(chainer):
    """``if in_types[0].ndim == 2:`` and ``dtype in (...)`` inside check_type_forward."""
    type_check = _mod(chainer, 'utils.type_check')
    seen = []

    class Branchy(chainer.FunctionNode):
        def check_type_forward(self, in_types):
            x_type, = in_types
            type_check.expect(x_type.dtype.kind == 'f')
            seen.append('2d' if x_type.ndim == 2 else 'other')
            seen.append(str(x_type.dtype in (numpy.float32, numpy.float64)))

        def forward(self, inputs):
            return inputs[0] * 2,

    y, = Branchy().apply((numpy.ones((2, 3), numpy.float32),))
    Branchy().apply((numpy.ones(3),))
    return ' '.join(seen + [str(y.shape)])


class _Twice(object):
    """An old-style Function (made a subclass of chainer.Function by ``_old``)."""

    def forward(self, inputs):
        return inputs[0] * 2,

    def backward(self, inputs, grad_outputs):
        return grad_outputs[0] * 2,


def _old(chainer, base=_Twice, **methods):
    return type('Old', (base, chainer.Function), methods)


def function_before_call(chainer):
    f = _old(chainer)()
    return '%s %s %s' % (f.inputs, f.outputs, f.rank)


def forward_returns_list(chainer):
    f = _old(chainer, forward=lambda self, inputs: [inputs[0] * 2])()
    return _error(lambda: f(numpy.ones(2)))


def forward_returns_array(chainer):
    f = _old(chainer, forward=lambda self, inputs: inputs[0] * 2)()
    return _error(lambda: f(numpy.ones(2)))


def backward_extra_gradients(chainer):
    """Gradients past the number of inputs are ignored."""
    extra = _old(chainer, backward=lambda self, inputs, gys: (gys[0] * 2, numpy.ones(5)))
    x = chainer.Variable(numpy.ones(2))
    chainer.functions.sum(extra()(x)).backward()
    return str(x.grad.tolist())


def _bad_gradient(chainer, new_style, gx):
    x = chainer.Variable(numpy.ones(2))
    if new_style:
        node = type('Bad', (chainer.FunctionNode,), {
            'forward': lambda self, inputs: (inputs[0] * 2,),
            'backward': lambda self, indexes, gys: (chainer.Variable(gx),)})
        y, = node().apply((x,))
    else:
        y = _old(chainer, backward=lambda self, inputs, gys: (gx,))()(x)
    return _error(lambda: chainer.functions.sum(y).backward())


def gradient_shape_old(chainer):
    return _bad_gradient(chainer, False, numpy.ones(3))


def gradient_dtype_old(chainer):
    return _bad_gradient(chainer, False, numpy.ones(2, numpy.float32))


def gradient_shape_node(chainer):
    return _bad_gradient(chainer, True, numpy.ones(3))


def gradient_dtype_node(chainer):
    return _bad_gradient(chainer, True, numpy.ones(2, numpy.float32))


def old_style_double_backprop(chainer):
    """Backpropagating through a gradient an old-style Function computed."""
    square = _old(chainer, forward=lambda self, inputs: (inputs[0] ** 2,),
                  backward=lambda self, inputs, gys: (2 * inputs[0] * gys[0],))
    x = chainer.Variable(numpy.array([1.0, 2.0]))
    gx, = chainer.grad([chainer.functions.sum(square()(x))], [x], enable_double_backprop=True)
    first = str(gx.array.tolist())
    try:
        chainer.functions.sum(gx).backward()
    except Exception as e:
        return '%s %s: %s' % (first, type(e).__name__, e)
    return first


def print_hook_backward(chainer):
    """PrintHook text of a backward step, one output gradient of which is None."""
    import io
    x = chainer.Variable(numpy.arange(4, dtype=numpy.float32).reshape(2, 2))
    a, _ = chainer.functions.split_axis(x, 2, 0)
    out = io.StringIO()
    with _mod(chainer, 'function_hooks').PrintHook(file=out):
        chainer.functions.sum(a).backward()
    return re.sub('0x[0-9a-f]+', 'ID', out.getvalue())


def _graph_of_double(chainer):
    a = chainer.Variable(numpy.ones(2, numpy.float32))
    b = a * 2
    return b + b


def graph_edges(chainer):
    """The edges of ``b + b`` (one edge per distinct pair), by label."""
    cg = _mod(chainer, 'computational_graph')
    g = cg.build_computational_graph([_graph_of_double(chainer)])
    return '\n'.join(sorted('%s -> %s' % (h.label, t.label) for h, t in g.edges))


def graph_keeping_split(chainer):
    cg = _mod(chainer, 'computational_graph')
    return _error(lambda: cg.build_computational_graph([_graph_of_double(chainer)],
                                                       remove_split=False))


def graph_default_styles(chainer):
    """ComputationalGraph(nodes, edges).dump(): the default styles."""
    cg = _mod(chainer, 'computational_graph')
    g = cg.build_computational_graph([_graph_of_double(chainer)])
    text = cg.ComputationalGraph(g.nodes, g.edges).dump()
    return '\n'.join(sorted(set(re.findall(r'\[(.*?)\]', text))))


def numerical_grad_result(chainer):
    """Type of the result and dtype of each gradient."""
    x = numpy.array([1.5, -0.5], numpy.float32)
    g = _mod(chainer, 'gradient_check').numerical_grad(
        lambda: (x * x * x,), (x,), (numpy.ones(2, numpy.float32),))
    return '%s %s %s' % (type(g).__name__, g[0].dtype, numpy.round(g[0], 2).tolist())


def check_backward_of_variable(chainer):
    gc = _mod(chainer, 'gradient_check')
    return _error(lambda: gc.check_backward(
        chainer.functions.sin, chainer.Variable(numpy.ones(2)), numpy.ones(2)))


def allclose_details(chainer):
    """The report testing.assert_allclose appends to NumPy's message (NumPy's own part
    differs between NumPy versions)."""
    testing = _mod(chainer, 'testing')
    x = numpy.arange(6.0).reshape(2, 3)
    texts = []
    for a, b, kw in [(numpy.ones(3, numpy.float32), numpy.array([1, 1.5, 1], numpy.float32), {}),
                     (x, x * 1.1, {'atol': 0.1, 'rtol': 0.01}),
                     (numpy.array([1.0, numpy.nan]), numpy.array([1.0, 2.0]), {}),
                     (numpy.ones(3), numpy.ones(4), {}), (numpy.float64(1.0), 2.0, {}),
                     (numpy.ones((2, 3)), 2.0, {})]:
        try:
            testing.assert_allclose(a, b, **kw)
        except AssertionError as e:
            text = str(e)
            texts.append(text[text.index('assert_allclose failed'):])
    return '\n'.join(texts)


CASES = {f.__name__: f for f in [
    expression_texts, invalid_type_text, check_branches_on_values, function_before_call,
    forward_returns_list, forward_returns_array, backward_extra_gradients,
    gradient_shape_old, gradient_dtype_old, gradient_shape_node, gradient_dtype_node,
    old_style_double_backprop, print_hook_backward, graph_edges,
    graph_keeping_split, graph_default_styles, numerical_grad_result,
    check_backward_of_variable, allclose_details]}


def main(out):
    import chainer
    numpy.savez_compressed(out, **{name: numpy.array(f(chainer)) for name, f in CASES.items()})


if __name__ == '__main__':
    main(sys.argv[1])
