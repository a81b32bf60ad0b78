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
    relu, other = ReLU(), F.identity  # any object works as the 'function'
    _drive(hook, [('forward', relu), ('backward', relu), ('forward', other)])
    summary = hook.summary()
    assert list(summary) == ['ReLU', 'function']
    assert summary['ReLU']['occurrence'] == 2 and summary['function']['occurrence'] == 1
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
