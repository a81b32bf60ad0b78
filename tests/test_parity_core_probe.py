"""Core parity with Chainer 7.8.1 where a differential probe of Variable, Parameter, Link,
Sequential and the configuration found differences (tests/data/parity_core_probe.npz from
tools/goldens/parity_core_probe.py), plus direct checks of the same behaviour."""
import io
import json
import warnings

import numpy
import pytest

import chainlite
import chainlite.functions as F
import golden_scripts
from chainlite import gradient_check

probes = golden_scripts.script('parity_core_probe')
GOLDEN = {k: json.loads(str(v)) for k, v in golden_scripts.data('parity_core_probe').items()}


def observe(name):
    """The probe's observation on chainlite, through JSON as the golden went."""
    return json.loads(json.dumps(probes.PROBES[name](chainlite)))


def cases():
    for name in sorted(probes.PROBES):
        expected = GOLDEN[name]
        for key in sorted(expected) if isinstance(expected, dict) else [None]:
            yield pytest.param(name, key, id='%s-%s' % (name, key))


@pytest.mark.parametrize('name, key', list(cases()))
def test_matches_chainer(name, key):
    expected, got = GOLDEN[name], observe(name)
    if key is not None:
        assert set(got) == set(expected)
        expected, got = expected[key], got[key]
    assert got == expected


def test_every_probe_has_a_golden():
    assert set(probes.PROBES) == set(GOLDEN)


# -- Variable ----------------------------------------------------------------------------------

def test_debug_print_without_array_and_with_zero_grad():
    text = chainlite.Variable(name='v').debug_print().split('\n')
    assert text[1:] == ['- %s: None' % k for k in
                        ('device', 'backend', 'shape', 'dtype', 'statistics', 'grad')]
    v = chainlite.Variable(numpy.ones(3, 'f'), name='v')
    v.grad = numpy.zeros(3, 'f')
    assert v.debug_print().endswith('- grad: 0')


def test_comparison_errors_name_the_operator():
    v = chainlite.Variable(numpy.ones(2, 'f'))
    with pytest.raises(TypeError, match='do not support <= operator'):
        v <= 1
    with pytest.raises(TypeError, match='cannot be evaluated as Python bool'):
        if v:
            pass


def test_variables_take_attributes_of_their_own():
    v = chainlite.Variable(numpy.ones(2, 'f'))
    v.tag = 'h1'
    assert v.tag == 'h1'
    p = chainlite.Parameter(numpy.ones(2, 'f'))
    p.frozen_by_user = True
    import copy
    assert copy.deepcopy(p).frozen_by_user is True


def test_uninitialized_parameter_dtype_is_its_initializers_or_an_error():
    p = chainlite.Parameter(chainlite.initializers.Normal(dtype=numpy.float16), name='W')
    assert p.dtype == numpy.float16
    p.initialize((2,))
    assert p.dtype == numpy.float16
    with pytest.raises(RuntimeError, match='uninitialized parameter b'):
        chainlite.Parameter(name='b').dtype


def test_to_gpu_without_cupy_leaves_the_variable_on_the_cpu():
    if chainlite.backend.cupy is not None:
        pytest.skip('CuPy is installed')
    v = chainlite.Variable(numpy.ones(2, 'f'))
    with pytest.raises(RuntimeError):
        v.to_gpu()
    assert isinstance(v.array, numpy.ndarray)


# -- indexing ----------------------------------------------------------------------------------

def test_list_index_reads_as_chainer():
    x = numpy.arange(12.0).reshape(3, 4)
    assert F.get_item(x, [0, [1, 2]]).array.tolist() == [1.0, 2.0]   # x[0, [1, 2]]
    assert F.get_item(x, [[0, 2]]).shape == (2, 4)                   # x[[0, 2]]
    assert F.get_item(x, []).shape == (0, 4)
    assert F.get_item(x, ([],)).shape == (0, 4)
    assert F.get_item(x, [slice(None), 1]).array.tolist() == [1.0, 5.0, 9.0]
    assert F.get_item(x, 1).creator.slices == (1,)


@pytest.mark.parametrize('index', [[0, [1, 2]], [[0, 2, 2]], [], [numpy.int64(1), slice(1, 3)]])
def test_list_index_gradients(index):
    x = numpy.random.RandomState(0).standard_normal((3, 4))
    y = F.get_item(x, index)
    gy = numpy.random.RandomState(1).standard_normal(y.shape)
    gradient_check.check_backward(lambda x: F.get_item(x, index), x, gy, dtype=numpy.float64)


# -- arithmetic --------------------------------------------------------------------------------

def test_floor_division_is_outside_the_graph():
    v = chainlite.Variable(numpy.array([3.0, 4.0], 'f'))
    for y in (v // 2, 7 // v, v // v):
        assert y.creator is None and not y.requires_grad
    with pytest.raises(chainlite.utils.type_check.InvalidType):
        v // chainlite.Variable(numpy.ones(2))


# -- backward ----------------------------------------------------------------------------------

def test_loss_scale_multiplies_only_the_seeded_ones():
    x = chainlite.Variable(numpy.array([1.0, 2.0], 'f'))
    y = x * 3
    y.grad = numpy.ones(2, 'f')
    y.backward(loss_scale=4)
    assert x.grad.tolist() == [3.0, 3.0]
    assert x._loss_scale == 4   # the optimizer still divides by it, as Chainer's does
    x.cleargrad()
    F.sum(x * 3).backward(loss_scale=4)
    assert x.grad.tolist() == [12.0, 12.0]


def test_a_given_output_grad_is_used_up_unless_retained():
    x = chainlite.Variable(numpy.array([1.0, 2.0], 'f'))
    y = x * 3
    y.grad = numpy.ones(2, 'f')
    y.backward()
    assert y.grad is None
    y.grad = numpy.ones(2, 'f')
    y.backward(retain_grad=True)
    assert y.grad.tolist() == [1.0, 1.0]
    leaf = chainlite.Variable(numpy.ones(2, 'f'))
    leaf.grad = numpy.full(2, 2.0, 'f')
    leaf.backward()
    assert leaf.grad.tolist() == [2.0, 2.0]


def test_backward_of_a_size_one_array_is_deprecated():
    x = chainlite.Variable(numpy.array([[3.0]], 'f'))
    with pytest.warns(DeprecationWarning, match='only one element as a scalar'):
        (x * 2).backward()
    assert x.grad.tolist() == [[2.0]]
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        (F.sum(x) * 2).backward()


# -- links -------------------------------------------------------------------------------------

def test_register_persistent_turns_a_parameter_into_a_persistent():
    link = chainlite.Link()
    link.add_param('W', (2,))
    link.register_persistent('W')
    assert list(link.params()) == []
    assert link._persistent == ['W']


def test_link_to_gpu_without_cupy_leaves_it_on_the_cpu():
    if chainlite.backend.cupy is not None:
        pytest.skip('CuPy is installed')
    link = chainlite.links.Linear(2, 2)
    with pytest.raises(RuntimeError):
        link.to_gpu()
    assert link.device == chainlite.backend.CPU
    assert link.to_intel64() is link and isinstance(link.W.array, numpy.ndarray)


def test_sequential_shows_a_lambda_without_source_by_its_repr():
    layer = eval('lambda x: x')
    assert '<function <lambda> at' in str(chainlite.Sequential(layer))


# -- configuration -----------------------------------------------------------------------------

def test_show_pads_names_to_the_longest():
    buf = io.StringIO()
    chainlite.config.show(buf)
    lines = buf.getvalue().splitlines()
    width = max(len(line.split(' ')[0]) for line in lines)
    assert all(line[width] == ' ' and line[width + 1] != ' ' for line in lines)
    assert 'cudnn_fast_batch_normalization False' in lines


def test_set_debug_is_thread_local_as_chainer():
    try:
        chainlite.set_debug(True)
        assert chainlite.is_debug() and not chainlite.global_config.debug
    finally:
        chainlite.set_debug(False)


def test_debug_mode_is_deprecated():
    with pytest.warns(DeprecationWarning, match='DebugMode is deprecated'):
        mode = chainlite.DebugMode(True)
    with mode:
        assert chainlite.is_debug()
    assert not chainlite.is_debug()


def test_module_backward_skips_a_nonscalar_without_grad_with_a_warning():
    x = chainlite.Variable(numpy.array([1.0, 2.0], 'f'))
    y = x * 3
    y.grad = numpy.ones(2, 'f')
    with pytest.warns(RuntimeWarning, match='does not set default grad'):
        chainlite.backward([x * 2, y, y])
    assert x.grad.tolist() == [3.0, 3.0]
    x.cleargrad()
    chainlite.backward([F.sum(x * 2)])  # a scalar starts from ones (chainlite)
    assert x.grad.tolist() == [2.0, 2.0]
