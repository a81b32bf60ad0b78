"""Per-operation overhead: a short chain of Variable operators on tiny inputs.

Prints microseconds per op (forward + backward) for chainlite beside the
same arithmetic written by hand in NumPy. Usage: python benchmarks/op_overhead.py
"""
import statistics
import time

import numpy

import chainlite
import chainlite.functions as F

N_OPS = 6  # matmul, add, multiply, matmul, add, sum


def chainlite_step(x, w, b):
    h = x @ w
    h = h + b
    h = h * h
    h = h @ w
    h = h + b
    loss = F.sum(h)
    loss.backward()


def numpy_step(x, w, b):
    h1 = x @ w
    h2 = h1 + b
    h3 = h2 * h2
    h4 = h3 @ w
    h5 = h4 + b
    _ = h5.sum()
    g5 = numpy.ones_like(h5)
    gb = g5.sum(axis=0)
    g3 = g5 @ w.T
    gw = h3.T @ g5
    g2 = 2 * h2 * g3
    gb = gb + g2.sum(axis=0)
    gw = gw + x.T @ g2
    return gw, gb


def timeit(fn, repeat=5, number=2000):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def main():
    rng = numpy.random.RandomState(0)
    x = rng.rand(4, 4).astype('f')
    w = chainlite.Variable(rng.rand(4, 4).astype('f'))
    b = chainlite.Variable(rng.rand(4).astype('f'))

    def run_chainlite():
        w.cleargrad()
        b.cleargrad()
        chainlite_step(x, w, b)

    t_cl = timeit(run_chainlite)
    t_np = timeit(lambda: numpy_step(x, w.array, b.array))
    print('per op, forward+backward (%d ops)' % N_OPS)
    print('  chainlite : %6.2f us' % (t_cl / N_OPS * 1e6))
    print('  NumPy     : %6.2f us' % (t_np / N_OPS * 1e6))
    print('  ratio     : %6.2fx' % (t_cl / t_np))


if __name__ == '__main__':
    main()
