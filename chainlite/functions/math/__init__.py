"""chainlite.functions: math operations (one module per Chainer module name)."""
from chainlite.functions.math.absolute import absolute
from chainlite.functions.math.arctanh import arctanh
from chainlite.functions.math.average import average, mean
from chainlite.functions.math.basic_math import add
from chainlite.functions.math.batch_l2_norm_squared import batch_l2_norm_squared
from chainlite.functions.math.bias import bias
from chainlite.functions.math.ceil import ceil
from chainlite.functions.math.cholesky import cholesky
from chainlite.functions.math.clip import clip
from chainlite.functions.math.cumprod import cumprod
from chainlite.functions.math.cumsum import cumsum
from chainlite.functions.math.det import batch_det, det
from chainlite.functions.math.digamma import digamma
from chainlite.functions.math.einsum import einsum
from chainlite.functions.math.erf import erf
from chainlite.functions.math.erfc import erfc
from chainlite.functions.math.erfcinv import erfcinv
from chainlite.functions.math.erfcx import erfcx
from chainlite.functions.math.erfinv import erfinv
from chainlite.functions.math.exponential import exp, log, log10, log2
from chainlite.functions.math.exponential_m1 import expm1
from chainlite.functions.math.fft import fft, ifft
from chainlite.functions.math.fix import fix
from chainlite.functions.math.floor import floor
from chainlite.functions.math.fmod import fmod
from chainlite.functions.math.hyperbolic import cosh, sinh
from chainlite.functions.math.identity import identity
from chainlite.functions.math.inv import batch_inv, inv
from chainlite.functions.math.lgamma import lgamma
from chainlite.functions.math.linear_interpolate import linear_interpolate
from chainlite.functions.math.log_ndtr import log_ndtr
from chainlite.functions.math.logarithm_1p import log1p
from chainlite.functions.math.logsumexp import logsumexp
from chainlite.functions.math.matmul import batch_matmul, matmul
from chainlite.functions.math.maximum import maximum
from chainlite.functions.math.minimum import minimum
from chainlite.functions.math.minmax import argmax, argmin, max, min
from chainlite.functions.math.ndtr import ndtr
from chainlite.functions.math.ndtri import ndtri
from chainlite.functions.math.polygamma import polygamma
from chainlite.functions.math.prod import prod
from chainlite.functions.math.scale import scale
from chainlite.functions.math.sign import sign
from chainlite.functions.math.sparse_matmul import sparse_matmul
from chainlite.functions.math.sqrt import rsqrt, sqrt
from chainlite.functions.math.square import square
from chainlite.functions.math.squared_difference import squared_difference
from chainlite.functions.math.sum import sum, sum_to
from chainlite.functions.math.tensordot import tensordot
from chainlite.functions.math.trigonometric import arccos, arcsin, arctan, arctan2, cos, sin, tan
from chainlite.functions.math.zeta import zeta

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
