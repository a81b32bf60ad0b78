"""What every benchmark worker shares: workload sizes, the request loop, peak memory.

A worker is a script (chainer_api.py, numpy_ref.py, torch_ref.py) holding a
dict of *factories*: ``key -> () -> step``, where ``step()`` runs one
iteration of the workload. ``serve`` answers the driver's requests, one JSON
line each, so the driver can interleave frameworks round by round while each
worker keeps its models warm. This file runs under every interpreter
(Chainer's venv has NumPy 1.26), so it uses NumPy only.
"""
import json
import os
import statistics
import sys
import time

import numpy

SEED = 0
MLP_W1 = (784, 100, 100, 10)
BATCH_W1 = 100
MLP_W2 = (1024, 4096, 4096, 10)
BATCH_W2 = 256
BATCH_W4 = 64
W5_OPS = 6  # matmul, add, multiply, matmul, add, sum
W7_ALPHA = 2e-3  # lr override on every other parameter
W7_DECAY = 1e-4  # WeightDecay rate on the same parameters
SGD_LR = 0.01
CHUNK = 1 << 15  # elements per slice of the flat-buffer NumPy Adam (128 KiB of float32)


def resnet50_shapes():
    """The ~160 parameter shapes of ResNet-50 (conv weights, BN scale/shift, fc), ~25.5M values."""
    shapes = [(64, 3, 7, 7), (64,), (64,)]
    in_ch = 64
    for width, blocks in zip((64, 128, 256, 512), (3, 4, 6, 3)):
        for b in range(blocks):
            shapes += [(width, in_ch, 1, 1), (width,), (width,),
                       (width, width, 3, 3), (width,), (width,),
                       (4 * width, width, 1, 1), (4 * width,), (4 * width,)]
            if b == 0:
                shapes += [(4 * width, in_ch, 1, 1), (4 * width,), (4 * width,)]
            in_ch = 4 * width
    return shapes + [(1000, 2048), (1000,)]


W3_SHAPES = {'resnet50': resnet50_shapes(), 'small1000': [(10,)] * 1000}


def mlp_data(sizes, batch):
    rs = numpy.random.RandomState(SEED)
    x = rs.rand(batch, sizes[0]).astype(numpy.float32)
    t = rs.randint(0, sizes[-1], batch).astype(numpy.int32)
    return x, t


def cnn_data():
    rs = numpy.random.RandomState(SEED)
    x = rs.rand(BATCH_W4, 1, 28, 28).astype(numpy.float32)
    t = rs.randint(0, 10, BATCH_W4).astype(numpy.int32)
    return x, t


def w3_arrays(name):
    """Parameters and gradients (float32) for a W3 workload."""
    rng = numpy.random.default_rng(SEED)
    params = [rng.standard_normal(s, dtype=numpy.float32) for s in W3_SHAPES[name]]
    grads = [rng.standard_normal(s, dtype=numpy.float32) for s in W3_SHAPES[name]]
    return params, grads


def w5_data():
    rs = numpy.random.RandomState(SEED)
    return (rs.rand(4, 4).astype(numpy.float32), rs.rand(4, 4).astype(numpy.float32),
            rs.rand(4).astype(numpy.float32))


def _status_kib(field):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1])
    raise KeyError(field)


def peak_memory_mib(factory, steps):
    """Peak resident memory (MiB) above the post-import baseline while building and stepping."""
    import gc
    gc.collect()
    base = _status_kib('VmRSS')
    with open('/proc/self/clear_refs', 'w') as f:  # resets VmHWM to the current RSS
        f.write('5')
    step = factory()
    for _ in range(steps):
        step()
    return (_status_kib('VmHWM') - base) / 1024.0


def serve(factories, versions):
    """Answers driver requests read from stdin.

    Requests: ``KEY REPS WARMUP`` (time REPS steps after WARMUP untimed ones; replies
    ``{"median": seconds}``, or ``{"missing": true}`` for a workload this
    framework does not have); a worker started with ``--memory KEY STEPS`` instead
    prints the peak memory of building and stepping that workload. The first
    reply line gives the versions.
    """
    if len(sys.argv) > 3 and sys.argv[-3] == '--memory':
        key, steps = sys.argv[-2], int(sys.argv[-1])
        out = ({'mib': peak_memory_mib(factories[key], steps)} if key in factories
               else {'missing': True})
        print(json.dumps(out), flush=True)
        return
    print(json.dumps({'versions': versions}), flush=True)
    steps = {}
    for line in sys.stdin:
        key, reps, warmup = line.split()
        if key not in factories:
            print(json.dumps({'missing': True}), flush=True)
            continue
        try:
            if key not in steps:
                steps[key] = factories[key]()
            step = steps[key]
            for _ in range(int(warmup)):
                step()
            times = []
            for _ in range(int(reps)):
                start = time.perf_counter()
                step()
                times.append(time.perf_counter() - start)
            out = {'median': statistics.median(times)}
        except Exception as e:  # reported in the table, the other workloads go on
            out = {'error': '%s: %s' % (type(e).__name__, e)}
        print(json.dumps(out), flush=True)


def pinned_env():
    """The environment every worker runs in: one BLAS/OpenMP thread."""
    env = dict(os.environ)
    for name in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
        env[name] = '1'
    return env
