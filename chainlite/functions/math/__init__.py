"""chainlite.functions: math operations."""
from chainlite.functions.math.average import average, mean
from chainlite.functions.math.basic_math import add
from chainlite.functions.math.bias import bias, scale
from chainlite.functions.math.cholesky import cholesky
from chainlite.functions.math.clip import clip
from chainlite.functions.math.cumsum import cumprod, cumsum
from chainlite.functions.math.einsum import einsum
from chainlite.functions.math.erf import erf, erfc, erfcinv, erfcx, erfinv, log_ndtr, ndtr, ndtri
from chainlite.functions.math.exponential import exp, expm1, log, log10, log1p, log2
from chainlite.functions.math.fft import fft, ifft
from chainlite.functions.math.gamma import digamma, lgamma, polygamma, zeta
from chainlite.functions.math.hyperbolic import arctanh, cosh, sinh
from chainlite.functions.math.identity import absolute, identity
from chainlite.functions.math.inv import batch_det, batch_inv, det, inv
from chainlite.functions.math.linear_interpolate import batch_l2_norm_squared, linear_interpolate
from chainlite.functions.math.logsumexp import logsumexp
from chainlite.functions.math.matmul import batch_matmul, matmul
from chainlite.functions.math.maximum import fmod, maximum, minimum, squared_difference
from chainlite.functions.math.minmax import argmax, argmin, max, min
from chainlite.functions.math.prod import prod
from chainlite.functions.math.rounding import ceil, fix, floor, sign
from chainlite.functions.math.sparse_matmul import sparse_matmul
from chainlite.functions.math.sqrt import rsqrt, sqrt, square
from chainlite.functions.math.sum import sum, sum_to
from chainlite.functions.math.tensordot import tensordot
from chainlite.functions.math.trigonometric import (
    arccos, arcsin, arctan, arctan2, cos, sin, tan)

__all__ = [
    'absolute', 'add', 'arccos', 'arcsin', 'arctan', 'arctan2', 'arctanh', 'argmax', 'argmin',
    'average', 'batch_det', 'batch_inv', 'batch_l2_norm_squared', 'batch_matmul', 'bias',
    'ceil', 'cholesky', 'clip', 'cos', 'cosh', 'cumprod', 'cumsum', 'det', 'digamma', 'einsum',
    'erf', 'erfc', 'erfcinv', 'erfcx', 'erfinv', 'exp', 'expm1', 'fft', 'fix', 'floor', 'fmod',
    'identity', 'ifft', 'inv', 'lgamma', 'linear_interpolate', 'log', 'log10', 'log1p', 'log2',
    'log_ndtr', 'logsumexp', 'matmul', 'max', 'maximum', 'mean', 'min', 'minimum', 'ndtr',
    'ndtri', 'polygamma', 'prod', 'rsqrt', 'scale', 'sign', 'sin', 'sinh', 'sparse_matmul',
    'sqrt', 'square', 'squared_difference', 'sum', 'sum_to', 'tan', 'tensordot', 'zeta',
]
