"""chainlite.link_hooks: WeightStandardization (against Chainer 7.8.1, goldens in
tests/data/link_hooks_ws.npz from tools/goldens/link_hooks_ws.py) and TimerHook."""
import io
import os

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import gradient_check
from chainlite.link_hooks import TimerHook, WeightStandardization

GOLDEN = numpy.load(os.path.join(os.path.dirname(__file__), 'data', 'link_hooks_ws.npz'))

CASES = {
    'Linear': (lambda: L.Linear(3, 4), {}),
    'Linear_eps': (lambda: L.Linear(3, 4), {'eps': 0.5}),
    'Linear_lazy': (lambda: L.Linear(None, 3), {}),
    'Convolution2D': (lambda: L.Convolution2D(3, 4, 3, stride=2, pad=1), {}),
    'Convolution2D_lazy': (lambda: L.Convolution2D(None, 2, 2), {}),
    'Deconvolution2D': (lambda: L.Deconvolution2D(3, 2, 3, stride=2, pad=1), {}),
}


class Seen(chainlite.LinkHook):
    """Records the weight that the forward uses (attached after the standardization)."""
    name = 'Seen'

    def forward_preprocess(self, args):
        self.W = args.link.W.array.copy()
        self.is_param = isinstance(args.link.W, chainlite.Parameter)


@pytest.mark.parametrize('name', sorted(CASES))
def test_weight_standardization_matches_chainer(name):
    make, options = CASES[name]
    numpy.random.seed(0)
    link = make()
    param = link.W
    if param.array is not None:
        param.array[...] = GOLDEN[name + '/W']
    link.b.array[...] = GOLDEN[name + '/b']
    seen = Seen()
    link.add_hook(WeightStandardization(**options)).add_hook(seen)
    x = chainlite.Variable(GOLDEN[name + '/x0'].copy())
    numpy.random.seed(3)
    y = link(x)
    assert link.W is param                                 # restored after the forward
    numpy.testing.assert_array_equal(link.W.array, GOLDEN[name + '/W'])  # untouched
    assert not seen.is_param                               # a Variable was used instead
    numpy.testing.assert_allclose(seen.W, GOLDEN[name + '/Wstd'], rtol=1e-5, atol=1e-6)
    numpy.testing.assert_allclose(y.array, GOLDEN[name + '/y'], rtol=1e-5, atol=1e-5)
    gy = numpy.random.RandomState(5).standard_normal(y.shape).astype(numpy.float32)
    link.cleargrads()
    F.sum(y * gy).backward()
    numpy.testing.assert_allclose(x.grad, GOLDEN[name + '/gx0'], rtol=1e-4, atol=1e-5)
    numpy.testing.assert_allclose(link.W.grad, GOLDEN[name + '/gW'], rtol=1e-4, atol=1e-4)
    numpy.testing.assert_allclose(link.b.grad, GOLDEN[name + '/gb'], rtol=1e-5, atol=1e-5)


def test_standardized_weight_formula_and_deconvolution_axis():
    W = numpy.arange(24, dtype=numpy.float64).reshape(2, 3, 2, 2) ** 1.5
    link = L.Deconvolution2D(2, 3, 2, initialW=W, nobias=True)
    seen = Seen()
    link.add_hook(WeightStandardization(eps=0.25)).add_hook(seen)
    link(numpy.ones((1, 2, 3, 3), numpy.float32))
    rows = W.reshape(2, -1)           # axis 0 (the input channels of a deconvolution)
    expected = (rows - rows.mean(1, keepdims=True)) / numpy.sqrt(rows.var(1, keepdims=True)
                                                                 + 0.25)
    numpy.testing.assert_allclose(seen.W, expected.reshape(W.shape), rtol=1e-5, atol=1e-6)


def test_check_backward_through_the_hooked_link():
    rs = numpy.random.RandomState(7)
    link = L.Convolution2D(2, 3, 2, initialW=rs.standard_normal((3, 2, 2, 2)),
                           initial_bias=rs.standard_normal(3))
    link.add_hook(WeightStandardization(eps=0.1))

    def f(x):
        return link(x) ** 2

    x = rs.standard_normal((2, 2, 3, 3))
    gy = rs.standard_normal((2, 3, 2, 2))
    gradient_check.check_backward(f, x, gy, params=(link.W, link.b), eps=1e-4, atol=1e-6,
                                  rtol=1e-5, dtype=numpy.float64)


def test_check_backward_linear_weight_as_input():
    rs = numpy.random.RandomState(8)
    x = rs.standard_normal((4, 3))

    def f(W):
        link = L.Linear(3, 2, nobias=True)
        link.W = W  # an input Variable standing in for the Parameter
        link.add_hook(WeightStandardization())
        return link(x)

    gradient_check.check_backward(f, rs.standard_normal((2, 3)), rs.standard_normal((4, 2)),
                                  eps=1e-4, atol=1e-6, rtol=1e-5, dtype=numpy.float64)


def test_weight_standardization_attributes_and_errors():
    hook = WeightStandardization()
    assert hook.name == 'WeightStandardization'
    assert vars(hook) == {'eps': 1e-05, 'weight_name': 'W', '_initialized': False}
    named = WeightStandardization(eps=0.1, weight_name='W', name='ws')
    assert named.name == 'ws' and vars(named)['name'] == 'ws'
    with pytest.raises(TypeError):
        WeightStandardization(0.1)                          # keyword-only
    link = L.Linear(3, 2).add_hook(hook)
    assert hook._initialized and list(link.local_link_hooks) == ['WeightStandardization']
    link(numpy.ones((1, 3), numpy.float32))
    assert hook.original_weight is link.W
    with pytest.raises(ValueError, match="Weight 'V' does not exist!"):
        L.Linear(3, 2).add_hook(WeightStandardization(weight_name='V'))
    with pytest.raises(NotImplementedError, match='context manager'):
        with WeightStandardization():
            pass
    assert chainlite.link_hook.get_link_hooks() == {}
    with pytest.raises(IndexError):
        scale = L.Scale(W_shape=(3,)).add_hook(WeightStandardization())
        scale(numpy.ones((2, 3), numpy.float32))


def test_lazy_weight_is_drawn_before_the_forward():
    lazy = WeightStandardization()
    link = L.Linear(4).add_hook(lazy)
    assert not lazy._initialized
    y = link(numpy.ones((2, 3, 2), numpy.float32))     # Linear: in_size 6, not x.shape[1]
    assert lazy._initialized and link.W.shape == (4, 6) and y.shape == (2, 4)
    conv = L.Convolution2D(None, 2, 1).add_hook(WeightStandardization())
    assert conv(numpy.ones((1, 3, 2, 2), numpy.float32)).shape == (1, 2, 2, 2)
    assert conv.W.shape == (2, 3, 1, 1)


def test_other_weight_name_and_deletion():
    link = L.Linear(3, 2)
    link.add_param('V', (2, 3))
    link.V.array[...] = numpy.arange(6).reshape(2, 3)
    seen = []

    class SeeV(chainlite.LinkHook):
        name = 'SeeV'

        def forward_preprocess(self, args):
            seen.append(args.link.V.array.copy())

    link.add_hook(WeightStandardization(weight_name='V', eps=0)).add_hook(SeeV())
    link(numpy.ones((1, 3), numpy.float32))
    numpy.testing.assert_allclose(seen[-1], [[-1.2247449, 0, 1.2247449]] * 2, rtol=1e-6)
    link.delete_hook('WeightStandardization')
    link(numpy.ones((1, 3), numpy.float32))
    numpy.testing.assert_array_equal(seen[-1], numpy.arange(6).reshape(2, 3))


class Net(chainlite.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.a = L.Linear(3, 4)
            self.b = L.Linear(4, 2)

    def forward(self, x):
        return self.b(F.relu(self.a(x)))


def test_timer_call_history_and_summary():
    net = Net()
    x = numpy.ones((2, 3), numpy.float32)
    hook = TimerHook()
    assert hook.name == 'TimerHook' and hook.call_history == [] and hook.total_time() == 0
    with hook:
        net(x)
        net(x)
    assert [name for name, _ in hook.call_history] == ['Linear', 'Linear', 'Net'] * 2
    assert all(isinstance(t, float) and t >= 0 for _, t in hook.call_history)
    summary = hook.summary()
    assert list(summary) == ['Linear', 'Net']
    assert [e['occurrence'] for e in summary.values()] == [4, 2]
    assert summary['Net']['elapsed_time'] == pytest.approx(
        sum(t for name, t in hook.call_history if name == 'Net'))
    # Only the outermost forwards count: the Linear calls are inside the Net ones.
    assert hook.total_time() == pytest.approx(summary['Net']['elapsed_time'])
    assert chainlite.link_hook.get_link_hooks() == {}


def test_timer_as_local_hook():
    hook = TimerHook()
    link = L.Linear(3, 2).add_hook(hook)
    link(numpy.ones((1, 3), numpy.float32))
    L.Linear(3, 2)(numpy.ones((1, 3), numpy.float32))     # not hooked
    assert [name for name, _ in hook.call_history] == ['Linear']
    assert hook.total_time() == hook.call_history[0][1]


def test_timer_print_report_format():
    hook = TimerHook()
    hook.call_history = [('Convolution2D', 0.0008), ('Linear', 0.0005), ('Linear', 0.0001)]
    out = io.StringIO()
    hook.print_report(file=out)   # as Chainer: the unit of the longest total (0.8 ms -> us)
    assert out.getvalue() == ('     LinkName  ElapsedTime  Occurrence\n'
                              'Convolution2D     800.00us           1\n'
                              '       Linear     600.00us           2\n')
    out = io.StringIO()
    hook.print_report(unit='ms', file=out)
    assert out.getvalue().splitlines()[1:] == ['Convolution2D       0.80ms           1',
                                               '       Linear       0.60ms           2']
    hook.call_history = [('A', 3.0), ('LongName', 0.5)]
    out = io.StringIO()
    hook.print_report(file=out)
    assert out.getvalue() == ('LinkName  ElapsedTime  Occurrence\n'
                              '       A      3.00sec           1\n'
                              'LongName      0.50sec           1\n')
    with pytest.raises(KeyError):
        hook.print_report(unit='xx', file=out)


def test_timer_report_code_is_shared_with_the_function_hook():
    from chainlite.function_hooks import TimerHook as FunctionTimer
    from chainlite.function_hooks.timer import TimerReport
    assert issubclass(TimerHook, TimerReport) and issubclass(FunctionTimer, TimerReport)
    assert TimerHook.print_report is FunctionTimer.print_report
    assert TimerHook.table == {'sec': 1, 'ms': 1000, 'us': 10 ** 6, 'ns': 10 ** 9}
    hook = FunctionTimer()
    hook.call_history = [('A', 0.0008), ('B', 0.0008)]   # total 1.6 ms, longest 0.8 ms
    out = io.StringIO()
    hook.print_report(file=out)
    assert out.getvalue().splitlines()[1] == '           A     800.00us           1'
