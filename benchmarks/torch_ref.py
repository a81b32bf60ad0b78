"""The workloads in PyTorch (CPU, one thread): an outside anchor, never a chainlite dependency.

A worker of benchmarks/run.py; run it with an interpreter that has torch.
"""
import sys

import numpy
import torch
from torch import nn
from torch.nn import functional as F

import _common as C

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:  # already set
    pass


def mlp_model(sizes):
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(n_in, n_out))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def cnn_model():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(3136, 10))


def make_optimizer(name, groups):
    if name == 'adam':
        return torch.optim.Adam(groups, lr=1e-3)
    return torch.optim.SGD(groups, lr=C.SGD_LR)


def train_step(model, opt, x, t):
    x = torch.from_numpy(x)
    t = torch.from_numpy(t.astype(numpy.int64))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), t)
        loss.backward()
        opt.step()
    return step


def mlp(sizes, batch, opt_name, settings=False):
    def factory():
        torch.manual_seed(C.SEED)
        model = mlp_model(sizes)
        params = list(model.parameters())
        groups = [{'params': params[0::2]}]
        if settings:  # W7: every other parameter gets its own lr and L2 decay (= WeightDecay)
            groups.append({'params': params[1::2], 'lr': C.W7_ALPHA,
                           'weight_decay': C.W7_DECAY})
        else:
            groups[0]['params'] = params
        return train_step(model, make_optimizer(opt_name, groups), *C.mlp_data(sizes, batch))
    return factory


def cnn():
    torch.manual_seed(C.SEED)
    model = cnn_model()
    return train_step(model, make_optimizer('adam', model.parameters()), *C.cnn_data())


def adam_update(name, fused):
    def factory():
        params, grads = C.w3_arrays(name)
        params = [torch.from_numpy(p).requires_grad_() for p in params]
        for p, g in zip(params, grads):
            p.grad = torch.from_numpy(g)
        return torch.optim.Adam(params, lr=1e-3, fused=fused or None).step
    return factory


def op_chain():
    x, w, b = (torch.from_numpy(a) for a in C.w5_data())
    w.requires_grad_()
    b.requires_grad_()

    def step():
        w.grad = None
        b.grad = None
        h = x @ w
        h = h + b
        h = h * h
        h = h @ w
        h = h + b
        h.sum().backward()
    return step


FACTORIES = {
    'W1/sgd': mlp(C.MLP_W1, C.BATCH_W1, 'sgd'),
    'W1/adam': mlp(C.MLP_W1, C.BATCH_W1, 'adam'),
    'W2/sgd': mlp(C.MLP_W2, C.BATCH_W2, 'sgd'),
    'W2/adam': mlp(C.MLP_W2, C.BATCH_W2, 'adam'),
    'W3/resnet50': adam_update('resnet50', False),
    'W3/small1000': adam_update('small1000', False),
    'W3/resnet50-fused': adam_update('resnet50', True),
    'W3/small1000-fused': adam_update('small1000', True),
    'W4/adam': cnn,
    'W5/ops': op_chain,
    'W7/adam': mlp(C.MLP_W1, C.BATCH_W1, 'adam', settings=True),
}

if __name__ == '__main__':
    C.serve(FACTORIES, {'torch': torch.__version__, 'numpy': numpy.__version__,
                        'python': sys.version.split()[0]})
