"""W5 on the smallest define-by-run autograd that still is one: a floor for the overhead
that a graph built in pure Python costs per op. A worker of benchmarks/run.py.

Each op is a Python object that records its inputs and differentiates itself on
arrays; backward walks the ops by rank with a heap, as chainlite does. Everything
that a framework adds on top is left out: type checks, configuration, function
hooks, weak references from nodes to their outputs, retained-data bookkeeping,
double backprop, error messages. So chainlite/floor is what Chainer's semantics
cost above a bare graph, and floor/numpy what any pure-Python graph costs.
"""
import heapq
import sys

import numpy

import _common as C


class Var:
    __slots__ = ('data', 'grad', 'creator', 'rank')
    __array_ufunc__ = None  # ``ndarray @ Var`` calls Var.__rmatmul__

    def __init__(self, data, creator=None, rank=0):
        self.data = data
        self.grad = None
        self.creator = creator
        self.rank = rank

    def __matmul__(self, other):
        return MatMul().apply(self, other)

    def __rmatmul__(self, other):
        return MatMul().apply(Var(other), self)

    def __add__(self, other):
        return Add().apply(self, other)

    def __mul__(self, other):
        return Mul().apply(self, other)


class Binary:
    __slots__ = ('inputs', 'a', 'b')

    def apply(self, a, b):
        self.inputs = (a, b)
        self.a, self.b = a.data, b.data
        return Var(self.forward(a.data, b.data), self, max(a.rank, b.rank) + 1)


class MatMul(Binary):
    __slots__ = ()

    def forward(self, a, b):
        return a @ b

    def backward(self, gy):
        return gy @ self.b.T, self.a.T @ gy


class Add(Binary):
    __slots__ = ()

    def forward(self, a, b):
        return a + b

    def backward(self, gy):
        return gy, (gy if gy.shape == self.b.shape else gy.sum(axis=0))


class Mul(Binary):
    __slots__ = ()

    def forward(self, a, b):
        return a * b

    def backward(self, gy):
        return gy * self.b, gy * self.a


class Sum:
    __slots__ = ('inputs', 'shape')

    def apply(self, x):
        self.inputs = (x,)
        self.shape = x.data.shape
        return Var(numpy.asarray(x.data.sum()), self, x.rank + 1)

    def backward(self, gy):
        return numpy.broadcast_to(gy, self.shape).copy(),


def backward(y):
    """Accumulates d(y)/d(leaf) into every leaf's ``grad``."""
    grads = {id(y): numpy.ones((), y.data.dtype)}
    heap = [(-y.rank, 0, y)]
    queued = {id(y)}
    while heap:
        var = heapq.heappop(heap)[2]
        g = grads.pop(id(var))
        func = var.creator
        if func is None:
            var.grad = g if var.grad is None else var.grad + g
            continue
        for x, gx in zip(func.inputs, func.backward(g)):
            key = id(x)
            if key in grads:
                grads[key] = grads[key] + gx
            else:
                grads[key] = gx
                if key not in queued:
                    queued.add(key)
                    heapq.heappush(heap, (-x.rank, len(queued), x))


def op_chain():
    """W5's chain (as in chainer_api.op_chain) on this graph."""
    x, w, b = C.w5_data()
    w, b = Var(w), Var(b)

    def step():
        w.grad = b.grad = None
        h = x @ w
        h = h + b
        h = h * h
        h = h @ w
        h = h + b
        backward(Sum().apply(h))
    return step


FACTORIES = {'W5/ops': op_chain}

if __name__ == '__main__':
    C.serve(FACTORIES, {'floor': 'minimal pure-Python autograd', 'numpy': numpy.__version__,
                        'python': sys.version.split()[0]})
