"""chainlite.functions: math operations."""
from chainlite.functions.math.basic_math import add
from chainlite.functions.math.matmul import batch_matmul, matmul
from chainlite.functions.math.sum import sum, sum_to

__all__ = ['add', 'batch_matmul', 'matmul', 'sum', 'sum_to']
