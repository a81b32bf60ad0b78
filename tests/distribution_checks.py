"""Shared by the distribution tests: the Chainer goldens of a golden script
(tools/goldens/<name>.py with tests/data/<name>.npz) and the checks run on them."""
import numpy

import chainlite
import chainlite.distributions as D
import chainlite.functions as F
from chainlite import gradient_check

import golden_scripts


class Lib:
    """What a golden script's ``evaluate`` uses, as chainlite."""
    D = D
    kl = staticmethod(D.kl_divergence)
    F = F
    xp = numpy


def load(name):
    """The golden script ``name`` as a module and its data."""
    return golden_scripts.script(name), golden_scripts.data(name)


def f32(*shape, seed=0, low=None, high=None):
    r = numpy.random.RandomState(seed)
    a = r.randn(*shape) if low is None else r.uniform(low, high, shape)
    return a.astype(numpy.float32)


def run(goldens, data, name):
    """Evaluates the case ``name`` with chainlite on its stored inputs."""
    case = goldens.CASES[name]
    v = {}
    for k in case['inputs']:
        a = data['in/%s/%s' % (name, k)]
        v[k] = chainlite.Variable(a) if k in case['diff'] else a
    outs, loss = goldens.evaluate(Lib, name, v)
    return case, v, outs, loss


def check_values(goldens, data, name):
    _, _, outs, _ = run(goldens, data, name)
    prefix = 'out/%s/' % name
    expected_keys = {k[len(prefix):] for k in data.files if k.startswith(prefix)}
    assert set(outs) == expected_keys
    for key, o in outs.items():
        expected = data[prefix + key]
        got = getattr(o, 'array', o)
        assert isinstance(o, chainlite.Variable), key
        assert got.dtype == expected.dtype, (key, got.dtype, expected.dtype)
        assert got.shape == expected.shape, (key, got.shape, expected.shape)
        if expected.dtype.kind == 'f':
            tol = 1e-5 if expected.dtype == numpy.float32 else 1e-12
            numpy.testing.assert_allclose(got, expected, rtol=tol, atol=tol, err_msg=key)
        else:
            numpy.testing.assert_array_equal(got, expected, err_msg=key)


def check_gradients(goldens, data, name):
    case, v, _, loss = run(goldens, data, name)
    assert loss.shape == ()
    loss.backward()
    for k in case['diff']:
        expected = data['grad/%s/%s' % (name, k)]
        assert v[k].grad is not None, k
        tol = 1e-4 if expected.dtype == numpy.float32 else 1e-10
        numpy.testing.assert_allclose(v[k].grad, expected, rtol=tol, atol=tol, err_msg=k)
        assert numpy.abs(expected).max() > 0, k  # the loss reaches every parameter


def check_every_case_has_goldens(goldens, data):
    for name, case in goldens.CASES.items():
        assert any(k.startswith('out/%s/' % name) for k in data.files), name
        for k in case['diff']:
            assert 'grad/%s/%s' % (name, k) in data.files


def check_backward(func, inputs, **kw):
    """float64 ``gradient_check.check_backward`` of ``func`` at ``inputs``."""
    inputs = tuple(numpy.asarray(a, numpy.float64) for a in inputs)
    ys = func(*[chainlite.Variable(a) for a in inputs])
    gy = numpy.random.RandomState(1).uniform(0.5, 1.5, ys.shape)
    gradient_check.check_backward(func, inputs, gy, dtype=numpy.float64,
                                  eps=1e-6, atol=1e-6, rtol=1e-5, **kw)
