"""The workloads written once against Chainer's API: Chainer 7.8.1 runs it as is,
chainlite runs it with ``--chainlite`` (``import chainer`` then resolves to
chainlite through chainlite.compat). A worker of benchmarks/run.py.
"""
import os
import sys

import numpy

CHAINLITE = '--chainlite' in sys.argv
if CHAINLITE:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import chainlite.compat
    import chainlite.optimizers._jit
    chainlite.compat.install()
    # Load the optional JIT (numba, the `fast` extra) now, with the other libraries, so
    # W6 counts the memory of a step rather than that of the compiler's runtime.
    chainlite.optimizers._jit.has_adam()

import chainer  # noqa: E402
import chainer.functions as F  # noqa: E402
import chainer.links as L  # noqa: E402
from chainer import optimizer_hooks, optimizers  # noqa: E402

import _common as C  # noqa: E402


class MLP(chainer.ChainList):
    def __init__(self, sizes):
        super().__init__(*[L.Linear(i, o) for i, o in zip(sizes[:-1], sizes[1:])])

    def forward(self, x):
        n = len(self)
        for i, layer in enumerate(self):
            x = layer(x)
            if i < n - 1:
                x = F.relu(x)
        return x


class CNN(chainer.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.c1 = L.Convolution2D(1, 32, 3, pad=1)
            self.c2 = L.Convolution2D(32, 64, 3, pad=1)
            self.fc = L.Linear(3136, 10)

    def forward(self, x):
        h = F.max_pooling_2d(F.relu(self.c1(x)), 2)
        h = F.max_pooling_2d(F.relu(self.c2(h)), 2)
        return self.fc(h)


def make_optimizer(name):
    return optimizers.Adam() if name == 'adam' else optimizers.SGD(lr=C.SGD_LR)


def train_step(model, opt, x, t):
    def step():
        model.cleargrads()
        loss = F.softmax_cross_entropy(model(x), t)
        loss.backward()
        opt.update()
    return step


def mlp(sizes, batch, opt_name, settings=False):
    def factory():
        numpy.random.seed(C.SEED)
        model = MLP(sizes)
        opt = make_optimizer(opt_name)
        opt.setup(model)
        if settings:  # W7: every other parameter gets its own lr and a WeightDecay hook
            for i, param in enumerate(model.params()):
                if i % 2:
                    param.update_rule.hyperparam.alpha = C.W7_ALPHA
                    param.update_rule.add_hook(optimizer_hooks.WeightDecay(C.W7_DECAY))
        return train_step(model, opt, *C.mlp_data(sizes, batch))
    return factory


def cnn():
    numpy.random.seed(C.SEED)
    model = CNN()
    opt = make_optimizer('adam')
    opt.setup(model)
    return train_step(model, opt, *C.cnn_data())


def adam_update(name, fused):
    def factory():
        params, grads = C.w3_arrays(name)
        net = chainer.Chain()
        with net.init_scope():
            for i, p in enumerate(params):
                setattr(net, 'p%d' % i, chainer.Parameter(p))
        opt = optimizers.Adam()
        if CHAINLITE:
            opt.fused = fused  # chainlite's grouped multi-tensor update (on by default)
        opt.setup(net)
        for i, g in enumerate(grads):
            getattr(net, 'p%d' % i).grad = g
        return opt.update
    return factory


def op_chain():
    x, w, b = C.w5_data()
    w = chainer.Variable(w)
    b = chainer.Variable(b)

    def step():
        w.cleargrad()
        b.cleargrad()
        h = x @ w
        h = h + b
        h = h * h
        h = h @ w
        h = h + b
        F.sum(h).backward()
    return step


FACTORIES = {
    'W1/sgd': mlp(C.MLP_W1, C.BATCH_W1, 'sgd'),
    'W1/adam': mlp(C.MLP_W1, C.BATCH_W1, 'adam'),
    'W2/sgd': mlp(C.MLP_W2, C.BATCH_W2, 'sgd'),
    'W2/adam': mlp(C.MLP_W2, C.BATCH_W2, 'adam'),
    'W3/resnet50': adam_update('resnet50', False),
    'W3/small1000': adam_update('small1000', False),
    'W4/adam': cnn,
    'W5/ops': op_chain,
    'W7/adam': mlp(C.MLP_W1, C.BATCH_W1, 'adam', settings=True),
}
if CHAINLITE:
    FACTORIES['W3/resnet50-fused'] = adam_update('resnet50', True)
    FACTORIES['W3/small1000-fused'] = adam_update('small1000', True)

if __name__ == '__main__':
    name = 'chainlite' if CHAINLITE else 'chainer'
    version = getattr(sys.modules[name], '__version__', 'dev')
    C.serve(FACTORIES, {name: version, 'numpy': numpy.__version__,
                        'python': sys.version.split()[0]})
