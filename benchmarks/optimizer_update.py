"""Time of ``optimizer.update()`` alone (issue 3 and W3 of issue 7).

Workloads: Adam over ResNet-50's parameter shapes (~25.5M values) and over
1000 parameters of shape (10,); for each, chainlite's fused update, its
per-parameter path (``opt.fused = False``), and the fused update with
per-parameter settings (an lr override and an lr factor) on half of the
parameters, and with a WeightDecay hook on every parameter besides. With
``--chainer PYTHON`` the same Chainer-API code also runs under Chainer 7.8.1
in that interpreter. Medians of interleaved rounds, in milliseconds.

    python benchmarks/optimizer_update.py [--rounds 5] [--chainer /path/to/python]
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy

import _common  # benchmarks/ is the script's directory, so it is on sys.path


WORKLOADS = _common.W3_SHAPES  # the same shapes as W3 of benchmarks/run.py


def build(chainer, shapes, variant):
    rs = numpy.random.RandomState(0)
    net = chainer.Chain()
    with net.init_scope():
        for i, shape in enumerate(shapes):
            setattr(net, 'p%d' % i, chainer.Parameter(rs.randn(*shape).astype(numpy.float32)))
    opt = chainer.optimizers.Adam()
    if variant == 'per-param':
        opt.fused = False
    opt.setup(net)
    if variant in ('settings', 'settings+hooks'):
        for i, param in enumerate(net.params()):
            if i % 2:
                param.update_rule.hyperparam.alpha = 2e-3
                if hasattr(param, 'lr_factor'):
                    param.lr_factor = 0.5
    if variant == 'settings+hooks':
        for param in net.params():
            param.update_rule.add_hook(chainer.optimizer_hooks.WeightDecay(1e-4))
    for param in net.params():
        param.grad = rs.randn(*param.shape).astype(numpy.float32)
    opt.update()  # states allocated, plans built
    return opt


def time_update(opt, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        opt.update()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(framework, rounds):
    if framework == 'chainer':
        import chainer
        variants = ['per-param', 'settings', 'settings+hooks']
    else:
        import chainlite as chainer
        import chainlite.optimizer_hooks  # noqa: F401
        import chainlite.optimizers  # noqa: F401
        variants = ['fused', 'per-param', 'settings', 'settings+hooks']
    results = {}
    opts = {(w, v): build(chainer, shapes, v) for w, shapes in WORKLOADS.items()
            for v in variants}
    for _ in range(rounds):  # interleaved: every variant once per round
        for key, opt in opts.items():
            repeat = 3 if key[0] == 'resnet50' else 20
            results.setdefault('%s/%s' % key, []).append(time_update(opt, repeat) * 1e3)
    return {k: statistics.median(v) for k, v in results.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--chainer', help='python of a Chainer 7.8.1 environment')
    parser.add_argument('--framework', default='chainlite', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.framework == 'chainer':
        print(json.dumps(measure('chainer', args.rounds)))
        return
    ours = measure('chainlite', args.rounds)
    theirs = {}
    if args.chainer:
        out = subprocess.run([args.chainer, __file__, '--framework', 'chainer',
                              '--rounds', str(args.rounds)], capture_output=True, text=True,
                             check=True)
        theirs = json.loads(out.stdout.strip().splitlines()[-1])
    print('%-26s %12s %12s' % ('workload/variant', 'chainlite ms', 'Chainer ms'))
    for key, value in ours.items():
        ref = theirs.get(key)
        print('%-26s %12.3f %12s' % (key, value, '%.3f' % ref if ref else '-'))
    for w in WORKLOADS:
        print('%s: settings on half / plain fused = %.2fx; with hooks = %.2fx; '
              'per-param / fused = %.2fx' % (
                  w, ours[w + '/settings'] / ours[w + '/fused'],
                  ours[w + '/settings+hooks'] / ours[w + '/fused'],
                  ours[w + '/per-param'] / ours[w + '/fused']))


if __name__ == '__main__':
    sys.exit(main())
