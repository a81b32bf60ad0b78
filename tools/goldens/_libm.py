"""Shared by the float32-bits golden scripts (not a golden script itself): the NumPy
float32 functions whose last bits depend on the CPU (NumPy runs exp, expm1, log1p, cosh,
... through SIMD code such as AVX-512's where the CPU has it), and a probe of each.

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


def record(data):
    """Adds the probes of this machine's NumPy to ``data``, a golden file's dict."""
    data.update({'libm/' + name: probe(name) for name in NAMES})
