"""chainlite against Chainer 7.8.1, PyTorch CPU and hand-written NumPy (issue 7's W1-W7).

W5 also runs on ``floor``: the smallest pure-Python define-by-run graph
(benchmarks/floor_ref.py), the floor for any graph driven from Python.

Each framework runs in its own worker process (one BLAS/OpenMP thread each);
frameworks are interleaved round by round, and the table gives the median over
rounds of each round's median step time, with chainlite's ratios to the others.
Chainer runs the same Chainer-API script (benchmarks/chainer_api.py) in its own
interpreter; PyTorch runs when the interpreter given by ``--torch-python`` (by
default this one) has it.

    python benchmarks/run.py [--quick] [--rounds 3] [--only W1,W5]
                             [--chainer-python PY] [--torch-python PY]

W1/W2 MLP training steps, W3 ``optimizer.update()`` alone (``-fused``:
chainlite's grouped update, torch's ``fused=True``, NumPy over one flat buffer
in cache-sized slices; the plain rows are per-parameter), W4 a small CNN step,
W5 microseconds per op of a 6-op chain forward+backward on 4x4 arrays, W6 peak
memory (MiB above the post-import baseline, fresh process) of W2 steps, W7 W1
with an lr override and a WeightDecay hook on every other parameter.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import _common as C

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMEWORKS = ('chainlite', 'chainer', 'torch', 'numpy', 'floor')

# key, timed steps per round (full, quick); untimed warm-up steps precede them (first round
# 2, later rounds 1; --quick: 1, then none)
TIMED = [('W1/sgd', 30, 10), ('W1/adam', 30, 10), ('W2/sgd', 3, 1),
         ('W3/resnet50', 3, 1), ('W3/resnet50-fused', 3, 1),
         ('W3/small1000', 30, 10), ('W3/small1000-fused', 30, 10),
         ('W4/adam', 5, 2), ('W5/ops', 300, 100), ('W7/adam', 30, 10)]
MEMORY = ['W2/sgd', 'W2/adam']
# rows where a framework without the variant is compared through its plain form
FALLBACK = {'W3/resnet50-fused': 'W3/resnet50', 'W3/small1000-fused': 'W3/small1000'}


def default_chainer_python():
    path = os.environ.get('CHAINER_PYTHON') or os.path.join(
        os.path.dirname(os.path.dirname(HERE)), 'chainer-ref', 'bin', 'python')
    return path if os.path.exists(path) else None


def worker_commands(args):
    cmds = {'chainlite': [sys.executable, os.path.join(HERE, 'chainer_api.py'), '--chainlite'],
            'numpy': [sys.executable, os.path.join(HERE, 'numpy_ref.py')],
            'floor': [sys.executable, os.path.join(HERE, 'floor_ref.py')]}
    if args.chainer_python:
        cmds['chainer'] = [args.chainer_python, os.path.join(HERE, 'chainer_api.py')]
    torch_py = args.torch_python or sys.executable
    if subprocess.run([torch_py, '-c', 'import torch'], capture_output=True).returncode == 0:
        cmds['torch'] = [torch_py, os.path.join(HERE, 'torch_ref.py')]
    return {k: cmds[k] for k in FRAMEWORKS if k in cmds}


class Worker:
    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env=C.pinned_env(), cwd=HERE)
        self._versions = None

    @property
    def versions(self):
        if self._versions is None:
            self._versions = json.loads(self.proc.stdout.readline())['versions']
        return self._versions

    def ask(self, key, reps, warmup):
        self.proc.stdin.write('%s %d %d\n' % (key, reps, warmup))
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError('worker died on %s' % key)
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def peak_memories(jobs, steps):
    """Peak memory (MiB) of each (name, cmd, key) job, each in a fresh process, all at once
    (only memory is measured, so they may share the cores)."""
    procs = {(name, key): subprocess.Popen(cmd + ['--memory', key, str(steps)],
                                           stdout=subprocess.PIPE,
                                           stderr=subprocess.DEVNULL, text=True,
                                           env=C.pinned_env(), cwd=HERE)
             for name, cmd, key in jobs}
    out = {}
    for job, proc in procs.items():
        text = proc.communicate()[0].strip()
        out[job] = json.loads(text.splitlines()[-1]).get('mib') if proc.returncode == 0 else None
    return out


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return '%s, %d cores, %s' % (cpu, os.cpu_count(), platform.platform())


def fmt(v, unit=''):
    if v is None:
        return '-'
    return ('%.3g' % v if v < 100 else '%.0f' % v) + unit


def ratio(a, b):
    return '-' if a is None or b is None else '%.2fx' % (a / b)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--quick', action='store_true',
                        help='2 rounds, fewer repetitions, W6 with SGD and one step only; '
                        'under a minute')
    parser.add_argument('--rounds', type=int, default=None)
    parser.add_argument('--only', help='comma-separated workload prefixes, e.g. W1,W5')
    parser.add_argument('--chainer-python', default=default_chainer_python())
    parser.add_argument('--torch-python')
    args = parser.parse_args()
    rounds = args.rounds or (2 if args.quick else 3)
    only = tuple(args.only.split(',')) if args.only else None
    timed = [(k, q if args.quick else r) for k, r, q in TIMED
             if only is None or k.startswith(only)]
    memory = [k for k in MEMORY[:1 if args.quick else None]
              if only is None or 'W6'.startswith(only)]

    cmds = worker_commands(args)
    print('date: %s UTC' % datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M'))
    print('machine: %s' % machine())
    print('load average before: %.2f %.2f %.2f' % os.getloadavg())
    workers = {name: Worker(cmd) for name, cmd in cmds.items()}
    for name, w in workers.items():
        print('%-9s %s' % (name, ', '.join('%s %s' % kv for kv in w.versions.items())))
    missing = sorted(set(FRAMEWORKS) - set(workers))
    if missing:
        print('not run (not installed): %s' % ', '.join(missing))
    names = list(workers)

    results = {}
    spent = {}
    for r in range(rounds):
        for key, reps in timed:
            order = names[r % len(names):] + names[:r % len(names)]
            for name in order:
                t0 = time.perf_counter()
                out = workers[name].ask(key, reps, (r == 0) + (not args.quick))
                spent[key] = spent.get(key, 0) + time.perf_counter() - t0
                if 'error' in out:
                    print('%s %s: %s' % (name, key, out['error']), file=sys.stderr)
                if 'median' in out:
                    results.setdefault((name, key), []).append(out['median'])
    for w in workers.values():
        w.close()
    med = {k: statistics.median(v) for k, v in results.items()}
    for (name, key), v in list(med.items()):
        med[name, key] = v * (1e6 / C.W5_OPS if key == 'W5/ops' else 1e3)

    t0 = time.perf_counter()
    mem = peak_memories([(name, cmds[name], key) for key in memory for name in names],
                        1 if args.quick else 2)
    if memory:
        spent['W6'] = time.perf_counter() - t0

    header = '%-20s' % 'workload' + ''.join('%11s' % n for n in names) + \
        ''.join('%12s' % ('cl/' + n) for n in names if n != 'chainlite')
    print('\nmedian of %d interleaved rounds; ms per step (W5: us per op), W6: MiB' % rounds)
    print(header)

    def row(label, values):
        line = '%-20s' % label + ''.join('%11s' % fmt(values.get(n)) for n in names)
        line += ''.join('%12s' % ratio(values.get('chainlite'), values.get(n))
                        for n in names if n != 'chainlite')
        print(line)

    for key, _ in timed:
        values = {}
        for n in names:
            values[n] = med.get((n, key), med.get((n, FALLBACK.get(key))))
        row(key, values)
    for key in memory:
        row('W6 ' + key, {n: mem.get((n, key)) for n in names})
    if ('chainlite', 'W7/adam') in med and ('chainlite', 'W1/adam') in med:
        print('\nW7/W1 (settings on half vs plain Adam step): ' + ', '.join(
            '%s %s' % (n, ratio(med.get((n, 'W7/adam')), med.get((n, 'W1/adam'))))
            for n in names))
    print('load average after: %.2f %.2f %.2f' % os.getloadavg())
    print('wall seconds per workload (all frameworks and rounds, with set-up): ' + ', '.join(
        '%s %.1f' % kv for kv in spent.items()))


if __name__ == '__main__':
    sys.exit(main())
