"""API-surface parity with Chainer 7.8.1.

tests/data/chainer_api_surface.json holds Chainer's public names and signature
strings per module (written by ``tools/api_surface.py dump`` under the reference
venv). Every name must exist in chainlite with a compatible signature, unless it
is listed below with the reason it is left out.
"""
import importlib.util
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location('api_surface', ROOT / 'tools' / 'api_surface.py')
api_surface = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_surface)

REFERENCE = json.loads(api_surface.DUMP.read_text())

_STATIC = 'static-graph optimization (chainer.graph_optimizations) is not provided'
_CUDNN = 'cuDNN/CUDA-runtime specific; chainlite drives CuPy directly'
_ZOO = 'model zoo that downloads pretrained weights (out of scope)'
_SUBMODULE = 'internal submodule path; its public names are provided by the parent module'
_TESTING = "Chainer's own test-suite scaffolding (backend injection, unittest base classes)"

# (module, name): why chainlite does not provide it. Module '' is the package itself.
NOT_PROVIDED = {
    # -- top level (chainlite/__init__.py and core modules belong to the lead)
    ('', 'DeviceResident'): 'base class of Link in Chainer; chainlite.Link implements the '
                            'device API itself',
    ('', 'device_resident'): 'module of DeviceResident (above)',
    ('', 'Fallback'): 'sentinel of the ChainerX fallback mechanism (no ChainerX)',
    ('', 'array'): 'accidental re-export of chainer.functions.array; use chainlite.functions',
    ('', 'basic_math'): 'accidental re-export of chainer.functions.math.basic_math',
    ('', 'get_compute_mode'): 'iDeep compute modes are not supported',
    ('', 'graph_optimizations'): _STATIC,
    ('', 'static_code'): _STATIC,
    ('', 'static_graph'): _STATIC,
    ('', 'memory_layouts'): 'experimental channels-last memory layouts (Chainer 7 internal)',
    ('', 'mixed16'): 'mixed16 dtype mode not supported (float16 works as a plain dtype)',
    ('', 'should_use_cudnn'): _CUDNN,
    ('', 'should_use_cudnn_tensor_core'): _CUDNN,
    ('', 'types'): 'typing aliases module of Chainer (annotations only)',
    ('', 'warnings'): "Chainer's performance-warning classes module",
    # -- backends.cuda (lead-owned; GPU plumbing)
    ('backends.cuda', 'Device'): 'CuPy alias; use cupy.cuda.Device',
    ('backends.cuda', 'Event'): 'CuPy alias; use cupy.cuda.Event',
    ('backends.cuda', 'Stream'): 'CuPy alias; use cupy.cuda.Stream',
    ('backends.cuda', 'raw'): 'CuPy RawKernel helper; GPU-only',
    ('backends.cuda', 'config'): 'accidental re-export of chainer.config in Chainer',
    ('backends.cuda', 'get_cudnn_dropout_states'): _CUDNN,
    ('backends.cuda', 'get_cudnn_dropout_states_core'): _CUDNN,
    ('backends.cuda', 'get_max_workspace_size'): _CUDNN,
    ('backends.cuda', 'set_max_workspace_size'): _CUDNN,
    ('backends.cuda', 'should_use_cudnn'): _CUDNN,
    ('backends.cuda', 'should_use_cudnn_tensor_core'): _CUDNN,
    # -- dataset / datasets / iterators
    ('iterators', 'DaliIterator'): 'NVIDIA DALI pipelines (GPU-only, external library)',
    ('iterators', 'dali_iterator'): 'NVIDIA DALI pipelines',
    # -- function_node / variable / gradient_check (lead-owned core modules)
    ('function_node', 'static_forward_optimizations'): _STATIC,
    # -- functions
    ('functions', 'theano'): 'Theano bridge (Theano is dead)',
    ('functions', 'util'): _SUBMODULE,
    # -- initializers / links
    ('links', 'theano'): 'Theano bridge (Theano is dead)',
    ('links', 'TheanoFunction'): 'Theano bridge (Theano is dead)',
    ('links', 'GoogLeNet'): _ZOO,
    ('links', 'ResNet50Layers'): _ZOO,
    ('links', 'ResNet101Layers'): _ZOO,
    ('links', 'ResNet152Layers'): _ZOO,
    ('links', 'VGG16Layers'): _ZOO,
    ('links', 'VGG19Layers'): _ZOO,
    # -- function_hooks / link_hooks: whole modules wait for the core hook points
    ('function_hooks', 'CUDAProfileHook'): 'CUDA profiler ranges (GPU-only; CuPy has its own)',
    ('function_hooks', 'cuda_profile'): 'see CUDAProfileHook',
    ('function_hooks', 'CupyMemoryProfileHook'): 'CuPy memory-pool profiling (GPU-only, not yet)',
    ('function_hooks', 'cupy_memory_profile'): 'see CupyMemoryProfileHook',
    # -- testing
    ('testing', 'BackendConfig'): _TESTING,
    ('testing', 'inject_backend_tests'): _TESTING,
    ('testing', 'FunctionTestCase'): _TESTING,
    ('testing', 'FunctionTestError'): _TESTING,
    ('testing', 'LinkTestCase'): _TESTING,
    ('testing', 'LinkTestError'): _TESTING,
    ('testing', 'LinkInitializersTestCase'): _TESTING,
    ('testing', 'InitializerArgument'): _TESTING,
    ('testing', 'function_link'): _TESTING,
    ('testing', 'backend'): _TESTING + ' (module of BackendConfig)',
    ('testing', 'distribution_test'): 'chainer.distributions not provided',
    ('testing', 'distribution_unittest'): 'chainer.distributions not provided',
    ('testing', 'unary_math_function_test'): _TESTING,
    ('testing', 'unary_math_function_unittest'): _TESTING,
    ('testing', 'from_pytest_parameterize'): _TESTING,
    ('testing', 'parameterize_pytest'): _TESTING,
    ('testing', 'patch'): 'mock.patch wrapper; use unittest.mock directly',
    ('testing', 'run_module'): "runs a test module's unittest main; use pytest",
    # -- training
    ('training', 'ParallelUpdater'): 'multi-GPU data parallelism (optional in the plan)',
    ('training', 'util'): _SUBMODULE,
    ('training.updaters', 'ParallelUpdater'): 'multi-GPU data parallelism',
    ('training.updaters', 'parallel_updater'): 'multi-GPU data parallelism',
    ('training.updaters', 'MultiprocessParallelUpdater'): 'multi-GPU NCCL data parallelism',
    ('training.updaters', 'multiprocess_parallel_updater'): 'multi-GPU NCCL data parallelism',
    ('training.updaters', 'standard_updater'): _SUBMODULE,
    ('training.extensions', 'computational_graph'): _SUBMODULE,
    ('training.extensions', 'exponential_shift'): _SUBMODULE,
    ('training.extensions', 'inverse_shift'): _SUBMODULE,
    ('training.extensions', 'linear_shift'): _SUBMODULE,
    ('training.extensions', 'multistep_shift'): _SUBMODULE,
    ('training.extensions', 'polynomial_shift'): _SUBMODULE,
    ('training.extensions', 'step_shift'): _SUBMODULE,
    ('training.extensions', 'warmup_shift'): _SUBMODULE,
    ('training.extensions', 'util'): _SUBMODULE,
    ('training.triggers', 'early_stopping_trigger'): _SUBMODULE,
    ('training.triggers', 'interval_trigger'): _SUBMODULE,
    ('training.triggers', 'manual_schedule_trigger'): _SUBMODULE,
    ('training.triggers', 'minmax_value_trigger'): _SUBMODULE,
    ('training.triggers', 'once_trigger'): _SUBMODULE,
    ('training.triggers', 'time_trigger'): _SUBMODULE,
    # -- utils (the new helper modules exist; chainlite/utils/__init__.py is lead-owned and
    # does not re-export them yet: the lines to add are in the audit report)
    ('utils', 'conv_nd'): 'N-d im2col helpers (chainlite.functions.connection has its own)',
    ('utils', 'error'): 'holds only a private formatter in Chainer',
    ('utils', 'cache'): _SUBMODULE,
    ('utils', 'conv_nd_kernel'): 'CUDA kernel generators for N-d convolution',
    ('utils', 'imgproc'): 'random-crop helpers module (rarely used)',
    ('utils', 'precision'): 'float16 precision decorator for CUDA kernels',
}

_CHAINERX = 'ChainerX is not supported'
_LAYOUT = "Chainer 7's experimental memory layouts are not supported"

# Class members (any class) that chainlite leaves out, with the reason.
NOT_PROVIDED_MEMBERS = {
    'device_resident_accept': "visitor hook of Chainer's DeviceResident; chainlite links move "
                              'their arrays themselves',
    'to_chx': _CHAINERX,
    'from_chx': _CHAINERX,
    'chx_array': _CHAINERX,
    'chainerx_device': _CHAINERX,
    'forward_chainerx': _CHAINERX,
    'update_core_chainerx': _CHAINERX,
    'to_intel64': 'iDeep is not supported',
    'as_layout': _LAYOUT,
    'layout': _LAYOUT,
    'input_layouts': _LAYOUT,
    'output_layouts': _LAYOUT,
    'check_layout_forward': _LAYOUT,
    'raw_array': _LAYOUT + ' (raw_array is the array before the layout conversion)',
    'is_elementwise': _STATIC + ' (hint for static-graph fusion)',
    'lazy_grad_sum': 'lead-owned: internal gradient-accumulation switch of FunctionNode',
}

# Classes whose members are not audited.
SKIP_MEMBERS_OF = {
    ('backends.cuda', 'ndarray'): 'cupy.ndarray when CuPy is installed, a placeholder without',
}

# (module, 'Class.member'): set on each instance in chainlite (a property in Chainer).
INSTANCE_ATTRIBUTES = {
    ('training', 'StandardUpdater.device'): 'set in __init__',
    ('training', 'StandardUpdater.input_device'): 'set in __init__',
}

# (module, name): why chainlite's signature differs from Chainer's.
SIGNATURE_DIFFERENCES = {
    ('link_hooks', 'TimerHook.print_report'): 'file=None means the sys.stdout of the moment',
    ('', 'Parameter'): 'lead-owned: no layout= (memory layouts not supported)',
    ('variable', 'Parameter'): 'lead-owned: no layout= (memory layouts not supported)',
    ('variable', 'VariableNode'): 'lead-owned: requires_grad is a plain parameter instead of '
                                  'Chainer\'s **kwargs (internal constructor)',
    ('', 'get_dtype'): 'no map_mixed16= (mixed16 not supported)',
    ('dataset', 'concat_examples'): 'Chainer wraps it in a converter decorator whose signature is '
                                    '(*args, **kwargs); ours shows the real (batch, device, '
                                    'padding)',
    ('functions', 'absolute'): "Chainer's absolute is Variable.__abs__ (parameter 'self'); "
                               'ours names it x',
    ('functions', 'softmax_cross_entropy'): 'extension: trailing label_smoothing=0.0 '
                                            '(issue 4)',
    ('links', 'MLPConvolution2D'): "Chainer's *args, **kwargs take conv_init/bias_init "
                                   '(and the removed wscale); ours names them',
    ('training.extensions', 'FailOnNonNumber'): 'extension: keyword-only check_grad=True',
    ('training.extensions', 'unchain_variables.initialize'):
        "Extension.initialize's parameter is 'trainer' (Chainer names this override's '_')",
    ('links', 'Parameter.forward'): "no volatile='off' (volatile was removed in Chainer v2)",
    ('training.extensions', 'PrintReport'): 'out=None means the sys.stdout of the moment (so '
                                            'redirections work); Chainer binds it at import',
    ('training.extensions', 'ProgressBar'): 'out=None means the sys.stdout of the moment',
    ('function_hooks', 'PrintHook'): 'file=None means the sys.stdout of the moment',
    ('function_hooks', 'TimerHook.print_report'): 'file=None means the sys.stdout of the moment',
    ('training.extensions', 'WarmupShift'): 'init is optional (None: the attribute value at '
                                            'the start), a superset of Chainer\'s calls',
}


def _cases():
    for module, entries in sorted(REFERENCE.items()):
        for name, signature in sorted(entries.items()):
            yield module, name, signature


def _module(name):
    if (name, '*') in NOT_PROVIDED:
        pytest.skip('module not provided: ' + NOT_PROVIDED[name, '*'])
    return importlib.import_module(api_surface.module_path('chainlite', name))


def _provided(mod, name):
    """Whether ``from chainlite.<module> import <name>`` works (an attribute or a submodule);
    for ``'Class.member'``, whether the class has the member."""
    try:
        api_surface.lookup(mod, name)
        return True
    except AttributeError:
        if '.' in name:
            return False
    try:
        importlib.import_module(mod.__name__ + '.' + name)
    except ImportError:
        return False
    return True


@pytest.mark.parametrize('module,name,signature', list(_cases()),
                         ids=lambda v: v if isinstance(v, str) and '(' not in v else '')
def test_name_and_signature(module, name, signature):
    key = (module, name)
    owner, _, member = name.rpartition('.')
    if (module, owner) in NOT_PROVIDED:
        pytest.skip('class not provided: ' + NOT_PROVIDED[module, owner])
    if (module, owner) in SKIP_MEMBERS_OF:
        pytest.skip(SKIP_MEMBERS_OF[module, owner])
    if owner and member in NOT_PROVIDED_MEMBERS and not _provided(_module(module), name):
        return
    if key in INSTANCE_ATTRIBUTES:
        assert not _provided(_module(module), name), (
            '%s.%s is a class attribute now: remove it from INSTANCE_ATTRIBUTES' % key)
        return
    if key in NOT_PROVIDED:
        assert not _provided(_module(module), name), (
            '%s.%s is provided now: remove it from NOT_PROVIDED' % key)
        return
    mod = _module(module)
    assert _provided(mod, name), 'chainlite.%s has no %s (Chainer has it)' % (module, name)
    ours = api_surface.signature_string(api_surface.lookup(mod, name)) if '.' in name or hasattr(
        mod, name) else None
    if signature is None or ours is None:
        return
    if key in SIGNATURE_DIFFERENCES:
        assert not api_surface.compatible(ours, signature), (
            '%s.%s matches Chainer now: remove it from SIGNATURE_DIFFERENCES' % key)
        return
    assert api_surface.compatible(ours, signature), (
        'chainlite.%s.%s%s differs from Chainer %s' % (module, name, ours, signature))


def test_exception_lists_name_real_chainer_names():
    for module, name in list(NOT_PROVIDED) + list(SIGNATURE_DIFFERENCES):
        assert module in REFERENCE, module
        assert name == '*' or name in REFERENCE[module], (module, name)
    members = {n.rpartition('.')[2] for entries in REFERENCE.values() for n in entries if '.' in n}
    assert set(NOT_PROVIDED_MEMBERS) <= members, set(NOT_PROVIDED_MEMBERS) - members


@pytest.mark.parametrize('ours,chainer,expected', [
    ('(x, y=1)', '(x, y=1)', True),
    ('(x, y=2)', '(x, y=1)', False),
    ('(y, x)', '(x, y)', False),
    ('(x, *, dilate=1, groups=1)', '(x, **kwargs)', True),
    ('(x, *, dilate)', '(x, **kwargs)', False),
    ('(x, y=1, **kwargs)', '(x, **kwargs)', True),
    ('(x)', '(x, y=1)', False),
    ("(a, b=(1, 'epoch'), c=None)", "(a, b=(1, 'epoch'), c=None)", True),
])
def test_compatible(ours, chainer, expected):
    assert api_surface.compatible(ours, chainer) is expected
