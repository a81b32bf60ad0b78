"""chainlite.function_hooks: TimerHook and PrintHook, driven through Chainer's hook protocol."""
import io

import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import function_hooks as H


class ReLU(chainlite.FunctionNode):
    def forward(self, inputs):
        return numpy.maximum(inputs[0], 0),


def _drive(hook, steps):
    """Calls the hook the way FunctionNode.apply / backprop will."""
    x = numpy.ones((2, 3), numpy.float32)
    for kind, node in steps:
        if kind == 'forward':
            hook.forward_preprocess(node, (x,))
            hook.forward_postprocess(node, (x,))
        else:
            hook.backward_preprocess(node, (x,), (x,))
            hook.backward_postprocess(node, (x,), (x,))


def test_timer_summary_and_report():
    hook = H.TimerHook()
    from chainlite.functions.math.exponential import Exp
    relu, other = ReLU(), Exp()
    _drive(hook, [('forward', relu), ('backward', relu), ('forward', other)])
    summary = hook.summary()
    assert list(summary) == ['ReLU', 'Exp']
    assert summary['ReLU']['occurrence'] == 2 and summary['Exp']['occurrence'] == 1
    assert hook.total_time() == pytest.approx(sum(e['elapsed_time'] for e in summary.values()))
    out = io.StringIO()
    hook.print_report(unit='ms', file=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == 'FunctionName  ElapsedTime  Occurrence'
    assert lines[1].startswith('        ReLU') and lines[1].endswith('ms           2')
    with pytest.raises(KeyError):
        hook.print_report(unit='xx', file=out)


def test_timer_auto_unit():
    from chainlite.function_hooks.timer import choose_unit
    assert [choose_unit(t) for t in (2.0, 5e-3, 7e-4, 1e-8)] == ['sec', 'ms', 'us', 'ns']


def test_print_hook_output():
    out = io.StringIO()
    hook = H.PrintHook(file=out)
    _drive(hook, [('forward', ReLU()), ('backward', ReLU())])
    text = out.getvalue()
    assert text.count('function\tReLU') == 2
    assert text.count('input data') == 2 and text.count('output gradient') == 1
    assert '- shape: (2, 3)' in text and 'mean=1.00000000' in text


def test_hooks_see_forward_and_backward_of_every_function():
    hook = H.TimerHook()
    x = chainlite.Variable(numpy.ones(3))
    with hook:
        y = F.sum(F.relu(x) * 2)
        y.backward()
    names = [name for name, _ in hook.call_history]
    assert names[:3] == ['ReLU', 'MulConstant', 'Sum'] and names.count('ReLU') == 2  # fwd, bwd
    assert H.get_function_hooks() == {}
    out = io.StringIO()
    with H.PrintHook(file=out):
        F.sum(F.relu(chainlite.Variable(numpy.ones(2)))).backward()
    assert out.getvalue().count('function\tReLU') == 2


def test_duplicate_names_are_refused():
    with H.TimerHook():
        with pytest.raises(KeyError, match='TimerHook already exists'):
            with H.TimerHook():
                pass
    assert H.get_function_hooks() == {}


def test_hooks_local_to_one_node_and_their_order():
    # The calls Chainer 7.8.1 makes for exp(x) with two local hooks under a global one,
    # including the steps inside backward (sum's broadcast, exp's multiply).
    log = []

    class Tag(chainlite.FunctionHook):
        def __init__(self, tag):
            self.name = tag

        def added(self, function):
            log.append(('added', self.name, type(function).__name__))

        def deleted(self, function):
            log.append(('deleted', self.name, type(function).__name__))

        def forward_preprocess(self, function, in_data):
            log.append(('fpre', self.name, type(function).__name__))

        def forward_postprocess(self, function, in_data):
            log.append(('fpost', self.name))

        def backward_preprocess(self, function, in_data, out_grad):
            log.append(('bpre', self.name, type(function).__name__))

        def backward_postprocess(self, function, in_data, out_grad):
            log.append(('bpost', self.name))

    from chainlite.functions.math.exponential import Exp
    node = Exp()
    assert node.add_hook(Tag('a')) is None
    node.add_hook(Tag('b'), name='bb')
    assert list(node.local_function_hooks) == ['a', 'bb']
    with Tag('g'):
        y, = node.apply((chainlite.Variable(numpy.ones(2)),))
        F.sum(y).backward()
    assert log == [
        ('added', 'a', 'Exp'), ('added', 'b', 'Exp'), ('added', 'g', 'NoneType'),
        ('fpre', 'g', 'Exp'), ('fpre', 'a', 'Exp'), ('fpre', 'b', 'Exp'),
        ('fpost', 'g'), ('fpost', 'a'), ('fpost', 'b'),
        ('fpre', 'g', 'Sum'), ('fpost', 'g'),
        ('bpre', 'g', 'Sum'), ('fpre', 'g', 'BroadcastTo'), ('fpost', 'g'), ('bpost', 'g'),
        ('bpre', 'g', 'Exp'), ('bpre', 'a', 'Exp'), ('bpre', 'b', 'Exp'),
        ('fpre', 'g', 'Mul'), ('fpost', 'g'),
        ('bpost', 'g'), ('bpost', 'a'), ('bpost', 'b'),
        ('deleted', 'g', 'NoneType')]
    with pytest.raises(KeyError, match='Hook a already exists'):
        node.add_hook(Tag('a'))
    with pytest.raises(KeyError, match='Hook zz does not exist'):
        node.delete_hook('zz')
    with pytest.raises(TypeError, match='Hook must be of type FunctionHook'):
        node.add_hook(object())
    del log[:]
    node.delete_hook('a')
    assert log == [('deleted', 'a', 'Exp')] and list(node.local_function_hooks) == ['bb']
    assert Exp().local_function_hooks == {}


def test_old_style_function_hooks_stay_across_calls():
    class Double(chainlite.Function):
        def forward(self, inputs):
            return inputs[0] * 2,

        def backward(self, inputs, grad_outputs):
            return grad_outputs[0] * 2,

    f = Double()
    timer = H.TimerHook()
    f.add_hook(timer)
    assert list(f.local_function_hooks) == ['TimerHook']
    x = chainlite.Variable(numpy.ones(2))
    y1, y2 = f(x), f(x)
    F.sum(y1 + y2).backward()
    numpy.testing.assert_array_equal(x.grad, [4.0, 4.0])  # both graphs intact
    # (named after the Function, not its adapter, as Chainer's TimerHook does)
    assert [name for name, _ in timer.call_history] == ['Double'] * 4  # 2 forward, 2 backward
    f.delete_hook('TimerHook')
    assert f.local_function_hooks == {}
