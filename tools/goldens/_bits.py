"""Shared by the float32-bits golden scripts (not a golden script itself): their loop over
cases and calls, and the NumPy float32 functions whose last bits depend on the CPU (NumPy
runs exp, expm1, log1p, cosh, ... through SIMD code such as AVX-512's where the CPU has
it), with a probe of each.

The goldens carry each probe as computed where they were made (``libm/<name>``), so a
test can tell whether its own NumPy rounds those functions alike, and ask for equal bits
only then.
"""
import numpy

NAMES = ('exp', 'expm1', 'log', 'log1p', 'sin', 'cos', 'sinh', 'cosh', 'tanh', 'arctanh')


def probe(name):
    """``numpy.<name>`` of 4001 float32 points across its domain's working range."""
    x = numpy.linspace(-10, 10, 4001, dtype=numpy.float32)
    if name in ('log', 'log1p'):
        x = abs(x) + numpy.float32(1e-3)
    elif name == 'arctanh':
        x = x / numpy.float32(10.5)
    return getattr(numpy, name)(x)


def record_probes(data):
    """Adds the probes of this machine's NumPy to ``data``, a golden file's dict."""
    data.update({'libm/' + name: probe(name) for name in NAMES})


def record_calls(data, F, r, n_cases, inputs, calls, nograd=()):
    """For each of ``n_cases`` cases (inputs ``inputs(r, i)``) and each call of ``calls``
    (``call(F, x, a)``, x a Variable of ``a['x']``), stores in ``data`` the inputs and the
    value, and, unless the call is in ``nograd``, a random upstream gradient (stored
    before backward: Chainer's hinge divides it in place) and the gradient of x."""
    import chainer
    for i in range(n_cases):
        a = inputs(r, i)
        data.update({'in/%s/%d' % (k, i): v for k, v in a.items()})
        for name, call in calls.items():
            v = chainer.Variable(a['x'])
            y = call(F, v, a)
            data['out/%s/%d' % (name, i)] = y.array
            if name in nograd:
                continue
            gy = numpy.asarray(r.randn(*y.shape), numpy.float32)
            data['gy/%s/%d' % (name, i)] = gy.copy()
            y.grad = gy
            y.backward()
            data['grad/%s/%d' % (name, i)] = v.grad
