"""Optional single-pass CPU kernels, compiled by numba when it is installed
(``pip install chainlite[fast]``); without it the update rules use NumPy alone.

A rule's NumPy step makes one pass over memory per operation; its kernel makes
one pass in all, so a large update is bound by memory bandwidth instead. Each
kernel performs the same floating-point operations as the NumPy code, in the
same order and precision (no fused multiply-add, no fast-math), so results
are equal bit for bit. Set the environment variable ``CHAINLITE_JIT=0`` to
turn the kernels off.

>>> import numpy
>>> p, g = numpy.ones(4, numpy.float32), numpy.ones(4, numpy.float32)
>>> m, v = numpy.zeros(4, numpy.float32), numpy.zeros(4, numpy.float32)
>>> done = adam_step(p, g, m, v, 0.1, 0.001, 0.001, 1e-8, 1.0, 1.0)  # False: use NumPy
>>> bool(numpy.allclose(m, 0.1 if done else 0.0))
True
"""
import os

import numpy

_UNSET = object()
_adam = _UNSET


def _build_adam():
    if os.environ.get('CHAINLITE_JIT', '1') == '0':
        return None
    try:
        import numba
    except ImportError:
        return None

    # error_model='numpy': IEEE division (no zero check), which lets the loop vectorize.
    @numba.njit(nogil=True, cache=True, error_model='numpy')
    def adam(p, g, m, v, c1, c2, alpha_t, eps, shrink, eta):
        for i in range(p.size):
            gi = g[i]
            mi = m[i] + (gi - m[i]) * c1
            m[i] = mi
            vi = v[i] + (gi * gi - v[i]) * c2
            v[i] = vi
            s = alpha_t / (numpy.sqrt(vi) + eps) * mi
            if eta != 1:
                s = s * eta
            pi = p[i]
            if shrink != 1:
                pi = pi * shrink
            p[i] = pi - s
    return adam


def _adam_kernel():
    global _adam
    if _adam is _UNSET:
        _adam = _build_adam()
    return _adam


def has_adam():
    """Whether the Adam kernel is available."""
    return _adam_kernel() is not None


def adam_step(param, grad, m, v, c1, c2, alpha_t, eps, shrink, eta):
    """Adam's update of ``param``, ``m`` and ``v`` in one pass; the scalars are
    Python floats (``c1 = 1 - beta1``, ``c2 = 1 - beta2``, ``shrink = 1 - eta *
    weight_decay_rate``, applied to ``param`` before the step). Returns False, having
    done nothing, when no kernel applies (no numba, or arrays it does not take)."""
    kernel = _adam_kernel()
    dtype = param.dtype
    if kernel is None or dtype.kind != 'f' or dtype.itemsize < 4:
        return False
    scalars = (c1, c2, alpha_t, eps, shrink, eta)
    if not all(type(s) in (float, int) for s in scalars):
        return False  # NumPy would compute with a NumPy scalar in its own precision
    for a in (param, grad, m, v):
        if type(a) is not numpy.ndarray or a.dtype != dtype or not a.flags.c_contiguous \
                or a.shape != param.shape:
            return False
    t = dtype.type  # the scalars in the arrays' precision, as NumPy casts them
    kernel(param.reshape(-1), grad.reshape(-1), m.reshape(-1), v.reshape(-1),
           *[t(s) for s in scalars])
    return True
