"""``fft`` and ``ifft`` along the last axis of a complex array given as ``(real, imag)``.

>>> import numpy, chainlite.functions as F
>>> re, im = F.fft((numpy.array([1.0, 0.0]), numpy.array([0.0, 0.0])))
>>> re.array.tolist(), im.array.tolist()
([1.0, 1.0], [0.0, 0.0])
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_float, check_same_dtype, invalid


class FFT(FunctionNode):
    """Unnormalized ``fft`` or ``1/n``-normalized ``ifft`` of ``real + 1j * imag``."""

    label = 'FFT'

    def __init__(self, method):
        self.method = method

    def forward(self, inputs):
        real, imag = inputs
        check_float(self.label, real=real, imag=imag)
        check_same_dtype(self.label, real=real, imag=imag)
        if real.shape != imag.shape:
            raise invalid(self.label, 'real.shape == imag.shape',
                          '%s != %s' % (real.shape, imag.shape))
        xp = backend.get_array_module(real)
        y = getattr(xp.fft, self.method)(real + 1j * imag)
        return y.real.astype(real.dtype), y.imag.astype(real.dtype)

    def backward(self, indexes, grad_outputs):
        # The adjoint of fft is n * ifft, that of ifft is fft / n.
        n = self.inputs[0].shape[-1]
        gr, gi = grad_outputs
        xp = backend.get_array_module(*[g.array for g in grad_outputs if g is not None])
        shape = self.inputs[0].shape
        gr = gr if gr is not None else xp.zeros(shape, self.inputs[0].dtype)
        gi = gi if gi is not None else xp.zeros(shape, self.inputs[0].dtype)
        if self.method == 'fft':
            xr, xi = FFT('ifft').apply((gr, gi))
            return xr * n, xi * n
        xr, xi = FFT('fft').apply((gr, gi))
        return xr * (1.0 / n), xi * (1.0 / n)


def fft(x):
    """Fast Fourier transform of ``x = (real, imag)`` along the last axis; returns a pair."""
    real, imag = x
    return FFT('fft').apply((real, imag))


def ifft(x):
    """Inverse FFT of ``x = (real, imag)`` along the last axis; returns a pair."""
    real, imag = x
    return FFT('ifft').apply((real, imag))
